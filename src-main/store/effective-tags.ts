// The effective state the UI shows at once: a relation's base snapshot (last server state)
// with its live outbox ops folded over it in sequence order. Parked ops do not change the
// effective set (they wait for a person) but mark the tag they target as parked.
import type { Db } from './database';
import { toOp, type OutboxOp } from './outbox';
import { prepared } from './sql';

export type TagState = 'applied' | 'pending-add' | 'pending-remove' | 'parked';

export interface EffectiveTags {
  /** Server tag ids (B). */
  base: string[];
  /** B ⊕ live ops (L). */
  effective: string[];
  /** Every tag with something to show: applied, pending either way, or parked. */
  states: Map<string, TagState>;
  /** The remark/description the user last asked for, while it is not yet applied. */
  pendingRemark: Record<string, unknown> | null;
  liveOps: OutboxOp[];
  parkedOps: OutboxOp[];
}

/**
 * Pure fold of ops (already in seq order) over a base. A single-choice op adds its tag and
 * removes every other tag of its group, plus any siblings it named when it was queued.
 */
export function foldEffective(base: Iterable<string>, ops: readonly OutboxOp[], groupOf: (tagId: string) => string | null | undefined): EffectiveTags {
  const baseSet = new Set(base);
  const eff = new Set(baseSet);
  const liveOps: OutboxOp[] = [];
  const parkedOps: OutboxOp[] = [];
  let pendingRemark: Record<string, unknown> | null = null;
  for (const op of ops) {
    if (op.state === 'parked') { parkedOps.push(op); continue; }
    if (op.state !== 'pending' && op.state !== 'sending' && op.state !== 'unknown') continue;
    liveOps.push(op);
    switch (op.kind) {
      case 'add': eff.add(op.tagId!); break;
      case 'remove': eff.delete(op.tagId!); break;
      case 'remark': pendingRemark = { ...(pendingRemark ?? {}), ...op.payload }; break;
      case 'single-choice-set': {
        const removeIds = new Set((op.payload.removeTagIds as string[] | undefined) ?? []);
        for (const t of [...eff]) {
          if (t !== op.tagId && (removeIds.has(t) || (op.groupId !== null && groupOf(t) === op.groupId))) eff.delete(t);
        }
        eff.add(op.tagId!);
        break;
      }
    }
  }
  const states = new Map<string, TagState>();
  for (const t of new Set([...baseSet, ...eff])) {
    const inBase = baseSet.has(t);
    const inEff = eff.has(t);
    if (inBase && inEff) states.set(t, 'applied');
    else if (inEff) states.set(t, 'pending-add');
    else if (inBase) states.set(t, 'pending-remove');
  }
  for (const op of parkedOps) if (op.tagId) states.set(op.tagId, 'parked');
  return { base: [...baseSet], effective: [...eff], states, pendingRemark, liveOps, parkedOps };
}

interface Row { tag_id: string; group_id: string | null }

/** Base tags of a relation with their groups; empty when the relation is unknown. */
export function baseTagsWithGroups(db: Db, customerId: number, memberUserid: string): Row[] {
  return prepared<[number, string], Row>(db, `
    SELECT t.tag_id, t.group_id FROM follow_relations r
    JOIN relation_base_tags b ON b.relation_id = r.id JOIN tags t ON t.ref = b.tag_ref
    WHERE r.customer_id = ? AND r.member_userid = ?`).all(customerId, memberUserid);
}

/** The pair's ops that are not final (live and parked), in sequence order. */
export function openOpsForPair(db: Db, customerId: number, memberUserid: string): OutboxOp[] {
  return prepared<[number, string], Parameters<typeof toOp>[0]>(db, `
    SELECT o.*, c.external_userid FROM outbox_ops o JOIN customers c ON c.id = o.customer_id
    WHERE o.customer_id = ? AND o.member_userid = ? AND o.state IN ('pending', 'sending', 'unknown', 'parked')
    ORDER BY o.seq`).all(customerId, memberUserid).map(toOp);
}

/** B ⊕ pending ops for one (member, customer) pair. */
export function effectiveTagsFor(db: Db, memberUserid: string, externalUserid: string): EffectiveTags | undefined {
  const customerId = prepared<[string], number>(db, `SELECT id FROM customers WHERE external_userid = ?`).pluck().get(externalUserid);
  if (customerId === undefined) return undefined;
  const base = baseTagsWithGroups(db, customerId, memberUserid);
  const groups = new Map(base.map((r) => [r.tag_id, r.group_id]));
  const groupStmt = prepared<[string], string | null>(db, `SELECT group_id FROM tags WHERE tag_id = ?`).pluck();
  const groupOf = (tagId: string): string | null => {
    if (!groups.has(tagId)) groups.set(tagId, groupStmt.get(tagId) ?? null);
    return groups.get(tagId) ?? null;
  };
  return foldEffective(base.map((r) => r.tag_id), openOpsForPair(db, customerId, memberUserid), groupOf);
}
