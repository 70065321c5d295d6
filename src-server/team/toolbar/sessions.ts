// Sessions of the chat-toolbar page. WeCom opens the page through its OAuth redirect with a
// one-time `code`; the server exchanges it for the member's userid and keeps a short session
// in an HttpOnly cookie. Kept in memory: after a server restart the page simply re-authorises.
import { randomBytes } from 'node:crypto';

export const TOOLBAR_COOKIE = 'tdk_tb';
const TTL_MS = 12 * 60 * 60 * 1000;

export function createToolbarSessions(now: () => Date) {
  const sessions = new Map<string, { userid: string; until: number }>();
  return {
    open(userid: string): string {
      const id = randomBytes(24).toString('base64url');
      sessions.set(id, { userid, until: now().getTime() + TTL_MS });
      return id;
    },
    /** The session's member, from a Cookie header. */
    userOf(cookieHeader: string | undefined): string | null {
      const m = new RegExp(`(?:^|;\\s*)${TOOLBAR_COOKIE}=([A-Za-z0-9_-]+)`).exec(cookieHeader ?? '');
      if (!m) return null;
      const s = sessions.get(m[1]!);
      if (!s) return null;
      if (s.until <= now().getTime()) {
        sessions.delete(m[1]!);
        return null;
      }
      return s.userid;
    },
  };
}

export type ToolbarSessions = ReturnType<typeof createToolbarSessions>;
