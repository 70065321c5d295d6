// The effective state is "base, then each live op in sequence order": checked against a plain
// model over random op sequences, and against the store itself, including a batched full load.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { foldEffective } from '../../../src-main/store/effective-tags';
import type { OpState, OutboxOp } from '../../../src-main/store/outbox';
import { enqueueOp, transitionOps } from '../../../src-main/store/outbox';
import { effectiveTagsFor } from '../../../src-main/store/effective-tags';
import { applyFollowRecordsInBatches, baseTagIds } from '../../../src-main/store/customers';
import { freshStore, rec } from './fixtures';

const TAGS = ['a1', 'a2', 'a3', 'b1', 'b2'];
const groupOf = (t: string): string => t[0]!;

const opArb = fc.record({
  kind: fc.constantFrom('add', 'remove', 'single-choice-set'),
  tagId: fc.constantFrom(...TAGS),
  state: fc.constantFrom('pending', 'sending', 'unknown', 'parked', 'applied', 'dropped'),
});

function model(base: string[], ops: Array<{ kind: string; tagId: string; state: OpState }>): Set<string> {
  const s = new Set(base);
  for (const op of ops) {
    if (!['pending', 'sending', 'unknown'].includes(op.state)) continue;
    if (op.kind === 'add') s.add(op.tagId);
    else if (op.kind === 'remove') s.delete(op.tagId);
    else { for (const t of [...s]) if (groupOf(t) === groupOf(op.tagId)) s.delete(t); s.add(op.tagId); }
  }
  return s;
}

describe('effective state fold', () => {
  it('equals the model for any base and op sequence; states describe the difference', () => {
    fc.assert(fc.property(fc.subarray(TAGS), fc.array(opArb, { maxLength: 12 }), (base, raw) => {
      const ops = raw.map((o, i) => ({
        opId: `op${i}`, customerId: 1, externalUserid: 'c', memberUserid: 'm', seq: i + 1, kind: o.kind, tagId: o.tagId,
        groupId: groupOf(o.tagId), groupName: null, tagName: null, payload: {}, state: o.state, attempts: 0, nextAttemptAt: 0,
        batchId: null, lastErrcode: null, error: null, createdAt: 0, updatedAt: 0,
      } satisfies OutboxOp));
      const r = foldEffective(base, ops, groupOf);
      const expected = model(base, raw);
      expect(new Set(r.effective)).toEqual(expected);
      const parked = new Set(raw.filter((o) => o.state === 'parked').map((o) => o.tagId));
      for (const t of TAGS) {
        const want = parked.has(t) ? 'parked'
          : base.includes(t) && expected.has(t) ? 'applied'
          : expected.has(t) ? 'pending-add'
          : base.includes(t) ? 'pending-remove' : undefined;
        expect(r.states.get(t)).toBe(want);
      }
    }), { numRuns: 1000 });
  });

  it('the store agrees with the fold after a batched load and real ops', () => {
    const db = freshStore();
    const records = Array.from({ length: 2500 }, (_, i) => rec(`客户${i}`, 'zhangsan', { ext: `wm${i}`, tagIds: i % 2 ? ['t-new', 't-vip'] : ['t-east'] }));
    const checkpointEvery = db.pragma('wal_autocheckpoint', { simple: true });
    expect(applyFollowRecordsInBatches(db, records, 1000)).toEqual({ customers: 2500, relations: 2500 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(checkpointEvery);
    expect(baseTagIds(db, 'zhangsan', 'wm7').sort()).toEqual(['t-new', 't-vip']);
    const a = enqueueOp(db, { memberUserid: 'zhangsan', externalUserid: 'wm7', kind: 'single-choice-set', tagId: 't-deal', groupId: 'g-stage' });
    enqueueOp(db, { memberUserid: 'zhangsan', externalUserid: 'wm7', kind: 'remove', tagId: 't-vip' });
    transitionOps(db, [a.opId], 'sending');
    expect(effectiveTagsFor(db, 'zhangsan', 'wm7')!.effective.sort()).toEqual(['t-deal']);
  });
});
