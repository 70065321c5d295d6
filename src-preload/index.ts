// The preload: exposes exactly the typed contract as `window.tagdesk` — one named function per
// channel plus an event subscription — and nothing else (no ipcRenderer, no generic send).
// Built as CommonJS because sandboxed preloads cannot load ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_PREFIX, channelNames, type AppEvent, type TagdeskApi } from '../src-shared/ipc/index';

const call = Object.fromEntries(
  channelNames.map((name) => [name, (args: unknown) => ipcRenderer.invoke(IPC_PREFIX + name, args)]),
) as TagdeskApi['call'];

const api: TagdeskApi = {
  call,
  onEvent(listener) {
    const wrapped = (_e: IpcRendererEvent, event: AppEvent): void => listener(event);
    ipcRenderer.on(`${IPC_PREFIX}event`, wrapped);
    return () => {
      ipcRenderer.removeListener(`${IPC_PREFIX}event`, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('tagdesk', api);
