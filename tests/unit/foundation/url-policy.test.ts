// Which links may leave the app for the OS (the window's own flags are checked by the
// Electronegativity scan in npm test, which reads the BrowserWindow literal).
import { describe, it, expect } from 'vitest';
import { isSafeExternalUrl } from '../../../src-main/shell/url-policy';

describe('links opened outside the app', () => {
  it.each(['https://work.weixin.qq.com/', 'mailto:help@example.com'])('lets %s through', (u) => expect(isSafeExternalUrl(u)).toBe(true));
  it.each(['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@example.com', 'not a url', 'tagdesk-app://panel/x'])(
    'refuses %s',
    (u) => expect(isSafeExternalUrl(u)).toBe(false),
  );
});
