// Benchmark: bulk batch throughput — an admin adds one tag to every relation of a 2,000-customer
// demo company (one mark_tag per relation, five in flight, through the team server's rate
// limiter) against the WeCom simulator on loopback. The reference is WeCom's own ceiling for
// mark_tag (10,000 calls a minute per company, of which the client uses 90 %): a batch can never
// be faster than that, so the target is to reach half of it on loopback.
// Run: node --import tsx tests/bench/batch.bench.ts
import { performance } from 'node:perf_hooks';
import { startDemoTeam } from '../../src-server/demo/demo-team';
import { signIn } from '../integration/team/helpers';
import { emit, round } from './harness';
import './team-common';

const demo = await startDemoTeam({ seed: 9, customers: 2000, reconcileIntervalMs: 0 });
try {
  const admin = await signIn(demo, 'linxue');
  const tag = demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.find((t) => t.name === '咖啡机')!.id;
  const t0 = performance.now();
  const res = await fetch(`${demo.team.url}/team/v1/bulk`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ selector: { query: '非 咖啡机' }, add: [tag] }),
  });
  const batch = ((await res.json()) as { value: { id: string; total: number } }).value;
  const t1 = performance.now();
  await demo.team.ctx.batches.idle(batch.id);
  const t2 = performance.now();
  const done = demo.team.ctx.batches.get(batch.id)!;
  const perSecond = done.counts.done / ((t2 - t1) / 1000);
  const wecomLimit = (10_000 * 0.9) / 60;
  emit({
    bench: 'batch', metric: 'mark_tag_items_per_s', value: round(perSecond, 1), unit: 'items/s', target: round(wecomLimit / 2, 1), targetKind: 'min',
    baseline: { metric: 'wecom_mark_tag_ceiling_per_s', value: round(wecomLimit, 1), unit: 'items/s', ratio: round(perSecond / wecomLimit) },
    note: `${done.counts.done} relations changed, ${done.counts.failed} failed; selection and planning took ${round(t1 - t0)} ms`,
  });
} finally {
  await demo.close();
}
