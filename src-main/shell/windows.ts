// The one secure window factory: sandboxed, context-isolated, no Node in the renderer, our
// CSP on every response, navigation and pop-ups denied (security.ts). The panel is narrow,
// frameless with a drag area drawn by the renderer, and always on top beside WeCom.
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './protocol';
import { panelWebPreferences } from './web-preferences';
import { initialBounds, trackWindowState } from './window-state';

export function createPanelWindow(opts: { dataDir: string; preload: string; icon: string }): BrowserWindow {
  const win = new BrowserWindow({
    ...initialBounds(opts.dataDir),
    minWidth: 300,
    minHeight: 420,
    maxWidth: 640,
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: false,
    show: false,
    title: 'Tagdesk',
    icon: opts.icon,
    backgroundColor: '#ffffff',
    webPreferences: panelWebPreferences(opts.preload),
  });
  win.setAlwaysOnTop(true, 'floating');
  win.once('ready-to-show', () => win.show());
  trackWindowState(win, opts.dataDir);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
