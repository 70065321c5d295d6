// Relay access tokens: what `gettoken` hands a desktop in exchange for its device token.
// Short-lived like WeCom's own (7200 s), stored hashed, dropped when the device is revoked.
import { randomBytes } from 'node:crypto';
import type { TeamDb } from '../store/database';
import { hashToken } from '../auth/device-tokens';

export const RELAY_TOKEN_TTL_S = 7200;

export function createRelayTokens(db: TeamDb, now: () => Date) {
  const insert = db.prepare(`INSERT INTO relay_tokens (token_hash, device_id, expires_at) VALUES (?, ?, ?)`);
  const lookup = db.prepare(`
    SELECT r.expires_at, d.id AS device_id, d.userid, d.revoked_at, m.role, m.active
    FROM relay_tokens r JOIN devices d ON d.id = r.device_id JOIN members m ON m.userid = d.userid
    WHERE r.token_hash = ?`);
  const purge = db.prepare(`DELETE FROM relay_tokens WHERE expires_at < ?`);
  return {
    issue(deviceId: string): { token: string; expiresIn: number } {
      const token = `rly_${randomBytes(24).toString('base64url')}`;
      const nowS = Math.floor(now().getTime() / 1000);
      purge.run(nowS);
      insert.run(hashToken(token), deviceId, nowS + RELAY_TOKEN_TTL_S);
      return { token, expiresIn: RELAY_TOKEN_TTL_S };
    },
    /** 'invalid' (unknown or revoked: WeCom's 40014) or 'expired' (42001), else the caller. */
    check(token: string): { deviceId: string; userid: string } | 'invalid' | 'expired' {
      const row = lookup.get(hashToken(token)) as { expires_at: number; device_id: string; userid: string; revoked_at: string | null; active: number } | undefined;
      if (!row || row.revoked_at || !row.active) return 'invalid';
      if (row.expires_at <= Math.floor(now().getTime() / 1000)) return 'expired';
      return { deviceId: row.device_id, userid: row.userid };
    },
  };
}

export type RelayTokens = ReturnType<typeof createRelayTokens>;
