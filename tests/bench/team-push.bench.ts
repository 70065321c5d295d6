// Team server live push (issue 6): "a change relayed for member A reaches member B's event
// stream p95 under 1 s, measured with 50 connected clients".
// A demo team (WeCom simulator + team server, both on 127.0.0.1 in this process); 50 desktops
// signed in (one sign-in per client, spread over the staff who follow customers) with 50 open
// SSE streams. Then CHANGES mark_tag add/remove relayed one after another, each for member A on
// a customer that member B also follows, timed from sending the relayed call until B's stream
// shows `customer.tags.changed` for that customer and A. Pairs rotate, so no member exceeds
// its fair share of the relay. Baseline in the same run: a GET /team/v1/health round trip.
// Run: node --import tsx --expose-gc tests/bench/team-push.bench.ts
import { performance } from 'node:perf_hooks';
import { startDemoTeam } from '../../src-server/demo/demo-team';
import { signIn } from '../integration/team/helpers';
import { emit, percentile, round } from './harness';
import { memoryMb, openStream, relaySession, sleep, type RelaySession } from './team-common';

const CLIENTS = 50;
const CHANGES = Number(process.env.TAGDESK_PUSH_CHANGES ?? 200);
const WARMUP = 20;
const HEALTH_CALLS = 200;
const EVENT_TIMEOUT_MS = 10_000;

const demo = await startDemoTeam({ seed: 6, customers: 2000, reconcileIntervalMs: 0 });
const streams: { close(): Promise<void> }[] = [];
try {
  const company = demo.sim.company;
  const active = new Set(company.staff.filter((s) => !s.resigned && s.customerContact).map((s) => s.userid));
  const followersOf = new Map<string, string[]>();
  for (const r of company.relations) {
    if (!active.has(r.userid)) continue;
    const list = followersOf.get(r.external_userid) ?? [];
    list.push(r.userid);
    followersOf.set(r.external_userid, list);
  }
  const shared = [...followersOf.entries()].filter(([, us]) => new Set(us).size >= 2);
  const members = [...new Set(shared.flatMap(([, us]) => us))].sort();
  if (members.length < 2) throw new Error('the demo company has no customer with two active followers');

  // 50 clients: one sign-in each, round-robin over the members (several devices per member).
  const clientMember: string[] = Array.from({ length: CLIENTS }, (_, i) => members[i % members.length]!);
  const tokens: string[] = [];
  for (const u of clientMember) tokens.push(await signIn(demo, u));
  const firstClientOf = new Map<string, number>();
  clientMember.forEach((u, i) => { if (!firstClientOf.has(u)) firstClientOf.set(u, i); });

  // One waiter at a time (changes are sequential): B's client, the customer, member A.
  let waiter: { client: number; externalUserid: string; userid: string; resolve: (at: number) => void } | null = null;
  let delivered = 0;
  for (let i = 0; i < CLIENTS; i++) {
    streams.push(await openStream(demo, tokens[i]!, (env, at) => {
      if (env.event.kind !== 'customer.tags.changed') return;
      delivered++;
      const w = waiter;
      if (w && w.client === i && env.event.externalUserid === w.externalUserid && env.event.userid === w.userid) {
        waiter = null;
        w.resolve(at);
      }
    }));
  }
  const relay = new Map<string, RelaySession>();
  for (const [u, i] of firstClientOf) relay.set(u, await relaySession(demo, tokens[i]!));

  // Pairs (A, B, customer), rotating over customers so consecutive changes hit different members.
  const pairs: { a: string; b: string; customer: string }[] = [];
  for (const [customer, us] of shared) {
    const distinct = [...new Set(us)];
    pairs.push({ a: distinct[0]!, b: distinct[1]!, customer }, { a: distinct[1]!, b: distinct[0]!, customer });
  }
  const group = company.tagGroups.find((g) => g.group_name === '产品偏好')!;
  const hasTag = new Map<string, boolean>();
  for (const r of company.relations) for (const t of group.tags) if (r.tag_ids.includes(t.id)) hasTag.set(`${r.userid}|${r.external_userid}|${t.id}`, true);

  const e2e: number[] = [];
  const callMs: number[] = [];
  let missed = 0;
  let fairShareWaits = 0;
  let errors = 0;
  const errSamples: string[] = [];
  for (let n = 0; n < WARMUP + CHANGES; n++) {
    const p = pairs[(n * 7919) % pairs.length]!;
    const tag = group.tags[n % group.tags.length]!;
    const key = `${p.a}|${p.customer}|${tag.id}`;
    const add = !hasTag.get(key);
    const body = { userid: p.a, external_userid: p.customer, ...(add ? { add_tag: [tag.id] } : { remove_tag: [tag.id] }) };
    const bClient = firstClientOf.get(p.b)!;
    let arrived!: Promise<number>;
    const t0 = performance.now();
    let answer;
    for (;;) {
      arrived = new Promise<number>((resolve) => { waiter = { client: bClient, externalUserid: p.customer, userid: p.a, resolve }; });
      answer = await relay.get(p.a)!.call('POST', 'externalcontact/mark_tag', {}, body);
      if (answer.errcode !== 7100020) break;
      fairShareWaits++;
      waiter = null;
      await sleep(answer.retry_after_ms ?? 100);
    }
    const t1 = performance.now();
    if (answer.errcode !== 0) {
      waiter = null;
      errors++;
      if (errSamples.length < 5) errSamples.push(JSON.stringify(answer));
      continue;
    }
    hasTag.set(key, add);
    const at = await Promise.race([arrived, sleep(EVENT_TIMEOUT_MS).then(() => -1)]);
    if (at < 0) {
      waiter = null;
      missed++;
      continue;
    }
    if (n < WARMUP) continue;
    e2e.push(at - t0);
    callMs.push(t1 - t0);
  }
  e2e.sort((a, b) => a - b);
  callMs.sort((a, b) => a - b);

  // Baseline: a plain health round trip on the same server, same moment, same sockets.
  const health: number[] = [];
  for (let i = 0; i < HEALTH_CALLS + 20; i++) {
    const t0 = performance.now();
    const r = await fetch(`${demo.team.url}/team/v1/health`);
    await r.arrayBuffer();
    if (i >= 20) health.push(performance.now() - t0);
  }
  health.sort((a, b) => a - b);
  const healthP50 = percentile(health, 50);

  const p95 = percentile(e2e, 95);
  const base = (metric: string, value: number) => ({ metric, value: round(value, 3), unit: 'ms', ratio: round(p95 / value, 1) });
  emit({
    bench: 'team-push', metric: 'p95_ms_relay_to_other_member_stream', value: round(p95, 2), unit: 'ms', target: 1000, targetKind: 'max',
    baseline: base('p50_ms_health_round_trip', healthP50),
    note: `${e2e.length} measured changes (after ${WARMUP} warm-up), ${CLIENTS} SSE clients of ${members.length} members, ${pairs.length / 2} customers with ≥2 followers; missed ${missed}, errors ${errors}${errSamples.length ? ` (${errSamples.join('; ')})` : ''}, fair-share waits ${fairShareWaits}; customer.tags.changed delivered to streams: ${delivered}`,
  });
  emit({ bench: 'team-push', metric: 'p50_ms_relay_to_other_member_stream', value: round(percentile(e2e, 50), 2), unit: 'ms', targetKind: 'max' });
  emit({ bench: 'team-push', metric: 'p99_ms_relay_to_other_member_stream', value: round(percentile(e2e, 99), 2), unit: 'ms', targetKind: 'max' });
  emit({ bench: 'team-push', metric: 'max_ms_relay_to_other_member_stream', value: round(e2e[e2e.length - 1] ?? NaN, 2), unit: 'ms', targetKind: 'max' });
  emit({
    bench: 'team-push', metric: 'p50_ms_relayed_mark_tag_answer', value: round(percentile(callMs, 50), 2), unit: 'ms', targetKind: 'max',
    note: `p95 ${round(percentile(callMs, 95), 2)} ms: the relayed call alone (authorise, WeCom simulator, audit, publish)`,
  });
  emit({ bench: 'team-push', metric: 'p99_ms_health_round_trip', value: round(percentile(health, 99), 3), unit: 'ms', targetKind: 'max', note: `p50 ${round(healthP50, 3)} ms over ${HEALTH_CALLS} calls` });
  emit({ bench: 'team-push', metric: 'rss_mb', value: memoryMb(), unit: 'MB', targetKind: 'max' });
  if (missed > 0 || errors > 0) process.exitCode = 1;
} finally {
  for (const s of streams) await s.close();
  await demo.close();
}
