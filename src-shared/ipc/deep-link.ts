// Deep links that open a customer: `tagdesk://customer/<external_userid>` from other apps (the
// Electron shell registers the scheme), and `#/customer/<external_userid>` in browser mode's URL.
// One parser for both, so the two cannot disagree about what is a valid link.

/** WeCom external_userid: letters, digits, '_' and '-', at most 64 characters. */
const EXTERNAL_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function customerFromDeepLink(link: string): string | null {
  let rest: string;
  if (link.startsWith('tagdesk://')) rest = link.slice('tagdesk://'.length);
  else if (link.startsWith('#/')) rest = link.slice(2);
  else return null;
  const [kind, id, ...extra] = rest.split(/[?#&]/)[0]!.split('/').filter((p) => p.length > 0);
  if (kind !== 'customer' || id === undefined || extra.length > 0) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(id);
  } catch {
    return null;
  }
  return EXTERNAL_ID.test(decoded) ? decoded : null;
}

export const customerDeepLink = (externalUserid: string): string => `tagdesk://customer/${encodeURIComponent(externalUserid)}`;
