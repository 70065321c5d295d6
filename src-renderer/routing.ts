// Deep links in browser mode: `#/customer/<external_userid>` opens that customer. The hash is
// read once at start-up, before the API client takes its token from the same fragment. The
// parser is the one the Electron shell uses for tagdesk://customer/<id>.
import { customerFromDeepLink } from '../src-shared/ipc/deep-link';

export const initialHash = window.location.hash;

export function customerFromHash(hash: string): string | null {
  return customerFromDeepLink(hash);
}
