// Every flag of the panel's webPreferences that keeps a compromised renderer contained.
import { describe, it, expect } from 'vitest';
import { panelWebPreferences } from '../../../src-main/shell/web-preferences';
import { isSafeExternalUrl } from '../../../src-main/shell/url-policy';

describe('the panel window', () => {
  it('is sandboxed and isolated, with no Node anywhere and no webview', () => {
    expect(panelWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});

describe('links opened outside the app', () => {
  it.each(['https://work.weixin.qq.com/', 'mailto:help@example.com'])('lets %s through', (u) => expect(isSafeExternalUrl(u)).toBe(true));
  it.each(['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com', 'not a url', 'tagdesk-app://panel/x'])(
    'refuses %s',
    (u) => expect(isSafeExternalUrl(u)).toBe(false),
  );
});
