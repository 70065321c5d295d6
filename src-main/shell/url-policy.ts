// Which URLs may leave the app for the OS, and which count as our own. Pure, so it is tested
// without Electron.
export const APP_SCHEME = 'tagdesk-app';
export const APP_ORIGIN = `${APP_SCHEME}://panel`;

export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password) || url.protocol === 'mailto:';
}

export function isAppUrl(raw: string): boolean {
  try {
    return new URL(raw).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}
