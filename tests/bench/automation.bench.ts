// Benchmark: behaviour events processed per second through the signed webhook with 50 active
// automation rules (link-click counts, keywords, tag and RFM conditions, stage moves — their
// writes going to the WeCom simulator through batches), against the same stream ingested with
// no rule enabled (signature, validation and storage only) in the same run.
// Run: node --import tsx tests/bench/automation.bench.ts
import { performance } from 'node:perf_hooks';
import { startDemoTeam, type DemoTeam } from '../../src-server/demo/demo-team';
import { generateDemoStream } from '../../src-server/team/automation/demo-stream';
import { signIngest } from '../../src-server/team/automation/ingest';
import type { BehaviourEvent } from '../../src-shared/automation/index';
import type { AutomationRule } from '../../src-shared/policy/index';
import { emit, round } from './harness';
import './team-common';

const CHUNK = 100;

async function ingestAll(demo: DemoTeam, events: readonly BehaviourEvent[]): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += CHUNK) {
    const body = JSON.stringify({ events: events.slice(i, i + CHUNK) });
    const ts = Math.floor(Date.now() / 1000);
    const res = await fetch(`${demo.team.url}/team/v1/ingest`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Tagdesk-Timestamp': String(ts), 'X-Tagdesk-Signature': signIngest(demo.team.ctx.config.ingestSecret!, ts, body) },
      body,
    });
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  }
  return (performance.now() - t0) / 1000;
}

function fiftyRules(): AutomationRule[] {
  const rules: AutomationRule[] = [];
  const base = { version: 1, enabled: true, conditions: [], actsOn: 'owner' as const, maxShareWithoutConfirm: 1 };
  const products = ['智能门锁', '扫地机器人', '空气净化器', '净水器', '智能音箱', '投影仪', '电动牙刷', '按摩椅', '咖啡机', '洗地机'];
  for (let i = 0; i < 20; i++) {
    rules.push({ ...base, id: `clicks-${i}`, name: `点击${i}`, trigger: { kind: 'eventCount', event: 'link_clicked', atLeast: 3 + (i % 4), withinHours: 72 }, actions: [{ kind: 'addTag', tag: { groupName: '产品偏好', tagName: products[i % products.length]! } }] });
  }
  const lists = [['price-sensitive', '服务偏好', '价格敏感'], ['unhappy', '售后状态', '待回访'], ['buying-intent', '购买意向', '高意向'], ['skin-sensitive', '服务偏好', '注重售后']] as const;
  for (let i = 0; i < 10; i++) {
    const [list, groupName, tagName] = lists[i % lists.length]!;
    rules.push({ ...base, id: `kw-${i}`, name: `关键词${i}`, trigger: { kind: 'keyword', synonymListId: list, minHits: 1 + (i % 3), per: i % 2 ? 'week' : 'day' }, actions: [{ kind: 'addTag', tag: { groupName, tagName } }] });
  }
  const regions = ['华东', '华南', '华北', '华中', '西南'];
  for (let i = 0; i < 10; i++) {
    rules.push({ ...base, id: `cond-${i}`, name: `条件${i}`, trigger: { kind: 'event', event: i % 2 ? 'material_viewed' : 'form_submitted' }, conditions: [{ kind: 'tags', expression: `${regions[i % regions.length]!} 且 非 客户阶段:已流失` }], actions: [{ kind: 'addTag', tag: { groupName: '活动参与', tagName: '新品试用' } }] });
  }
  const segments = ['重要价值客户', '重要发展客户', '一般发展客户', '重要挽留客户', '一般挽留客户'];
  const stages = ['已成交', '复购客户', '已成交', '流失预警', '流失预警'];
  for (let i = 0; i < 10; i++) {
    rules.push({ ...base, id: `rfm-${i}`, name: `价值${i}`, trigger: { kind: 'event', event: 'purchase' }, conditions: [{ kind: 'attribute', attribute: 'rfm_segment', op: 'eq', value: segments[i % segments.length]! }], actions: [{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: stages[i % stages.length]! } }] });
  }
  return rules;
}

const demo = await startDemoTeam({ seed: 11, customers: 400, reconcileIntervalMs: 0 });
try {
  const st = demo.sim.runtime.state;
  const owners = [...st.customers.keys()].sort().flatMap((c) => {
    const f = (st.byCustomer.get(c) ?? []).filter((u) => st.members.has(u)).map((u) => ({ u, t: st.relation(u, c)!.createtime })).sort((a, b) => a.t - b.t)[0];
    return f ? [{ externalUserid: c, userid: f.u }] : [];
  });
  const half = Math.floor(owners.length / 2);
  // Two streams over different customers, so the rules start from the same kind of history.
  const plain = generateDemoStream({ seed: 21, customers: owners.slice(0, half), end: new Date(), days: 29 });
  const ruled = generateDemoStream({ seed: 22, customers: owners.slice(half), end: new Date(), days: 29 });
  const baseSeconds = await ingestAll(demo, plain);
  const policy = demo.team.ctx.policy.current();
  demo.team.ctx.policy.save({ ...policy, revision: policy.revision + 1, automationRules: fiftyRules() }, 'linxue');
  const ruledSeconds = await ingestAll(demo, ruled);
  await demo.team.ctx.batches.idle();
  const writes = demo.team.ctx.db.prepare(`SELECT count(*) FROM automation_provenance`).pluck().get() as number;
  const perSecond = ruled.length / ruledSeconds;
  const basePerSecond = plain.length / baseSeconds;
  emit({
    bench: 'automation', metric: 'events_per_s_50_rules', value: round(perSecond, 1), unit: 'events/s', target: 100, targetKind: 'min',
    baseline: { metric: 'events_per_s_no_rules', value: round(basePerSecond, 1), unit: 'events/s', ratio: round(perSecond / basePerSecond) },
    note: `${ruled.length} events in chunks of ${CHUNK} for ${owners.length - half} customers; ${writes} automatic assignments written to WeCom through batches`,
  });
} finally {
  await demo.close();
}
