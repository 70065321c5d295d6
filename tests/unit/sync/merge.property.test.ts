// Property tests (fast-check, 1,000 runs each) for the per-tag three-way merge: the user's
// explicit change wins for the tags they touched, the server wins for the rest, and only the
// delta is ever sent.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { intentOf, mergePair, rebase } from '../../../src-main/sync/merge';
import type { OutboxOp } from '../../../src-main/store/outbox';

const TAGS = ['a', 'b', 'c', 'd', 'e', 'f'];
const tagSet = fc.subarray(TAGS);
type OpLike = Pick<OutboxOp, 'kind' | 'tagId' | 'payload'>;
const op: fc.Arbitrary<OpLike> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), tagId: fc.constantFrom(...TAGS), payload: fc.constant({}) }),
  fc.record({ kind: fc.constant('remove' as const), tagId: fc.constantFrom(...TAGS), payload: fc.constant({}) }),
  fc.record({ kind: fc.constant('single-choice-set' as const), tagId: fc.constantFrom(...TAGS), payload: tagSet.map((s) => ({ removeTagIds: s })) }),
);
const RUNS = { numRuns: 1000 };

/** Reference: replay each op as the person would read it, last decision per tag wins. */
function referenceIntent(ops: readonly OpLike[]): Map<string, boolean> {
  const m = new Map<string, boolean>();
  for (const o of ops) {
    if (o.kind === 'single-choice-set') for (const s of (o.payload.removeTagIds as string[])) if (s !== o.tagId) m.set(s, false);
    m.set(o.tagId!, o.kind !== 'remove');
  }
  return m;
}

describe('three-way merge per tag', () => {
  it('folds ops in sequence order: the last decision on each tag counts', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
      expect([...intentOf(ops)].sort()).toEqual([...referenceIntent(ops)].sort());
    }), RUNS);
  });

  it('user wins on touched tags, server wins on the rest, and the delta turns S into the merge', () => {
    fc.assert(fc.property(tagSet, tagSet, fc.array(op, { maxLength: 10 }), (base, server, ops) => {
      const intent = intentOf(ops);
      const m = mergePair(base, intent, server);
      const S = new Set(server);
      for (const t of TAGS) {
        const touched = intent.has(t) && intent.get(t) !== base.includes(t);
        expect(m.touched.has(t)).toBe(touched);
        expect(m.merged.has(t)).toBe(touched ? intent.get(t) : S.has(t));
      }
      // Delta only: adds are missing on the server, removes present, and both were touched.
      for (const t of m.add) expect(!S.has(t) && m.touched.get(t) === true).toBe(true);
      for (const t of m.remove) expect(S.has(t) && m.touched.get(t) === false).toBe(true);
      const after = new Set(S);
      for (const t of m.add) after.add(t);
      for (const t of m.remove) after.delete(t);
      expect([...after].sort()).toEqual([...m.merged].sort());
    }), RUNS);
  });

  it('is idempotent: once the delta landed there is nothing left to send', () => {
    fc.assert(fc.property(tagSet, tagSet, fc.array(op, { maxLength: 10 }), (base, server, ops) => {
      const intent = intentOf(ops);
      const first = mergePair(base, intent, server);
      const second = mergePair(base, intent, first.merged);
      expect(second.add).toEqual([]);
      expect(second.remove).toEqual([]);
    }), RUNS);
  });

  it('never writes a tag no op named, whatever colleagues did on the server', () => {
    fc.assert(fc.property(tagSet, tagSet, fc.array(op, { maxLength: 10 }), (base, server, ops) => {
      const named = new Set<string>();
      for (const o of ops) {
        named.add(o.tagId!);
        if (o.kind === 'single-choice-set') for (const s of o.payload.removeTagIds as string[]) named.add(s);
      }
      const m = mergePair(base, intentOf(ops), server);
      for (const t of [...m.add, ...m.remove]) expect(named.has(t)).toBe(true);
    }), RUNS);
  });

  it('rebase adopts the server except on tags live ops still target', () => {
    fc.assert(fc.property(tagSet, tagSet, tagSet, (oldBase, server, live) => {
      const next = new Set(rebase(oldBase, server, live));
      for (const t of TAGS) expect(next.has(t)).toBe(live.includes(t) ? oldBase.includes(t) : server.includes(t));
    }), RUNS);
  });
});
