// What the preload puts on window, for the renderer's typecheck (tsconfig.web.json).
import type { TagdeskApi } from '../src-shared/ipc/index';

declare global {
  interface Window {
    /** Present in the Electron shell; absent in browser mode (the HTTP client stands in). */
    tagdesk?: TagdeskApi;
  }
}
export {};
