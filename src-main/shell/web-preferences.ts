// The panel's webPreferences, kept apart from the window factory so a unit test can check
// every security-relevant flag without starting Electron.
import type { WebPreferences } from 'electron';

export function panelWebPreferences(preload: string): WebPreferences {
  return {
    // The preload is ours, sandboxed, and exposes only the typed contract (src-preload/index.ts).
    preload, /* eng-disable PRELOAD_JS_CHECK */
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
  };
}
