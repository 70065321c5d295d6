// App-wide hardening for every webContents: no navigation away from our origin, no new
// windows, no permission prompts, external links only for https/mailto after URL parsing.
import { app, session, shell, type WebContents } from 'electron';
import { isAppUrl, isSafeExternalUrl } from './url-policy';

/** webContents showing a remote page (WeCom's login): may navigate over http(s), nothing else. */
const remote = new Set<number>();

export function allowRemoteNavigation(contents: WebContents): void {
  remote.add(contents.id);
  contents.once('destroyed', () => remote.delete(contents.id));
}

function navigationAllowed(contents: WebContents, url: string): boolean {
  if (isAppUrl(url)) return !remote.has(contents.id);
  if (!remote.has(contents.id)) return false;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(contents, url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!navigationAllowed(contents, url)) event.preventDefault();
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
