// Outbox transitions the drain loop makes beyond the store's primitives: settling ops whose
// effect the server already shows, deferring ops without changing their state, and parking a
// run of ops with one reason. Each writes its audit trail in the same transaction.
import type { Db } from '../store/database';
import { appendAuditEvent } from '../store/audit';
import { parkOp, type ConflictChoice, type ConflictKind } from '../store/conflicts';
import { beginSend, finishSend, getOp, OutboxStateError, transitionOps, type OutboxOp } from '../store/outbox';
import { inTransaction, prepared } from '../store/sql';

/**
 * Marks ops applied after a read-back showed their effect. A pending op never went out in
 * this round (the server already had the value, e.g. a colleague made the same change); it
 * still passes through `sending` with a send-log row saying so, so the state machine keeps
 * its rule that only a sent or read-back op becomes applied, and the trail shows why.
 */
export function settleApplied(db: Db, member: string, external: string, ops: readonly OutboxOp[], nowSec: number): void {
  if (ops.length === 0) return;
  inTransaction(db, () => {
    const pending = ops.filter((o) => o.state === 'pending').map((o) => o.opId);
    if (pending.length > 0) {
      const batchId = beginSend(db, { memberUserid: member, externalUserid: external, api: 'mark_tag', request: { satisfiedByServer: true, opIds: pending }, opIds: pending }, nowSec);
      finishSend(db, batchId, 'done', 0, nowSec);
    }
    transitionOps(db, ops.map((o) => o.opId), 'applied', {}, nowSec);
    appendAuditEvent(db, 'enterprise', { type: 'outbox.applied', source: 'sync', member, external, opIds: ops.map((o) => o.opId) }, nowSec);
  });
}

/** Moves ops back to pending (from sending or unknown) to be retried at `nextSec`. */
export function requeue(db: Db, ops: readonly OutboxOp[], nowSec: number, nextSec: number, errcode: number | null, error: string | null): void {
  if (ops.length === 0) return;
  inTransaction(db, () => {
    // The store allows parked → pending for the inbox; the engine itself must never take that path.
    for (const o of ops) if (getOp(db, o.opId)?.state === 'parked') throw new OutboxStateError(`op ${o.opId} is parked: only the conflicts inbox moves it on`);
    transitionOps(db, ops.map((o) => o.opId), 'pending', { nextAttemptAt: nextSec, errcode, error }, nowSec);
  });
}

/** Leaves ops in their state (pending or unknown) but not before `nextSec`: a failed read or a 45009 pause. */
export function deferOps(db: Db, ops: readonly OutboxOp[], nextSec: number, errcode: number | null, error: string | null): void {
  const stmt = prepared(db, `UPDATE outbox_ops SET next_attempt_at = ?, last_errcode = ?, error = ? WHERE op_id = ? AND state IN ('pending', 'unknown')`);
  inTransaction(db, () => { for (const o of ops) stmt.run(nextSec, errcode, error, o.opId); });
}

/** sending → unknown: the call may or may not have reached WeCom; a read-back decides. */
export function markUnknown(db: Db, batchId: string, ops: readonly OutboxOp[], nowSec: number, nextSec: number, error: string): void {
  inTransaction(db, () => {
    finishSend(db, batchId, 'unknown', null, nowSec);
    transitionOps(db, ops.map((o) => o.opId), 'unknown', { nextAttemptAt: nextSec, error }, nowSec);
  });
}

export interface ParkReason { kind: ConflictKind; detail: Record<string, unknown>; serverValue?: unknown; choices: ConflictChoice[]; errcode?: number | null }

export function parkMany(db: Db, ops: readonly OutboxOp[], reason: (op: OutboxOp) => ParkReason, nowSec: number): void {
  inTransaction(db, () => {
    for (const op of ops) parkOp(db, { opId: op.opId, ...reason(op) }, nowSec);
  });
}

/** The choices a person gets for a tag op that cannot go out as it is. */
export function tagChoices(op: OutboxOp, candidates: Array<{ tagId: string; groupName: string; tagName: string }>, canCreate: boolean): ConflictChoice[] {
  const out: ConflictChoice[] = [{ kind: 'pick-replacement', candidates }];
  if (canCreate && op.groupName && op.tagName) out.push({ kind: 'create-tag', groupName: op.groupName, tagName: op.tagName });
  out.push({ kind: 'retry' }, { kind: 'drop' });
  return out;
}

/**
 * After WeCom refused a call as a whole (an errcode answer: nothing applied), points each op back
 * at the last send that may have landed, so a later round still knows the server's value of its
 * tags may be the op's own doing.
 */
export function restoreBatchIds(db: Db, previous: ReadonlyMap<string, string | null>): void {
  const stmt = prepared(db, `UPDATE outbox_ops SET batch_id = ? WHERE op_id = ? AND state IN ('pending', 'parked')`);
  inTransaction(db, () => { for (const [opId, batchId] of previous) stmt.run(batchId, opId); });
}
