// Read-side queries over the outbox the drain loop needs beyond the store's repository: which
// pairs have work due (pending or unknown), when the next one is due, and a pair's live ops.
import type { Db } from '../store/database';
import { toOp, type OutboxOp, type PairRef } from '../store/outbox';
import { prepared } from '../store/sql';

/**
 * Pairs whose live ops are all due (a pair backs off as a whole: its ops go out serially), oldest first.
 * Unknown ops are due too: they are settled by read-back, never resent blindly.
 */
export function duePairsForDrain(db: Db, nowSec: number, limit = 200): PairRef[] {
  return prepared<[number, number], PairRef>(db, `
    SELECT o.member_userid AS memberUserid, c.external_userid AS externalUserid
    FROM outbox_ops o JOIN customers c ON c.id = o.customer_id
    WHERE o.state IN ('pending', 'unknown')
    GROUP BY o.customer_id, o.member_userid
    HAVING MAX(o.next_attempt_at) <= ?
    ORDER BY MIN(o.rowid) LIMIT ?`).all(nowSec, limit);
}

/** Seconds until the next op becomes due (undefined when nothing is waiting). */
export function nextDueAt(db: Db): number | undefined {
  const v = prepared<[], number | null>(db, `SELECT MIN(next_attempt_at) FROM outbox_ops WHERE state IN ('pending', 'unknown')`).pluck().get();
  return v ?? undefined;
}

/** Live ops (pending, sending, unknown) of one pair in sequence order. */
export function liveOpsForPair(db: Db, memberUserid: string, externalUserid: string): OutboxOp[] {
  return prepared<[string, string], Parameters<typeof toOp>[0]>(db, `
    SELECT o.*, c.external_userid FROM outbox_ops o JOIN customers c ON c.id = o.customer_id
    WHERE c.external_userid = ? AND o.member_userid = ? AND o.state IN ('pending', 'sending', 'unknown')
    ORDER BY o.seq`).all(externalUserid, memberUserid).map(toOp);
}

/** Pairs that still have live ops: a refresh must not adopt server state over them blindly. */
export function pairsWithLiveOps(db: Db): Set<string> {
  const rows = prepared<[], { m: string; e: string }>(db, `
    SELECT DISTINCT o.member_userid AS m, c.external_userid AS e FROM outbox_ops o JOIN customers c ON c.id = o.customer_id
    WHERE o.state IN ('pending', 'sending', 'unknown')`).all();
  return new Set(rows.map((r) => pairId(r.m, r.e)));
}

export const pairId = (memberUserid: string, externalUserid: string): string => `${memberUserid}\u0000${externalUserid}`;

/** Open ops that are not live (parked) or live: counts for the status bar and the watchdog. */
export function openOpCount(db: Db): number {
  return prepared<[], number>(db, `SELECT COUNT(*) FROM outbox_ops WHERE state IN ('pending', 'sending', 'unknown')`).pluck().get()!;
}

/** Ops that reached a final state (applied or dropped): the watchdog's progress measure. */
export function settledOpCount(db: Db): number {
  return prepared<[], number>(db, `SELECT COUNT(*) FROM outbox_ops WHERE state IN ('applied', 'dropped')`).pluck().get()!;
}
