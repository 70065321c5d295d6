// The conflicts inbox: an op the engine cannot settle is parked here with what happened, the
// server's value and the choices a person has. Parking and resolving each move the op and
// write the audit event in the same transaction; nothing is dropped without a reason.
import type { Db } from './database';
import { appendAuditEvent } from './audit';
import { getOp, rewriteOpTag, transitionOps } from './outbox';
import { inTransaction, nowSeconds, prepared } from './sql';

export type ConflictKind = 'tag_missing' | 'ambiguous_remap' | 'not_following' | 'permission' | 'single_choice_clash' | 'unknown_errcode';

export type ConflictChoice =
  | { kind: 'pick-replacement'; candidates: Array<{ tagId: string; groupName: string; tagName: string }> }
  | { kind: 'create-tag'; groupName: string; tagName: string }
  | { kind: 'retry' }
  | { kind: 'drop' };

export interface ParkInput {
  opId: string;
  kind: ConflictKind;
  /** What happened, in data: errcode, the stale tag id, the siblings found on the server… */
  detail: Record<string, unknown>;
  serverValue?: unknown;
  choices: ConflictChoice[];
  errcode?: number | null;
}

export interface Conflict {
  id: number;
  opId: string;
  kind: ConflictKind;
  detail: Record<string, unknown>;
  serverValue: unknown;
  choices: ConflictChoice[];
  createdAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}

interface Row { id: number; op_id: string; kind: ConflictKind; detail: string; server_value: string | null; choices: string; created_at: number; resolved_at: number | null; resolution: string | null }
const toConflict = (r: Row): Conflict => ({
  id: r.id, opId: r.op_id, kind: r.kind, detail: JSON.parse(r.detail) as Record<string, unknown>,
  serverValue: r.server_value === null ? null : JSON.parse(r.server_value), choices: JSON.parse(r.choices) as ConflictChoice[],
  createdAt: r.created_at, resolvedAt: r.resolved_at, resolution: r.resolution,
});

/** Parks an op (pending, sending or unknown) and opens its conflict. */
export function parkOp(db: Db, input: ParkInput, now = nowSeconds()): Conflict {
  return inTransaction(db, () => {
    transitionOps(db, [input.opId], 'parked', { errcode: input.errcode ?? null }, now);
    const id = prepared<unknown[], number>(db, `INSERT INTO conflicts (op_id, kind, detail, server_value, choices, created_at)
      VALUES (?, ?, ?, ?, ?, ?) RETURNING id`).pluck().get(input.opId, input.kind, JSON.stringify(input.detail),
      input.serverValue === undefined ? null : JSON.stringify(input.serverValue), JSON.stringify(input.choices), now)!;
    appendAuditEvent(db, 'enterprise', { type: 'conflict.parked', opId: input.opId, conflictId: id, kind: input.kind, detail: input.detail }, now);
    return getConflict(db, id)!;
  });
}

export function getConflict(db: Db, id: number): Conflict | undefined {
  const r = prepared<[number], Row>(db, `SELECT * FROM conflicts WHERE id = ?`).get(id);
  return r ? toConflict(r) : undefined;
}

export function openConflicts(db: Db, limit = 200): Conflict[] {
  return prepared<[number], Row>(db, `SELECT * FROM conflicts WHERE resolved_at IS NULL ORDER BY created_at, id LIMIT ?`).all(limit).map(toConflict);
}

export type Resolution =
  | { kind: 'replace'; tagId: string; groupId: string | null }
  | { kind: 'created'; tagId: string; groupId: string | null }
  | { kind: 'retry' }
  | { kind: 'drop'; reason: string };

export class ConflictResolvedError extends Error {
  override name = 'ConflictResolvedError';
}

/** A person's decision: re-point the op and requeue it, requeue as is, or drop it with a reason. */
export function resolveConflict(db: Db, conflictId: number, resolution: Resolution, actor: string, now = nowSeconds()): void {
  inTransaction(db, () => {
    const c = getConflict(db, conflictId);
    if (!c) throw new ConflictResolvedError(`no conflict ${conflictId}`);
    if (c.resolvedAt !== null) throw new ConflictResolvedError(`conflict ${conflictId} is already resolved`);
    if (resolution.kind === 'replace' || resolution.kind === 'created') {
      rewriteOpTag(db, c.opId, { tagId: resolution.tagId, groupId: resolution.groupId }, { actor, conflictId }, now);
    }
    transitionOps(db, [c.opId], resolution.kind === 'drop' ? 'dropped' : 'pending',
      resolution.kind === 'drop' ? { error: resolution.reason } : { nextAttemptAt: now, errcode: null }, now);
    const stored = resolution.kind === 'replace' ? 'replaced' : resolution.kind === 'created' ? 'created' : resolution.kind === 'retry' ? 'retried' : 'dropped';
    prepared(db, `UPDATE conflicts SET resolved_at = ?, resolution = ?, resolution_note = ? WHERE id = ?`)
      .run(now, stored, resolution.kind === 'drop' ? resolution.reason : null, conflictId);
    appendAuditEvent(db, 'enterprise', { type: 'conflict.resolved', conflictId, opId: c.opId, resolution, actor, tagId: getOp(db, c.opId)?.tagId ?? null }, now);
  });
}
