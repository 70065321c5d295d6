// Benchmark: mute verdicts (issue 8) — 200,000 customers for one member under 200 ms, one
// verdict under 50 µs. Six realistic rules (partner night mute, campaign hold with the 2026
// holiday calendar, two suppress rules, a whitelist, a personal quiet time). Baseline in the
// same run: the explained `verdict()` for every customer (what the panel calls for one).
// Run: node --import tsx tests/bench/mute.bench.ts
import { performance } from 'node:perf_hooks';
import type { TagGroup } from '../../src-shared/domain';
import { parseMuteRule, type MuteRule } from '../../src-shared/policy';
import { compileMuteRules, verdict, verdictState, type MuteContact } from '../../src-shared/mute';
import cn2026 from '../../resources/holidays/cn-2026.json' with { type: 'json' };
import { emit, percentile, round, sampleMicros } from './harness';

const CUSTOMERS = 200_000;
let seed = 20261129;
const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

const catalog: TagGroup[] = Array.from({ length: 30 }, (_, g) => ({
  id: `g${g}`, name: `组${g}`, order: 0,
  tags: Array.from({ length: 20 }, (_, t) => ({ id: `et${g * 20 + t}`, groupId: `g${g}`, name: `标签${g * 20 + t}`, order: 0 })),
}));
const rule = (r: Record<string, unknown>): MuteRule => {
  const p = parseMuteRule({ owner: { kind: 'company' }, scope: { everyone: true }, schedule: { timeZone: 'Asia/Shanghai' }, ...r });
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  return p.value;
};
const rules = [
  rule({ id: 'night', name: '合作方夜间静音', match: '标签1 且 非 标签2', effect: 'mute', priority: 200, exceptions: '标签7',
    schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '19:00', end: '09:00' }], holidayCalendarId: 'cn-2026', onHolidays: 'inside' } }),
  rule({ id: 'hold', name: '活动期工作时间处理', match: '标签3 且 (标签4 或 标签5)', effect: 'hold',
    schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5], start: '18:00', end: '09:00' }, { days: [6, 7], start: '00:00', end: '24:00' }], holidayCalendarId: 'cn-2026', onHolidays: 'inside' } }),
  rule({ id: 'no-mkt', name: '勿扰不群发', match: '标签8 或 标签9', effect: 'suppress' }),
  rule({ id: 'visit', name: '到店未购买', match: '标签10', effect: 'suppress', activeUntil: '2027-01-01T00:00:00+08:00' }),
  rule({ id: 'vip', name: 'A类始终提醒', match: '标签0', effect: 'allow' }),
  rule({ id: 'own', name: '我的午休', owner: { kind: 'member', memberId: 'lina' }, scope: { memberIds: ['lina'] }, match: '组0:*', effect: 'mute',
    schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5], start: '12:00', end: '13:30' }] } }),
];
const compiled = compileMuteRules({ rules, calendars: [cn2026], catalog });
const member = { userid: 'lina', departmentIds: [5] };
const contacts: MuteContact[] = Array.from({ length: CUSTOMERS }, (_, i) => {
  const tags = new Set<string>();
  const n = 3 + Math.floor(rand() * 8);
  for (let k = 0; k < n; k++) tags.add(`et${Math.floor(rand() ** 2 * 600)}`);
  return { externalUserid: `wm${i}`, tagIds: tags };
});
const ctx = { compiled };
const at = Date.parse('2026-03-10T21:30:00+08:00');

(globalThis as { gc?: () => void }).gc?.();
const batch = (fn: (c: MuteContact) => unknown): number => {
  const t0 = performance.now();
  for (const c of contacts) fn(c);
  return performance.now() - t0;
};
batch((c) => verdictState(member, c, at, ctx));
const batchRuns = Array.from({ length: 5 }, () => batch((c) => verdictState(member, c, at, ctx))).sort((a, b) => a - b);
const explainedRuns = Array.from({ length: 3 }, () => batch((c) => verdict(member, c, at, ctx))).sort((a, b) => a - b);
let quiet = 0;
for (const c of contacts) if (verdictState(member, c, at, ctx).state !== 'open') quiet++;

emit({ bench: 'mute', metric: 'batch_ms_200k', value: round(batchRuns[2]!), unit: 'ms', target: 200, targetKind: 'max',
  baseline: { metric: 'explained_verdict_ms_200k', value: round(explainedRuns[1]!), unit: 'ms', ratio: round(explainedRuns[1]! / batchRuns[2]!) },
  note: `${CUSTOMERS} customers, ${rules.length} rules, ${quiet} not open; median of 5 runs` });

// One verdict as the panel asks for it, at a different minute each call (schedules recomputed:
// the worst case), and at the same minute (the common case while a panel is open).
let minute = 0;
const cold = sampleMicros(5000, (i) => { verdict(member, contacts[i % CUSTOMERS]!, at + (minute++) * 60_000, ctx); }, 500);
const warm = sampleMicros(20000, (i) => { verdict(member, contacts[i % CUSTOMERS]!, at, ctx); }, 1000);
emit({ bench: 'mute', metric: 'p99_us_one_verdict_new_minute', value: round(percentile(cold, 99)), unit: 'us', target: 50, targetKind: 'max',
  baseline: { metric: 'p99_us_one_verdict_same_minute', value: round(percentile(warm, 99)), unit: 'us' }, note: `p50 ${round(percentile(cold, 50))} us` });
