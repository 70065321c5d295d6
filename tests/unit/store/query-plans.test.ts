// Hot queries must be index lookups, never scans of a big table: this runs the hot paths
// (search, panel, effective state, drain list) and checks the plan of every statement they
// prepared, so a new query cannot slip in unchecked.
import { describe, it, expect } from 'vitest';
import { searchCustomers } from '../../../src-main/store/search';
import { readPanel } from '../../../src-main/store/panel';
import { effectiveTagsFor } from '../../../src-main/store/effective-tags';
import { duePairs, enqueueOp, outboxCounts } from '../../../src-main/store/outbox';
import { preparedSql } from '../../../src-main/store/sql';
import { freshStore, load, rec } from './fixtures';

// Plans name tables by alias, so the rule is the other way round: only these may be scanned.
const SCANNABLE = new Set(['json_each', 'tag_groups', 'members']);

describe('query plans of hot reads', () => {
  const db = freshStore();
  load(db, Array.from({ length: 300 }, (_, i) => rec(`客户${i}`, i % 2 ? 'zhangsan' : 'lisi', { ext: `wm${i}`, remark: `备注${i}`, remarkMobiles: [`1380000${String(i).padStart(4, '0')}`], tagIds: ['t-new', 't-vip'] })));
  enqueueOp(db, { memberUserid: 'zhangsan', externalUserid: 'wm1', kind: 'add', tagId: 't-east' });
  const before = new Set(preparedSql(db));

  searchCustomers(db, 'kh', { recent: ['wm1', 'wm2'], memberUserid: 'zhangsan' });
  searchCustomers(db, '客户1');
  searchCustomers(db, '0012');
  readPanel(db, 'zhangsan', 'wm1');
  effectiveTagsFor(db, 'zhangsan', 'wm1');
  duePairs(db, Number.MAX_SAFE_INTEGER);
  outboxCounts(db);
  const hot = preparedSql(db).filter((sql) => !before.has(sql));

  it('found the hot statements', () => {
    expect(hot.length).toBeGreaterThanOrEqual(8);
  });

  it.each(hot.map((sql) => [sql.replace(/\s+/g, ' ').trim().slice(0, 90), sql]))('%s', (_label, sql) => {
    const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => null);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
    const tableOf = new Map<string, string>();
    for (const m of sql.matchAll(/(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
      tableOf.set(m[1]!, m[1]!);
      if (m[2] && !/^(WHERE|JOIN|ON|LEFT|ORDER|GROUP|LIMIT)$/i.test(m[2])) tableOf.set(m[2], m[1]!);
    }
    const fullScans = plan.filter((d) => {
      const m = /^SCAN (\w+)/.exec(d);
      return m !== null && !SCANNABLE.has(tableOf.get(m[1]!) ?? m[1]!);
    });
    expect(fullScans, plan.join('\n')).toEqual([]);
  });

  it('searches by (kind, term) prefix on the primary key', () => {
    const scan = hot.find((s) => s.includes('FROM customer_search_terms') && s.includes('term >='))!;
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${scan}`).all(1, 'kh', 'kh\u{10FFFF}', 10) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH customer_search_terms USING PRIMARY KEY \(kind=\? AND term>\? AND term<\?\)/);
  });
});
