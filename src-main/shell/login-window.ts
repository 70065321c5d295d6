// WeCom's login page in a window of its own: sandboxed, no preload, no Node — it is a remote
// page. WeCom redirects it to Tagdesk's loopback callback, which answers with a short page;
// the window closes itself once that page has loaded.
import { BrowserWindow } from 'electron';
import { allowRemoteNavigation } from './security';

let current: BrowserWindow | null = null;

export function openLoginWindow(url: string, parent: BrowserWindow | null): void {
  current?.close();
  const win = new BrowserWindow({
    width: 480,
    height: 640,
    title: '登录 Tagdesk',
    ...(parent ? { parent } : {}),
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  allowRemoteNavigation(win.webContents);
  current = win;
  win.on('closed', () => {
    if (current === win) current = null;
  });
  win.webContents.on('did-navigate', (_e, navigated) => {
    const u = new URL(navigated);
    if (u.hostname === '127.0.0.1' && u.pathname === '/callback') setTimeout(() => win.close(), 1200);
  });
  void win.loadURL(url);
}
