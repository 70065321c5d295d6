// Moving a group or tag in WeCom's order: one edit when there is room between the new
// neighbours, otherwise the editable items renumbered; the resulting order is the one asked for.
import { describe, expect, it } from 'vitest';
import { reorderPlan, type Orderable } from '../../../src-shared/catalog/reorder';

/** WeCom's order after applying a plan: larger order first, ties keep the given (creation) order. */
function apply(items: Orderable[], plan: { id: string; order: number }[]): string[] {
  const next = items.map((it, i) => ({ ...it, order: plan.find((p) => p.id === it.id)?.order ?? it.order, i }));
  return next.sort((a, b) => b.order - a.order || a.i - b.i).map((x) => x.id);
}

const items = (orders: number[], readOnly: string[] = []): Orderable[] => orders.map((order, i) => ({ id: String.fromCharCode(97 + i), order, editable: !readOnly.includes(String.fromCharCode(97 + i)) }));

describe('reorderPlan', () => {
  it('moves with a single edit when the neighbours leave room', () => {
    const list = items([50, 40, 30, 20]);
    const plan = reorderPlan(list, 3, 1);
    expect(plan).toHaveLength(1);
    expect(apply(list, plan)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('renumbers when all orders tie (a catalog nobody ordered yet)', () => {
    const list = items([0, 0, 0, 0]);
    for (const [from, to] of [[2, 1], [0, 3], [3, 0], [1, 2]] as const) {
      const expected = list.map((x) => x.id);
      const [moved] = expected.splice(from, 1);
      expected.splice(to, 0, moved!);
      expect(apply(list, reorderPlan(list, from, to))).toEqual(expected);
    }
  });

  it('moves to the top and to the bottom', () => {
    const list = items([3, 2, 1, 0]);
    expect(apply(list, reorderPlan(list, 2, 0))).toEqual(['c', 'a', 'b', 'd']);
    expect(apply(list, reorderPlan(list, 0, 3))).toEqual(['b', 'c', 'd', 'a']);
  });

  it('never edits a read-only item and changes nothing for a move onto itself', () => {
    const list = items([0, 0, 0], ['b']);
    expect(reorderPlan(list, 2, 0).some((p) => p.id === 'b')).toBe(false);
    expect(reorderPlan(list, 1, 1)).toEqual([]);
  });
});
