// Electron's transport for the typed contract: one ipcMain.handle per channel, each checking
// that the call comes from our own top-level frame before it reaches the shared dispatcher.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_PREFIX, channelNames, fail, type AppEvent } from '../../src-shared/ipc/index';
import type { App } from '../app/services';
import { isAppUrl } from './url-policy';

export const EVENT_CHANNEL = `${IPC_PREFIX}event`;

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(app: App, windows: () => WebContents[]): () => void {
  for (const name of channelNames) {
    ipcMain.handle(IPC_PREFIX + name, async (event, args: unknown) => {
      if (!trustedSender(event)) {
        app.log.warn({ channel: name, url: event.senderFrame?.url }, 'ipc: refused call from untrusted frame');
        return fail({ code: 'forbidden', message: 'untrusted sender frame', userMessage: '请求来源无效，已拒绝。' });
      }
      return app.dispatcher.dispatch(name, args, { transport: 'electron' });
    });
  }
  const unsubscribe = app.bus.subscribe((event: AppEvent) => {
    for (const wc of windows()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    for (const name of channelNames) ipcMain.removeHandler(IPC_PREFIX + name);
  };
}
