// Staff filter customers with expressions like "VIP ∩ 华东"; a mistake is pointed out where it is.
import { describe, expect, it } from 'vitest';
import { compileTagQuery, indexRelations, parseTagQuery, TagIndex, TagQueryError } from '../../../src-shared/tagquery';
import { catalog } from './catalog';

const matches = (q: string, tags: string[]) => compileTagQuery(q, catalog).matches(new Set(tags));
function errorOf(q: string): TagQueryError {
  try { compileTagQuery(q, catalog); } catch (e) { if (e instanceof TagQueryError) return e; throw e; }
  throw new Error(`expected "${q}" to fail`);
}

describe('writing a filter', () => {
  it('"VIP ∩ 华东" finds VIP customers in East China, in every spelling of "and"', () => {
    for (const q of ['VIP ∩ 华东', 'VIP & 华东', 'VIP 且 华东', 'VIP＆华东']) {
      expect(matches(q, ['tVIP', 'tEast']), q).toBe(true);
      expect(matches(q, ['tVIP', 'tNorth']), q).toBe(false);
    }
  });

  it('or and not work with symbols and Chinese words, not binding tighter than and', () => {
    for (const q of ['A类 | B类 & 华东', 'A类 ∪ B类 ∩ 华东', 'A类 或 B类 且 华东']) {
      expect(matches(q, ['tA']), q).toBe(true);
      expect(matches(q, ['tB']), q).toBe(false);
      expect(matches(q, ['tB', 'tEast']), q).toBe(true);
    }
    expect(matches('VIP & !投诉风险', ['tVIP'])).toBe(true);
    expect(matches('VIP 且 非 投诉风险', ['tVIP', 'tComplaint'])).toBe(false);
    expect(matches('!(投诉风险 | 讨厌电话沟通)', ['tNoCall'])).toBe(false);
  });

  it('a tag whose name starts with 非 stays a name; 非 as a word is "not"', () => {
    expect(matches('非会员', ['tNonMember'])).toBe(true);
    expect(matches('非 非会员', ['tNonMember'])).toBe(false);
  });

  it('qualifies by group, quotes names with spaces, and matches prefixes', () => {
    expect(matches('价值等级:VIP', ['tVIP'])).toBe(true);
    expect(matches('"春季活动 2026"', ['tSpring'])).toBe(true);
    expect(matches('活动：「春季活动 2026」', ['tSpring'])).toBe(true);
    const dy = compileTagQuery('渠道来源:抖音*', catalog);
    expect(dy.resolved).toMatchObject({ kind: 'tags', tagIds: ['tDy1', 'tDy2'] });
    expect(dy.matches(new Set(['tDy2']))).toBe(true);
    expect(dy.matches(new Set(['tWx']))).toBe(false);
    expect(compileTagQuery('地域:*', catalog).resolved).toMatchObject({ tagIds: ['tEast', 'tNorth'] });
  });

  it('ignores deleted groups and tags when resolving', () => {
    expect(compileTagQuery('VIP', catalog).resolved).toMatchObject({ tagIds: ['tVIP'] });
    expect(errorOf('旧分组:VIP').code).toBe('unknown_group');
  });
});

describe('mistakes are pointed at', () => {
  const cases: [string, string, number, RegExp][] = [
    ['VIP &', 'expected_operand', 5, /第 6 列：应为标签名/],
    ['VIP 华东', 'expected_operator', 4, /第 5 列：两个标签之间应有运算符/],
    ['(VIP | A类', 'unclosed_paren', 9, /应为「\)」来闭合第 1 列的「\(」/],
    ['VIP)', 'unexpected_close_paren', 3, /多了一个「\)」/],
    ['"VIP', 'unterminated_quote', 0, /引号没有闭合/],
    ['抖*音', 'misplaced_wildcard', 1, /通配符 \* 只能放在标签名末尾/],
    ['   ', 'empty_query', 0, /表达式为空/],
    ['价值等级:', 'expected_operand', 5, /应为组「价值等级」里的标签名/],
    ['VIP & 华西', 'unknown_tag', 6, /找不到标签「华西」/],
    ['价格等级:VIP', 'unknown_group', 0, /找不到标签组「价格等级」/],
  ];
  it.each(cases)('%s → %s at %d', (q, code, position, message) => {
    const e = errorOf(q);
    expect(e.code).toBe(code);
    expect(e.position).toBe(position);
    expect(e.message).toMatch(message);
  });

  it('says what would have been accepted', () => {
    expect(errorOf('VIP &').expected).toContain('(');
    expect(errorOf('VIP 华东').expected).toContain('且 / &');
  });
});

describe('evaluating over many customers', () => {
  it('the bitset evaluation agrees with the per-customer predicate', () => {
    const tagIds = catalog.flatMap((g) => g.tags.map((t) => t.id));
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const customers = Array.from({ length: 301 }, () => new Set(tagIds.filter(() => rand() < 0.3)));
    const index = TagIndex.build(customers.length, customers.flatMap((tags, customer) => [...tags].map((tagId) => ({ customer, tagId }))));
    for (const q of ['VIP & 华东 & !投诉风险', 'A类 | B类 | 渠道来源:抖音*', '!(VIP | 华北)', '非 非会员 且 (华东 或 华北)']) {
      const compiled = compileTagQuery(q, catalog);
      const bits = index.evaluate(compiled.resolved);
      const expected = customers.flatMap((tags, i) => (compiled.matches(tags) ? [i] : []));
      expect(bits.toArray(), q).toEqual(expected);
      expect(bits.count(), q).toBe(expected.length);
    }
  });

  it('"not" never counts customers past the last one', () => {
    const index = TagIndex.build(33, [{ customer: 0, tagId: 'tVIP' }]);
    expect(index.evaluate(compileTagQuery('!VIP', catalog).resolved).count()).toBe(32);
  });

  it('a customer tagged by two colleagues counts once', () => {
    const index = TagIndex.build(2, [{ customer: 1, tagId: 'tVIP' }, { customer: 1, tagId: 'tVIP' }]);
    expect(index.evaluate(compileTagQuery('VIP', catalog).resolved).toArray()).toEqual([1]);
  });

  it('parses into a tree with positions for the editor', () => {
    expect(parseTagQuery('VIP & !华东')).toMatchObject({ kind: 'and', start: 0, end: 9, operands: [{ kind: 'tag', name: 'VIP' }, { kind: 'not', start: 6 }] });
  });
});

describe('scope of the viewer', () => {
  it("a salesperson's filter sees her own relations' tags; her supervisor's sees the team's", () => {
    const relations = [
      { member: 'lina', customer: 'c1', enterpriseTagIds: ['tVIP'] },
      { member: 'liuyang', customer: 'c1', enterpriseTagIds: ['tEast'] },
      { member: 'liuyang', customer: 'c2', enterpriseTagIds: ['tVIP', 'tEast'] },
    ];
    const q = compileTagQuery('VIP ∩ 华东', catalog).resolved;
    const own = indexRelations(relations, (r) => r.member === 'lina');
    expect(own.index.evaluate(q).toArray().map((i) => own.customers[i])).toEqual([]);
    const team = indexRelations(relations);
    // c1 matches for the team: VIP from one relation, 华东 from another (any relation in scope).
    expect(team.index.evaluate(q).toArray().map((i) => team.customers[i])).toEqual(['c1', 'c2']);
  });
});
