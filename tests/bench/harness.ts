// Shared helpers for `npm run bench`. Each tests/bench/*.bench.ts is a standalone script
// (run with tsx by scripts/bench.mjs) that prints one JSON object per result line:
//   {"bench":"lint","metric":"p99_us_150ch","value":41.2,"unit":"us","target":100,"baseline":{...}}
// A benchmark compares against a baseline measured in the same run where one makes sense.
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  /** The target from the issue, if any; `ok` says whether value meets it. */
  target?: number;
  /** 'max' when lower is better (latencies), 'min' when higher is better (throughput). */
  targetKind?: 'max' | 'min';
  ok?: boolean;
  baseline?: { metric: string; value: number; unit: string; ratio?: number };
  note?: string;
}

export function emit(r: BenchResult): void {
  if (r.target !== undefined) r.ok = (r.targetKind ?? 'max') === 'max' ? r.value <= r.target : r.value >= r.target;
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

/** Runs fn n times (after warm-up) and returns per-call latencies in microseconds, sorted. */
export function sampleMicros(n: number, fn: (i: number) => void, warmup = Math.min(1000, n)): number[] {
  for (let i = 0; i < warmup; i++) fn(i);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    out[i] = (performance.now() - t0) * 1000;
  }
  return Array.from(out).sort((a, b) => a - b);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
