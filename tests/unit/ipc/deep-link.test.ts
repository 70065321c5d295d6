// Deep links to a customer: the shell's tagdesk:// scheme and browser mode's URL hash.
import { describe, expect, it } from 'vitest';
import { customerDeepLink, customerFromDeepLink } from '../../../src-shared/ipc/deep-link';

describe('customer deep links', () => {
  it('reads the customer from both forms', () => {
    expect(customerFromDeepLink('tagdesk://customer/wmAbC_12-x')).toBe('wmAbC_12-x');
    expect(customerFromDeepLink('#/customer/wmAbC_12-x')).toBe('wmAbC_12-x');
    expect(customerFromDeepLink('tagdesk://customer/wmAbC/')).toBe('wmAbC');
    expect(customerFromDeepLink('tagdesk://customer/wm1?from=crm')).toBe('wm1');
    // Browser mode's launch URL carries the session token in the same fragment.
    expect(customerFromDeepLink('#/customer/wm1&token=abc')).toBe('wm1');
  });

  it('refuses anything else: other kinds, extra parts, bad characters, other schemes', () => {
    for (const bad of ['tagdesk://settings/x', 'tagdesk://customer/', 'tagdesk://customer/a/b', 'tagdesk://customer/wm%2F..%2Fx',
      'tagdesk://customer/<script>', 'https://evil.example/#/customer/wm1', 'tagdesk://customer/%E0%A4%A', `tagdesk://customer/${'a'.repeat(65)}`]) {
      expect(customerFromDeepLink(bad), bad).toBeNull();
    }
  });

  it('round-trips what it writes', () => {
    expect(customerFromDeepLink(customerDeepLink('wm_Zx-9'))).toBe('wm_Zx-9');
  });
});
