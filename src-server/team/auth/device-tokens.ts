// Device tokens: what a desktop gets at sign-in and keeps in the OS keychain. The server
// stores only their SHA-256; a revoked device is refused on its very next request.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { TeamDb } from '../store/database';
import { TeamHttpError } from '../http/respond';
import type { Role } from '../directory';

export interface AuthenticatedDevice {
  deviceId: string;
  userid: string;
  role: Role;
}

export interface DeviceRow {
  id: string;
  userid: string;
  label: string;
  created_at: string;
  last_seen_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export function createDeviceTokens(db: TeamDb, now: () => Date) {
  const insert = db.prepare(`INSERT INTO devices (id, userid, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)`);
  const byHash = db.prepare(`SELECT d.id, d.userid, d.revoked_at, m.role, m.active FROM devices d JOIN members m ON m.userid = d.userid WHERE d.token_hash = ?`);
  const touch = db.prepare(`UPDATE devices SET last_seen_at = ? WHERE id = ?`);
  const revokeStmt = db.prepare(`UPDATE devices SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`);
  const dropRelay = db.prepare(`DELETE FROM relay_tokens WHERE device_id = ?`);

  return {
    /** Issues a new device token for a member; returns it once (only its hash is kept). */
    issue(userid: string, label: string): { deviceId: string; token: string } {
      const token = `tdk_${randomBytes(32).toString('base64url')}`;
      const deviceId = randomUUID();
      insert.run(deviceId, userid, hashToken(token), label.slice(0, 120), now().toISOString());
      return { deviceId, token };
    },

    /** Checks a raw token; returns null for unknown, 'revoked' for revoked or inactive members. */
    check(token: string): AuthenticatedDevice | 'revoked' | null {
      const row = byHash.get(hashToken(token)) as { id: string; userid: string; revoked_at: string | null; role: Role; active: number } | undefined;
      if (!row) return null;
      if (row.revoked_at || !row.active) return 'revoked';
      touch.run(now().toISOString(), row.id);
      return { deviceId: row.id, userid: row.userid, role: row.role };
    },

    /** Authenticates an `Authorization: Bearer <token>` header or throws the right error. */
    authenticate(header: string | undefined): AuthenticatedDevice {
      const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
      if (!m) throw new TeamHttpError('unauthenticated', 'missing bearer token', '尚未登录，请先登录。');
      const r = this.check(m[1]!);
      if (r === null) throw new TeamHttpError('unauthenticated', 'unknown device token', '登录已失效，请重新登录。');
      if (r === 'revoked') throw new TeamHttpError('device_revoked', 'device token revoked', '此设备的登录已被撤销，请重新登录。');
      return r;
    },

    revoke(deviceId: string, by: string): boolean {
      const changed = db.transaction(() => {
        const n = revokeStmt.run(now().toISOString(), by, deviceId).changes;
        dropRelay.run(deviceId);
        return n;
      })();
      return changed > 0;
    },

    list(userid?: string): DeviceRow[] {
      const sql = `SELECT id, userid, label, created_at, last_seen_at, revoked_at, revoked_by FROM devices ${userid ? 'WHERE userid = ?' : ''} ORDER BY created_at DESC`;
      return (userid ? db.prepare(sql).all(userid) : db.prepare(sql).all()) as DeviceRow[];
    },

    get(deviceId: string): DeviceRow | undefined {
      return db.prepare(`SELECT id, userid, label, created_at, last_seen_at, revoked_at, revoked_by FROM devices WHERE id = ?`).get(deviceId) as DeviceRow | undefined;
    },
  };
}

export type DeviceTokens = ReturnType<typeof createDeviceTokens>;
