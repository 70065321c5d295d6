// Properties of the query language: any expression, written in any mix of operator spellings,
// means what its tree says, and the fast bitset evaluation agrees with the per-customer one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTagQuery, TagIndex } from '../../../src-shared/tagquery';
import { catalog } from './catalog';

type Expr = { t: 'tag'; name: string; id: string } | { t: 'not'; e: Expr } | { t: 'and' | 'or'; a: Expr; b: Expr };
const leaves = catalog.filter((g) => !g.deleted).flatMap((g) => g.tags.map((t) => ({ group: g.name, name: t.name, id: t.id })));

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...leaves).map((l): Expr => ({ t: 'tag', name: l.name, id: l.id })),
    tie('e').map((e): Expr => ({ t: 'not', e })),
    fc.record({ t: fc.constantFrom('and' as const, 'or' as const), a: tie('e'), b: tie('e') }),
  ),
})).e;

const AND = ['&', '∩', '且', '＆'];
const OR = ['|', '∪', '或'];
const NOT = ['!', '非 ', '¬'];
function print(e: Expr, pick: () => number): string {
  const choose = (xs: string[]) => xs[pick() % xs.length]!;
  switch (e.t) {
    case 'tag': {
      const leaf = leaves.find((l) => l.id === e.id)!;
      const quoted = /\s/.test(leaf.name) || pick() % 3 === 0 ? `"${leaf.name}"` : leaf.name;
      return pick() % 2 === 0 ? `${leaf.group}:${quoted}` : quoted;
    }
    case 'not': return `${choose(NOT)}(${print(e.e, pick)})`;
    default: return `(${print(e.a, pick)} ${choose(e.t === 'and' ? AND : OR)} ${print(e.b, pick)})`;
  }
}
const truth = (e: Expr, tags: ReadonlySet<string>): boolean =>
  e.t === 'tag' ? tags.has(e.id) : e.t === 'not' ? !truth(e.e, tags) : e.t === 'and' ? truth(e.a, tags) && truth(e.b, tags) : truth(e.a, tags) || truth(e.b, tags);

describe('query properties', () => {
  it('a printed expression parses back to the same meaning, and bitsets agree with it', () => {
    const customers = fc.array(fc.subarray(leaves.map((l) => l.id)), { minLength: 1, maxLength: 70 });
    fc.assert(fc.property(expr, customers, fc.infiniteStream(fc.nat()), (e, tagLists, stream) => {
      const it = stream[Symbol.iterator]();
      const source = print(e, () => it.next().value as number);
      const q = compileTagQuery(source, catalog);
      const sets = tagLists.map((l) => new Set(l));
      const index = TagIndex.build(sets.length, tagLists.flatMap((l, customer) => l.map((tagId) => ({ customer, tagId }))));
      const expected = sets.flatMap((s, i) => (truth(e, s) ? [i] : []));
      expect(sets.flatMap((s, i) => (q.matches(s) ? [i] : [])), source).toEqual(expected);
      expect(index.evaluate(q.resolved).toArray(), source).toEqual(expected);
    }), { numRuns: 300 });
  });
});
