// Central audit on the team server. The server appends what it does itself (relayed writes,
// approval decisions and applies, policy saves) to its own hash chain; desktops upload their
// enterprise chain in segments, which must continue exactly where the last one ended. Queries
// are filtered by who may see whose work; an export verifies with `tagdesk audit verify`.
import {
  sealAuditEvent, verifyAuditChain, exportAuditJsonl, auditEventSchema, hashEventBody,
  type AuditEvent, type AuditEventInput, type AuditHead, type Redactor, type AuditSource,
} from '../../../src-shared/audit/index';
import type { TeamDb } from '../store/database';
import type { Directory } from '../directory';
import { TeamHttpError } from '../http/respond';

export const SERVER_CHAIN = 'server';
export const deviceChain = (deviceId: string): string => `device:${deviceId}`;
export const SERVER_DEVICE = 'team-server';

export interface AuditQuery {
  customer?: string;
  member?: string;
  source?: AuditSource;
  from?: string;
  to?: string;
  limit: number;
}

const memberOf = (e: AuditEvent): string => e.onBehalfOf ?? ('member' in e.target && typeof e.target.member === 'string' ? e.target.member : e.actor);
const customerOf = (e: AuditEvent): string | null => ('customer' in e.target && typeof e.target.customer === 'string' ? e.target.customer : null);

export function createCentralAudit(db: TeamDb, directory: Directory, now: () => Date, redactor: Redactor) {
  const headOf = db.prepare(`SELECT seq, hash FROM audit_events WHERE chain_id = ? ORDER BY seq DESC LIMIT 1`);
  const insert = db.prepare(`INSERT INTO audit_events (chain_id, seq, hash, at, actor, member, customer, source, action, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const stored = db.prepare(`SELECT hash FROM audit_events WHERE chain_id = ? AND seq = ?`).pluck();

  // Watchers of the server's own chain (suspicious-edit alerts): told after each append,
  // outside the caller's stack, so a watcher can neither slow nor break the change it sees.
  const listeners: ((e: AuditEvent<'enterprise'>) => void)[] = [];

  const put = (chainId: string, e: AuditEvent): void => {
    insert.run(chainId, e.seq, e.hash, e.at, e.actor, memberOf(e), customerOf(e), e.source, e.action, JSON.stringify(e));
  };

  const audit = {
    head(chainId: string): AuditHead | null {
      return (headOf.get(chainId) as AuditHead | undefined) ?? null;
    },

    /** Appends to the server's own chain (call inside the transaction of the change it records). */
    append(input: AuditEventInput<'enterprise'>): AuditEvent<'enterprise'> {
      const e = sealAuditEvent('enterprise', audit.head(SERVER_CHAIN), input, { device: SERVER_DEVICE, at: now().getTime(), redactor });
      put(SERVER_CHAIN, e);
      if (listeners.length > 0) {
        setImmediate(() => {
          for (const l of listeners) l(e);
        });
      }
      return e;
    },

    /** Calls `listener` with every event appended to the server's chain from now on. */
    onAppend(listener: (e: AuditEvent<'enterprise'>) => void): () => void {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },

    /**
     * Stores a device's uploaded segment. It must continue the stored chain; events already
     * stored (a retried upload) are accepted again only if identical. Returns the new head.
     */
    upload(deviceId: string, raw: unknown[]): { head: AuditHead | null; accepted: number } {
      const chainId = deviceChain(deviceId);
      return db.transaction(() => {
        const head = audit.head(chainId);
        const events: AuditEvent[] = [];
        for (const [i, r] of raw.entries()) {
          const parsed = auditEventSchema.safeParse(r);
          if (!parsed.success) throw new TeamHttpError('bad_request', `event ${i} is not an audit event: ${parsed.error.issues[0]?.message ?? ''}`, '审计记录格式不正确。');
          events.push(parsed.data as AuditEvent);
        }
        // Skip the part already stored, but only when it is byte-for-byte what we have.
        const fresh = events.filter((e) => {
          if (!head || e.seq > head.seq) return true;
          if (stored.get(chainId, e.seq) !== e.hash || hashEventBody(e as unknown as Record<string, unknown>) !== e.hash) {
            throw new TeamHttpError('conflict', `event seq ${e.seq} differs from the stored one`, `第 ${e.seq} 条审计记录与已上传的不一致，已拒绝。`);
          }
          return false;
        });
        if (fresh.length === 0) return { head, accepted: 0 };
        if (fresh.some((e) => e.device !== deviceId)) throw new TeamHttpError('forbidden', 'segment contains events of another device', '审计记录不属于此设备。');
        const verdict = verifyAuditChain(fresh, { chain: 'enterprise', ...(head ? { after: head } : {}) });
        if (!verdict.ok) {
          throw new TeamHttpError('conflict', `segment does not continue the chain: seq ${verdict.firstBadSeq}: ${verdict.reason}`, `审计记录链校验失败：${verdict.message}`);
        }
        for (const e of fresh) put(chainId, e);
        const last = fresh[fresh.length - 1]!;
        return { head: { seq: last.seq, hash: last.hash }, accepted: fresh.length };
      })();
    },

    /** Events the viewer may see: admins all, supervisors their team's, anyone else their own. */
    query(viewer: string, q: AuditQuery): AuditEvent[] {
      const me = directory.member(viewer);
      if (!me) return [];
      const where: string[] = [];
      const args: (string | number)[] = [];
      const filters: [string, string | undefined][] = [
        ['customer = ?', q.customer], ['member = ?', q.member], ['source = ?', q.source], ['at >= ?', q.from], ['at < ?', q.to],
      ];
      for (const [clause, value] of filters) {
        if (value === undefined) continue;
        where.push(clause);
        args.push(value);
      }
      if (me.role !== 'admin') {
        const team = me.role === 'supervisor' ? directory.teamOf(me).map((m) => m.userid) : [viewer];
        where.push(`member IN (${team.map(() => '?').join(',')})`);
        args.push(...team);
      }
      const sql = `SELECT body FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, chain_id, seq DESC LIMIT ?`;
      return (db.prepare(sql).pluck().all(...args, q.limit) as string[]).map((b) => JSON.parse(b) as AuditEvent);
    },

    /** A chain as a verifiable JSON Lines export. */
    export(chainId: string): string {
      const rows = db.prepare(`SELECT body FROM audit_events WHERE chain_id = ? ORDER BY seq`).pluck().all(chainId) as string[];
      return exportAuditJsonl(rows.map((b) => JSON.parse(b) as AuditEvent), 'enterprise');
    },

    chains(): { chainId: string; count: number; head: number }[] {
      return db.prepare(`SELECT chain_id AS chainId, COUNT(*) AS count, MAX(seq) AS head FROM audit_events GROUP BY chain_id ORDER BY chain_id`).all() as { chainId: string; count: number; head: number }[];
    },
  };
  return audit;
}

export type CentralAudit = ReturnType<typeof createCentralAudit>;
