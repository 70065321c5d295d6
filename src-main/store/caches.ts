// Offline copies of team-server data: tag policy as versioned blobs (the highest version of a
// kind is current; older ones stay for explaining past decisions) and approval requests.
import type { Db } from './database';
import { inTransaction, nowSeconds, prepared } from './sql';

export function putPolicy(db: Db, kind: string, version: number, body: unknown, now = nowSeconds()): void {
  prepared(db, `INSERT INTO policy_cache (kind, version, body, fetched_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (kind, version) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at`)
    .run(kind, version, JSON.stringify(body), now);
}

export function currentPolicy<T = unknown>(db: Db, kind: string): { version: number; body: T; fetchedAt: number } | undefined {
  const r = prepared<[string], { version: number; body: string; fetched_at: number }>(db,
    `SELECT version, body, fetched_at FROM policy_cache WHERE kind = ? ORDER BY version DESC LIMIT 1`).get(kind);
  return r ? { version: r.version, body: JSON.parse(r.body) as T, fetchedAt: r.fetched_at } : undefined;
}

/** Keeps the newest `keep` versions of a kind. */
export function prunePolicy(db: Db, kind: string, keep = 5): void {
  prepared(db, `DELETE FROM policy_cache WHERE kind = ? AND version NOT IN
    (SELECT version FROM policy_cache WHERE kind = ? ORDER BY version DESC LIMIT ?)`).run(kind, kind, keep);
}

export interface CachedApproval { requestId: string; state: string; memberUserid: string | null; externalUserid: string | null; body: unknown; updatedAt: number }

export function putApprovals(db: Db, approvals: readonly CachedApproval[]): void {
  const stmt = prepared(db, `INSERT INTO approvals_cache (request_id, state, member_userid, external_userid, body, updated_at)
    VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE SET state = excluded.state,
    member_userid = excluded.member_userid, external_userid = excluded.external_userid, body = excluded.body,
    updated_at = excluded.updated_at WHERE excluded.updated_at >= approvals_cache.updated_at`);
  inTransaction(db, () => {
    for (const a of approvals) stmt.run(a.requestId, a.state, a.memberUserid, a.externalUserid, JSON.stringify(a.body), a.updatedAt);
  });
}

interface ApprovalRow { request_id: string; state: string; member_userid: string | null; external_userid: string | null; body: string; updated_at: number }
const toApproval = (r: ApprovalRow): CachedApproval => ({
  requestId: r.request_id, state: r.state, memberUserid: r.member_userid, externalUserid: r.external_userid,
  body: JSON.parse(r.body), updatedAt: r.updated_at,
});

export function approvalsByState(db: Db, state: string, limit = 200): CachedApproval[] {
  return prepared<[string, number], ApprovalRow>(db, `SELECT * FROM approvals_cache WHERE state = ? ORDER BY updated_at DESC LIMIT ?`).all(state, limit).map(toApproval);
}

export function approvalsForCustomer(db: Db, externalUserid: string): CachedApproval[] {
  return prepared<[string], ApprovalRow>(db, `SELECT * FROM approvals_cache WHERE external_userid = ? ORDER BY updated_at DESC`).all(externalUserid).map(toApproval);
}

export function cachedApproval(db: Db, requestId: string): CachedApproval | undefined {
  const r = prepared<[string], ApprovalRow>(db, `SELECT * FROM approvals_cache WHERE request_id = ?`).get(requestId);
  return r ? toApproval(r) : undefined;
}

/** The newest cached requests, whatever their state. */
export function recentApprovals(db: Db, limit = 1000): CachedApproval[] {
  return prepared<[number], ApprovalRow>(db, `SELECT * FROM approvals_cache ORDER BY updated_at DESC LIMIT ?`).all(limit).map(toApproval);
}

