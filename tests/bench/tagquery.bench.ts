// Benchmark: the tag-set query `A & B & !C` over 200,000 customers with 2,000,000 tag links
// (issue 3: under 5 ms), against a naive per-customer predicate over Set<tagId> in the same run.
// Run: node --import tsx tests/bench/tagquery.bench.ts
import { performance } from 'node:perf_hooks';
import type { TagGroup } from '../../src-shared/domain';
import { compileTagQuery, TagIndex, type TagLink } from '../../src-shared/tagquery';
import { emit, percentile, round, sampleMicros } from './harness';

const CUSTOMERS = 200_000;
const LINKS = 2_000_000;
const TAGS = 600;

// Deterministic LCG so every run measures the same data.
let seed = 20261122;
const rand = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);

// A catalog of 30 groups × 20 tags; tag popularity is Zipf-like, as in real catalogs.
const catalog: TagGroup[] = Array.from({ length: TAGS / 20 }, (_, g) => ({
  id: `g${g}`, name: `组${g}`, order: 0,
  tags: Array.from({ length: 20 }, (_, t) => ({ id: `et${g * 20 + t}`, groupId: `g${g}`, name: `标签${g * 20 + t}`, order: 0 })),
}));
const weights = Array.from({ length: TAGS }, (_, i) => 1 / (i + 1) ** 0.9);
const total = weights.reduce((a, b) => a + b, 0);
const cumulative: number[] = [];
weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);
const pickTag = (): number => {
  const r = rand();
  let lo = 0, hi = TAGS - 1;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (cumulative[mid]! < r) lo = mid + 1; else hi = mid; }
  return lo;
};

const t0 = performance.now();
const links: TagLink[] = new Array<TagLink>(LINKS);
const perCustomer: Set<string>[] = Array.from({ length: CUSTOMERS }, () => new Set<string>());
for (let i = 0; i < LINKS; i++) {
  const customer = Math.floor(rand() * CUSTOMERS);
  const tagId = `et${pickTag()}`;
  links[i] = { customer, tagId };
  perCustomer[customer]!.add(tagId);
}
const generateMs = performance.now() - t0;
const t1 = performance.now();
const index = TagIndex.build(CUSTOMERS, links);
const buildMs = performance.now() - t1;
// The raw links are not needed after indexing; dropping them keeps GC pauses out of the samples.
links.length = 0;

// A, B, C: a common tag, a mid-frequency one and a rarer one.
const query = compileTagQuery('标签0 & 标签3 & !标签20', catalog);
const sizes = ['et0', 'et3', 'et20'].map((id) => index.postingLength(id));

const bitsetMatches = index.evaluate(query.resolved).count();
const naiveMatches = perCustomer.reduce((n, tags) => n + (query.matches(tags) ? 1 : 0), 0);
if (bitsetMatches !== naiveMatches) throw new Error(`evaluators disagree: bitset ${bitsetMatches}, naive ${naiveMatches}`);

// npm run bench passes --expose-gc: start the samples from a collected heap, not mid-cleanup.
(globalThis as { gc?: () => void }).gc?.();
const fast = sampleMicros(1000, () => { index.evaluate(query.resolved).count(); }, 50);
const naive = sampleMicros(20, () => { let n = 0; for (const tags of perCustomer) if (query.matches(tags)) n++; if (n < 0) throw new Error('unreachable'); }, 3);
const p50Ms = percentile(fast, 50) / 1000;
const naiveP50Ms = percentile(naive, 50) / 1000;

const note = `${CUSTOMERS} customers, ${LINKS} links, ${TAGS} tags; |A|=${sizes[0]}, |B|=${sizes[1]}, |C|=${sizes[2]} links; ${bitsetMatches} matches; data generated in ${round(generateMs, 0)} ms, index built in ${round(buildMs, 0)} ms`;
emit({
  bench: 'tagquery', metric: 'p50_ms_A_and_B_and_not_C', value: round(p50Ms, 3), unit: 'ms', target: 5, targetKind: 'max',
  baseline: { metric: 'naive_per_customer_p50_ms', value: round(naiveP50Ms, 2), unit: 'ms', ratio: round(naiveP50Ms / p50Ms, 1) },
  note,
});
emit({ bench: 'tagquery', metric: 'p99_ms_A_and_B_and_not_C', value: round(percentile(fast, 99) / 1000, 3), unit: 'ms', target: 5, targetKind: 'max' });
