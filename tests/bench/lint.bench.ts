// Lint latency per keystroke: 50- and 150-character notes against the default pack grown to
// 10,000 terms, p50/p99 per call, compared with a raw modern-ahocorasick scan of the same text
// over the same terms in the same run. Target (issue 3): p99 < 100 µs at 150 characters.
// Run: node --import tsx tests/bench/lint.bench.ts
import AhoCorasick from 'modern-ahocorasick';
import { compileLinter, defaultRulePack, type RuleOverlay } from '../../src-shared/compliance/index';
import { emit, percentile, round, sampleMicros } from './harness';

const TERMS = 10_000;
const CALLS = 20_000;

// Deterministic synthetic terms (2–6 common ideographs), the shape the reference measured.
function syntheticTerms(n: number, existing: number): string[] {
  let seed = 20261122;
  const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const out = new Set<string>();
  while (out.size < n - existing) {
    const len = 2 + Math.floor(next() * 5);
    let t = '';
    for (let i = 0; i < len; i++) t += String.fromCharCode(0x4e00 + Math.floor(next() * 3500));
    out.add(t);
  }
  return [...out];
}

const pack = defaultRulePack();
const packTerms = pack.lexicon.flatMap((g) => [...g.terms, ...(g.variants ?? []), ...(g.allow ?? [])]);
const extra = syntheticTerms(TERMS, packTerms.length);
const overlay: RuleOverlay = { schema: 'tagdesk.rule-overlay/1', id: 'bench', version: '1.0.0', words: [{ category: 'policy.wording', terms: extra }] };

const t0 = performance.now();
const linter = compileLinter(pack, [overlay]);
const buildMs = performance.now() - t0;
const raw = new AhoCorasick([...packTerms, ...extra]);

// A realistic sales note with a phone number, an address and a health term in it.
const NOTE =
  '客户王先生今天来店看了新款SUV，对价格比较敏感，电话13812345678，住朝阳区建国路88号，' +
  '说最近刚确诊乙肝在调理，希望下周三再约一次试驾，关注安全配置和后排空间，预算大概三十万左右，' +
  '可以推荐混动版本，另外他提到家里有两个孩子都在上学，周末时间比较多，适合约周六上午到店详谈，记得带上金融方案和置换政策。';

for (const len of [50, 150]) {
  const text = NOTE.slice(0, len);
  const lint = sampleMicros(CALLS, () => void linter.lint(text, { field: 'note' }));
  const scan = sampleMicros(CALLS, () => void raw.search(text));
  const p99 = percentile(lint, 99);
  const rawP50 = percentile(scan, 50);
  const rawP99 = percentile(scan, 99);
  const base = { metric: `raw_ac_p50_us_${len}ch`, value: round(rawP50), unit: 'us' };
  emit({ bench: 'lint', metric: `p50_us_${len}ch`, value: round(percentile(lint, 50)), unit: 'us', baseline: { ...base, ratio: round(percentile(lint, 50) / rawP50) } });
  emit({
    bench: 'lint',
    metric: `p99_us_${len}ch`,
    value: round(p99),
    unit: 'us',
    ...(len === 150 ? { target: 100, targetKind: 'max' as const } : {}),
    baseline: { metric: `raw_ac_p99_us_${len}ch`, value: round(rawP99), unit: 'us', ratio: round(p99 / rawP99) },
    note: `${linter.lexiconSize} lexicon patterns; ${linter.lint(text, { field: 'note' }).findings.length} findings in the text`,
  });
}
emit({ bench: 'lint', metric: 'compile_ms_10k_terms', value: round(buildMs), unit: 'ms' });
