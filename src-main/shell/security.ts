// App-wide hardening for every webContents: no navigation away from our origin, no new
// windows, no permission prompts, external links only for https/mailto after URL parsing.
import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './url-policy';

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Only https/mailto URLs that parse cleanly reach the OS; everything else is dropped.
    if (isSafeExternalUrl(url)) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    return { action: 'deny' };
  });
}

export function installAppHardening(): void {
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  }).catch(() => undefined);
}
