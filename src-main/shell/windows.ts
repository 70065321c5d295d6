// The one secure window factory: sandboxed, context-isolated, no Node in the renderer, our
// CSP on every response, navigation and pop-ups denied (security.ts). The panel is narrow,
// frameless with a drag area drawn by the renderer, and always on top beside WeCom.
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './protocol';
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
    // Kept as a literal here so the Electronegativity scan in npm test checks every flag.
    webPreferences: {
      // The preload is ours, sandboxed, and exposes only the typed contract (src-preload/index.ts).
      preload: opts.preload, /* eng-disable PRELOAD_JS_CHECK */
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      devTools: !process.env.TAGDESK_NO_DEVTOOLS,
    },
  });
  win.setAlwaysOnTop(true, 'floating');
  win.once('ready-to-show', () => win.show());
  trackWindowState(win, opts.dataDir);
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
