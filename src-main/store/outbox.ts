// The outbox of local enterprise changes and its state machine. Enqueueing writes the op and
// its audit event in one transaction; every state change is checked against the allowed
// transitions, so an op can never silently skip from pending to applied or come back to life.
import { randomUUID } from 'node:crypto';
import type { Db } from './database';
import { appendAuditEvent } from './audit';
import { customerIdOf } from './customers';
import { inTransaction, nowSeconds, prepared } from './sql';

export type OpKind = 'add' | 'remove' | 'remark' | 'single-choice-set';
export type OpState = 'pending' | 'sending' | 'applied' | 'unknown' | 'parked' | 'dropped';

/** States whose op still expresses the user's intent: they count in the effective state. */
export const LIVE_STATES: readonly OpState[] = ['pending', 'sending', 'unknown'];

/**
 * Allowed transitions. `unknown` (crash or timeout while sending) is settled by read-back only;
 * `parked` moves on only by a person (retry, replace, drop). `dropped` records a person's or a
 * superseding op's decision; applied and dropped are final.
 */
export const TRANSITIONS: Readonly<Record<OpState, readonly OpState[]>> = {
  pending: ['sending', 'parked', 'dropped'],
  sending: ['applied', 'unknown', 'pending', 'parked'],
  unknown: ['applied', 'pending', 'parked'],
  parked: ['pending', 'dropped'],
  applied: [],
  dropped: [],
};

export class OutboxStateError extends Error {
  override name = 'OutboxStateError';
}

export interface RemarkPayload { remark?: string; description?: string; remarkCompany?: string; remarkMobiles?: string[] }
export interface SingleChoicePayload { removeTagIds: string[] }

export interface NewOp {
  opId?: string;
  memberUserid: string;
  externalUserid: string;
  kind: OpKind;
  /** Required for tag ops; with group and tag names kept for re-resolving a dead id. */
  tagId?: string;
  groupId?: string | null;
  groupName?: string | null;
  tagName?: string | null;
  payload?: RemarkPayload | SingleChoicePayload;
}

export interface OutboxOp {
  opId: string;
  customerId: number;
  externalUserid: string;
  memberUserid: string;
  seq: number;
  kind: OpKind;
  tagId: string | null;
  groupId: string | null;
  groupName: string | null;
  tagName: string | null;
  payload: Record<string, unknown>;
  state: OpState;
  attempts: number;
  nextAttemptAt: number;
  batchId: string | null;
  lastErrcode: number | null;
  error: string | null;
  createdAt: number;
  updatedAt: number;
}

interface OpRow {
  op_id: string; customer_id: number; external_userid: string; member_userid: string; seq: number; kind: OpKind;
  tag_id: string | null; group_id: string | null; group_name: string | null; tag_name: string | null; payload: string;
  state: OpState; attempts: number; next_attempt_at: number; batch_id: string | null; last_errcode: number | null;
  error: string | null; created_at: number; updated_at: number;
}

const OP_SELECT = `SELECT o.*, c.external_userid FROM outbox_ops o JOIN customers c ON c.id = o.customer_id`;

export const toOp = (r: OpRow): OutboxOp => ({
  opId: r.op_id, customerId: r.customer_id, externalUserid: r.external_userid, memberUserid: r.member_userid,
  seq: r.seq, kind: r.kind, tagId: r.tag_id, groupId: r.group_id, groupName: r.group_name, tagName: r.tag_name,
  payload: JSON.parse(r.payload) as Record<string, unknown>, state: r.state, attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at, batchId: r.batch_id, lastErrcode: r.last_errcode, error: r.error,
  createdAt: r.created_at, updatedAt: r.updated_at,
});

export class UnknownCustomerError extends Error {
  override name = 'UnknownCustomerError';
}

/**
 * Queues a local change and appends its audit event in one transaction, so the effective
 * state, the outbox and the audit trail can never disagree. `audit` adds actor, source and
 * before/after to the event body.
 */
export function enqueueOp(db: Db, input: NewOp, audit: Record<string, unknown> = {}, now = nowSeconds()): OutboxOp {
  if (input.kind !== 'remark' && !input.tagId) throw new TypeError(`a ${input.kind} op needs a tagId`);
  return inTransaction(db, () => {
    const customerId = customerIdOf(db, input.externalUserid);
    if (customerId === undefined) throw new UnknownCustomerError(`unknown customer ${input.externalUserid}`);
    const seq = prepared<[number, string], number>(db,
      `SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox_ops WHERE customer_id = ? AND member_userid = ?`).pluck().get(customerId, input.memberUserid)!;
    const opId = input.opId ?? randomUUID();
    prepared(db, `INSERT INTO outbox_ops (op_id, customer_id, member_userid, seq, kind, tag_id, group_id, group_name,
      tag_name, payload, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`).run(
      opId, customerId, input.memberUserid, seq, input.kind, input.kind === 'remark' ? null : input.tagId!,
      input.groupId ?? null, input.groupName ?? null, input.tagName ?? null, JSON.stringify(input.payload ?? {}), now, now);
    appendAuditEvent(db, 'enterprise', {
      type: `outbox.${input.kind}`, opId, memberUserid: input.memberUserid, externalUserid: input.externalUserid,
      tagId: input.tagId ?? null, groupName: input.groupName ?? null, tagName: input.tagName ?? null, ...audit,
    }, now);
    return getOp(db, opId)!;
  });
}

export function getOp(db: Db, opId: string): OutboxOp | undefined {
  const r = prepared<[string], OpRow>(db, `${OP_SELECT} WHERE o.op_id = ?`).get(opId);
  return r ? toOp(r) : undefined;
}

/** Ops of one (member, customer) pair in sequence order, optionally only in some states. */
export function opsForPair(db: Db, memberUserid: string, externalUserid: string, states?: readonly OpState[]): OutboxOp[] {
  const rows = prepared<[string, string], OpRow>(db,
    `${OP_SELECT} WHERE c.external_userid = ? AND o.member_userid = ? ORDER BY o.seq`).all(externalUserid, memberUserid);
  return rows.filter((r) => !states || states.includes(r.state)).map(toOp);
}

export interface PairRef { memberUserid: string; externalUserid: string }

/** Pairs whose first open op is due: the drain loop's work list, oldest first. */
export function duePairs(db: Db, now = nowSeconds(), limit = 100): PairRef[] {
  return prepared<[number, number], PairRef>(db, `
    SELECT o.member_userid AS memberUserid, c.external_userid AS externalUserid
    FROM outbox_ops o JOIN customers c ON c.id = o.customer_id
    WHERE o.state = 'pending' AND o.next_attempt_at <= ?
    GROUP BY o.customer_id, o.member_userid ORDER BY MIN(o.created_at), MIN(o.seq) LIMIT ?`).all(now, limit);
}

export type OpenState = 'pending' | 'sending' | 'unknown' | 'parked';

/** Counts of ops not yet final, for the status bar and the "sync stalled" watchdog. */
export function outboxCounts(db: Db): Record<OpenState, number> {
  const out: Record<OpenState, number> = { pending: 0, sending: 0, unknown: 0, parked: 0 };
  // Seeks the open states in outbox_ops_state: history (applied, dropped) is never read.
  for (const r of prepared<[], { state: OpenState; n: number }>(db, `SELECT state, COUNT(*) AS n FROM outbox_ops
    WHERE state IN ('pending', 'sending', 'unknown', 'parked') GROUP BY state`).all()) out[r.state] = r.n;
  return out;
}

export interface TransitionPatch {
  batchId?: string | null;
  errcode?: number | null;
  error?: string | null;
  nextAttemptAt?: number;
  countAttempt?: boolean;
}

/** Moves ops to `to`, refusing any transition the state machine does not allow. */
export function transitionOps(db: Db, opIds: readonly string[], to: OpState, patch: TransitionPatch = {}, now = nowSeconds()): void {
  inTransaction(db, () => {
    const read = prepared<[string], { state: OpState }>(db, `SELECT state FROM outbox_ops WHERE op_id = ?`);
    const write = prepared(db, `UPDATE outbox_ops SET state = ?, updated_at = ?,
      attempts = attempts + ?, batch_id = CASE WHEN ? THEN ? ELSE batch_id END,
      last_errcode = CASE WHEN ? THEN ? ELSE last_errcode END, error = CASE WHEN ? THEN ? ELSE error END,
      next_attempt_at = COALESCE(?, next_attempt_at) WHERE op_id = ?`);
    for (const opId of opIds) {
      const cur = read.get(opId);
      if (!cur) throw new OutboxStateError(`no outbox op ${opId}`);
      if (!TRANSITIONS[cur.state].includes(to)) throw new OutboxStateError(`op ${opId}: ${cur.state} → ${to} is not allowed`);
      write.run(to, now, patch.countAttempt ? 1 : 0,
        patch.batchId !== undefined ? 1 : 0, patch.batchId ?? null,
        patch.errcode !== undefined ? 1 : 0, patch.errcode ?? null,
        patch.error !== undefined ? 1 : 0, patch.error ?? null,
        patch.nextAttemptAt ?? null, opId);
    }
  });
}

export interface SendIntent {
  batchId?: string;
  memberUserid: string;
  externalUserid: string;
  api: 'mark_tag' | 'remark';
  request: Record<string, unknown>;
  opIds: readonly string[];
}

/** Records the intent to send before the HTTP call: send-log row and ops → sending, one transaction. */
export function beginSend(db: Db, intent: SendIntent, now = nowSeconds()): string {
  const batchId = intent.batchId ?? randomUUID();
  inTransaction(db, () => {
    const customerId = customerIdOf(db, intent.externalUserid);
    if (customerId === undefined) throw new UnknownCustomerError(`unknown customer ${intent.externalUserid}`);
    prepared(db, `INSERT INTO send_log (batch_id, member_userid, customer_id, api, request, state, sent_at)
      VALUES (?, ?, ?, ?, ?, 'sending', ?)`).run(batchId, intent.memberUserid, customerId, intent.api, JSON.stringify(intent.request), now);
    transitionOps(db, intent.opIds, 'sending', { batchId, countAttempt: true }, now);
  });
  return batchId;
}

/** Closes a send-log row with the call's outcome (ops are moved separately, after read-back). */
export function finishSend(db: Db, batchId: string, state: 'done' | 'failed' | 'unknown', errcode: number | null = null, now = nowSeconds()): void {
  prepared(db, `UPDATE send_log SET state = ?, errcode = ?, finished_at = ? WHERE batch_id = ?`).run(state, errcode, now, batchId);
}

export interface SendLogEntry { batchId: string; memberUserid: string; api: string; request: Record<string, unknown>; state: string; errcode: number | null; sentAt: number }

export function sendLogEntry(db: Db, batchId: string): SendLogEntry | undefined {
  const r = prepared<[string], { batch_id: string; member_userid: string; api: string; request: string; state: string; errcode: number | null; sent_at: number }>(db,
    `SELECT batch_id, member_userid, api, request, state, errcode, sent_at FROM send_log WHERE batch_id = ?`).get(batchId);
  return r ? { batchId: r.batch_id, memberUserid: r.member_userid, api: r.api, request: JSON.parse(r.request) as Record<string, unknown>, state: r.state, errcode: r.errcode, sentAt: r.sent_at } : undefined;
}

/**
 * At start-up: whatever was `sending` when the process died has an unknown outcome. Marks
 * those ops and their send-log rows `unknown`, to be settled by read-back before any resend.
 */
export function markInterruptedSends(db: Db, now = nowSeconds()): number {
  return inTransaction(db, () => {
    prepared(db, `UPDATE send_log SET state = 'unknown', finished_at = ? WHERE state = 'sending'`).run(now);
    return prepared(db, `UPDATE outbox_ops SET state = 'unknown', updated_at = ? WHERE state = 'sending'`).run(now).changes;
  });
}

/** Rewrites a tag op onto a re-resolved live tag (same group name and tag name), with an audit event. */
export function rewriteOpTag(db: Db, opId: string, tag: { tagId: string; groupId: string | null }, audit: Record<string, unknown> = {}, now = nowSeconds()): void {
  inTransaction(db, () => {
    const op = getOp(db, opId);
    if (!op || op.kind === 'remark') throw new OutboxStateError(`op ${opId} is not a tag op`);
    if (op.state === 'applied' || op.state === 'dropped') throw new OutboxStateError(`op ${opId} is ${op.state}`);
    prepared(db, `UPDATE outbox_ops SET tag_id = ?, group_id = ?, updated_at = ? WHERE op_id = ?`).run(tag.tagId, tag.groupId, now, opId);
    appendAuditEvent(db, 'enterprise', { type: 'outbox.rewrite', opId, fromTagId: op.tagId, toTagId: tag.tagId, ...audit }, now);
  });
}
