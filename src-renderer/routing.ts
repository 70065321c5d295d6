// Deep links in browser mode: `#/customer/<external_userid>` opens that customer. The hash is
// read once at start-up, before the API client takes its token from the same fragment.
export const initialHash = window.location.hash;

export function customerFromHash(hash: string): string | null {
  const m = /^#\/customer\/([^/?&#]+)/.exec(hash);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
