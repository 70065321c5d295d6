// Approval requests waiting for the team server. Filing writes the queued request, a cached
// copy the panel shows as "awaiting approval", and the audit event in one transaction; the
// workspace sends them oldest first when online and records what the server answered.
import type { Db } from './database';
import { appendAuditEvent } from './audit';
import { cachedApproval, putApprovals } from './caches';
import { inTransaction, nowSeconds, prepared } from './sql';
import type { CreateApproval } from '../../src-shared/team-api/approvals';

export type ApprovalOutboxState = 'queued' | 'sent' | 'refused';

export interface QueuedApproval {
  requestId: string;
  body: CreateApproval;
  state: ApprovalOutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
}

interface Row { request_id: string; body: string; state: ApprovalOutboxState; attempts: number; next_attempt_at: number; last_error: string | null; created_at: number }
const toQueued = (r: Row): QueuedApproval => ({
  requestId: r.request_id, body: JSON.parse(r.body) as CreateApproval, state: r.state, attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at, lastError: r.last_error, createdAt: r.created_at,
});

/** What the panel shows for a request the server has not seen yet (kept in approvals_cache as 'queued'). */
export interface QueuedApprovalCache {
  requestId: string;
  status: 'queued';
  requester: string;
  requesterName: string;
  userid: string;
  externalUserid: string;
  tagId: string | null;
  tagName: string | null;
  groupId: string | null;
  groupName: string | null;
  reason: string;
  categories: string[];
  createdAt: string;
}

export function queueApproval(db: Db, input: CreateApproval, display: QueuedApprovalCache, now = nowSeconds()): QueuedApproval {
  return inTransaction(db, () => {
    const existing = prepared<[string], Row>(db, `SELECT * FROM approval_outbox WHERE request_id = ?`).get(input.requestId);
    if (existing) return toQueued(existing);
    const seq = prepared<[], number>(db, `SELECT COALESCE(MAX(seq), 0) + 1 FROM approval_outbox`).pluck().get()!;
    prepared(db, `INSERT INTO approval_outbox (request_id, seq, body, state, created_at) VALUES (?, ?, ?, 'queued', ?)`)
      .run(input.requestId, seq, JSON.stringify(input), now);
    putApprovals(db, [{ requestId: input.requestId, state: 'queued', memberUserid: input.userid, externalUserid: input.externalUserid, body: display, updatedAt: now }]);
    appendAuditEvent(db, 'enterprise', {
      type: 'approval.request', requestId: input.requestId, memberUserid: input.userid, externalUserid: input.externalUserid,
      tagId: input.tagId ?? null, groupId: input.groupId ?? null, tagName: display.tagName, categories: display.categories, source: 'ui', actor: display.requester,
    }, now);
    return toQueued(prepared<[string], Row>(db, `SELECT * FROM approval_outbox WHERE request_id = ?`).get(input.requestId)!);
  });
}

/** Queued requests due now, oldest first. */
export function dueApprovals(db: Db, now = nowSeconds(), limit = 50): QueuedApproval[] {
  return prepared<[number, number], Row>(db, `SELECT * FROM approval_outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY seq LIMIT ?`)
    .all(now, limit).map(toQueued);
}

export function queuedApprovalCount(db: Db): number {
  return prepared<[], number>(db, `SELECT COUNT(*) FROM approval_outbox WHERE state = 'queued'`).pluck().get()!;
}

export function markApprovalSent(db: Db, requestId: string, now = nowSeconds()): void {
  prepared(db, `UPDATE approval_outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE request_id = ? AND state = 'queued'`).run(now, requestId);
}

export function deferApproval(db: Db, requestId: string, nextAt: number, error: string): void {
  prepared(db, `UPDATE approval_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE request_id = ? AND state = 'queued'`).run(nextAt, error, requestId);
}

/**
 * The server refused the request for good (invalid, not allowed): the outbox row, the cached
 * copy the panel shows (now a rejected chip with the server's reason) and the audit event change
 * together.
 */
export function refuseApproval(db: Db, requestId: string, userMessage: string, now = nowSeconds()): void {
  inTransaction(db, () => {
    prepared(db, `UPDATE approval_outbox SET state = 'refused', attempts = attempts + 1, last_error = ? WHERE request_id = ? AND state = 'queued'`).run(userMessage, requestId);
    const cached = cachedApproval(db, requestId);
    if (cached) {
      putApprovals(db, [{ ...cached, state: 'refused', body: { ...(cached.body as object), note: userMessage, status: 'rejected' }, updatedAt: Math.max(now, cached.updatedAt) + 1 }]);
    }
    appendAuditEvent(db, 'enterprise', { type: 'approval.refused', requestId, reason: userMessage, source: 'sync' }, now);
  });
}

export function queuedApproval(db: Db, requestId: string): QueuedApproval | undefined {
  const r = prepared<[string], Row>(db, `SELECT * FROM approval_outbox WHERE request_id = ?`).get(requestId);
  return r ? toQueued(r) : undefined;
}
