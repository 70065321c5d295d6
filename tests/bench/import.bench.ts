// Benchmark: checking a 10,000-row tag import (issue 9: under a second) — decoding a GBK file,
// parsing it and checking every row against an 8,000-customer demo company's catalog with the
// default linter, with about one row in ten carrying a mistake. Baseline in the same run:
// decoding and parsing alone, so the checker's own share is visible.
// Run: node --import tsx tests/bench/import.bench.ts
import { performance } from 'node:perf_hooks';
import iconv from 'iconv-lite';
import { generateDemoCompany } from '../../src-server/demo/company';
import { decodeCsv, parseCsv } from '../../src-server/team/admin/csv';
import { checkImport, type ImportCustomer } from '../../src-shared/bulk/import-check';
import { defaultLinter } from '../../src-shared/compliance/index';
import type { TagGroup } from '../../src-shared/domain/index';
import { emit, percentile, round } from './harness';

const ROWS = 10_000;
const company = generateDemoCompany({ seed: 7, customers: 8000 });
const catalog: TagGroup[] = company.tagGroups.map((g) => ({ id: g.group_id, name: g.group_name, order: g.order, tags: g.tags.map((t) => ({ id: t.id, groupId: g.group_id, name: t.name, order: t.order })) }));
const customers = new Map<string, ImportCustomer & { followers: string[] }>();
for (const r of company.relations) {
  const c = customers.get(r.external_userid) ?? { name: company.customers.find((x) => x.external_userid === r.external_userid)?.name ?? '', followers: [] };
  c.followers.push(r.userid);
  customers.set(r.external_userid, c);
}
const product = company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.map((t) => t.name);
const channel = company.tagGroups.find((g) => g.group_name === '渠道来源')!.tags.map((t) => t.name);
const rels = company.relations;
const mistakes = ['智能门所', '1992年8月生', '乙肝患者', '35岁', 'VIP客戶'];
const lines = ['客户ID,跟进成员,产品偏好,标签'];
for (let i = 0; i < ROWS; i++) {
  const r = rels[i % rels.length]!;
  const bad = i % 10 === 9 ? mistakes[i % mistakes.length]! : product[i % product.length]!;
  lines.push(`${i % 97 === 0 ? 'wmUnknown' : r.external_userid},${r.userid},${product[(i * 7) % product.length]}、${bad},渠道来源:${channel[i % channel.length]}`);
}
const gbk = iconv.encode(lines.join('\r\n'), 'gbk');
const linter = defaultLinter();
const lint = (text: string) => {
  const r = linter.lint(text, { field: 'tag' });
  return { verdict: r.verdict, message: r.findings[0]?.message ?? '' };
};

const RUNS = 7;
const full: number[] = [];
const parseOnly: number[] = [];
let errors = 0;
for (let run = 0; run < RUNS + 1; run++) {
  const t0 = performance.now();
  const { header, rows } = parseCsv(decodeCsv(gbk).text);
  const t1 = performance.now();
  const preview = checkImport(header, rows, { catalog, customers, lint });
  const t2 = performance.now();
  if (run === 0) continue; // warm-up
  errors = preview.errors.length;
  full.push(t2 - t0);
  parseOnly.push(t1 - t0);
}
full.sort((a, b) => a - b);
parseOnly.sort((a, b) => a - b);
const p50 = percentile(full, 50);
emit({ bench: 'import', metric: 'check_ms_10k_rows_p50', value: round(p50), unit: 'ms', target: 1000, targetKind: 'max', baseline: { metric: 'decode_parse_ms_p50', value: round(percentile(parseOnly, 50)), unit: 'ms', ratio: round(p50 / percentile(parseOnly, 50)) }, note: `${ROWS} rows (GBK), ${errors} errors found` });
emit({ bench: 'import', metric: 'rows_per_second', value: Math.round(ROWS / (p50 / 1000)), unit: 'rows/s', target: 10_000, targetKind: 'min' });
