// Team server load run (issue 6): "a bounded load run (200 simulated desktops on loopback for
// 60 s) completes with no errors; its throughput and p99 latency are reported".
// A demo team (WeCom simulator + team server on 127.0.0.1, both in this process, like the
// desktops). 200 desktops, each signed in once (about 40 staff, so several desktops per member;
// a member's desktops split its relations between them), each with an open SSE stream, each
// looping with no think time over a mix of relayed reads (externalcontact/get of a customer it
// follows, get_corp_tag_list), relayed mark_tag add/remove of 产品偏好 tags on its own relations
// (a multi-choice, non-sensitive group) and GET /team/v1/me, for TAGDESK_LOAD_SECONDS (60).
// WeCom's rate-limit answers (45009/45033/45035/-1) count as `throttled`; the relay's own
// fair-share answer (7100020, "back off and retry") as `fair_share`; anything else is an error.
// A desktop honours a back-off like the real one (retry_after_ms, or 1 s for WeCom's codes).
// If throttling dominates the default-limits phase, a second phase runs with the simulator's
// limits and the relay's fair share raised, to show the server's own throughput.
// Run: node --import tsx --expose-gc tests/bench/team-load.bench.ts
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startDemoTeam, type DemoTeamOptions } from '../../src-server/demo/demo-team';
import { DEFAULT_SIM_LIMITS } from '../../src-server/wecom-sim/options';
import { DEFAULT_FAIR_SHARE } from '../../src-server/team/relay/fair-share';
import { DEFAULT_RATE_LIMITS } from '../../src-shared/wecom/rate-limiter';
import { signIn } from '../integration/team/helpers';
import { emit, percentile, round } from './harness';
import { memoryMb, openStream, relaySession, sleep, type RelaySession } from './team-common';
import type { DemoRelation } from '../../src-server/demo/company';

const DESKTOPS = Number(process.env.TAGDESK_LOAD_DESKTOPS ?? 200);
const SECONDS = Number(process.env.TAGDESK_LOAD_SECONDS ?? 60);
/** Latency percentiles leave out the start-up burst (all desktops at once, cold caches). */
const WARMUP_MS = Math.min(5000, SECONDS * 100);
const THROTTLE_CODES = new Set([45009, 45033, 45035, -1]);
const FAIR_SHARE_CODE = 7100020;
const KINDS = ['get', 'tag_list', 'mark_tag', 'me'] as const;
type Kind = (typeof KINDS)[number];
/** The mix: reads dominate, then writes; /me is the desktop's session check. */
const WEIGHTS: Record<Kind, number> = { get: 40, tag_list: 10, mark_tag: 30, me: 20 };

interface PhaseResult {
  name: string;
  seconds: number;
  requests: number;
  ok: number;
  errors: number;
  throttled: number;
  fairShare: number;
  meCalls: number;
  getCalls: number;
  /** Successful requests' latencies, steady state (started after the warm-up). */
  latency: Record<Kind, number[]>;
  /** Including the warm-up: 200 desktops starting in the same millisecond on cold caches. */
  latencyAll: number[];
  errorSamples: string[];
  throttledByCode: Record<string, number>;
  eventsReceived: number;
  streamsEndedEarly: number;
  subscribersAtEnd: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  /** Event-loop delay in this one process (server, simulator and desktops share it). */
  loopDelayP99Ms: number;
  /** Calls the team server made to WeCom (the simulator) during the timed run, by API. */
  upstreamCalls: Record<string, number>;
}

interface Desktop {
  i: number;
  userid: string;
  token: string;
  own: DemoRelation[];
  hasTag: Set<string>;
  relay: RelaySession;
}

function pickKind(r: number): Kind {
  const total = KINDS.reduce((s, k) => s + WEIGHTS[k], 0);
  let x = r * total;
  for (const k of KINDS) {
    x -= WEIGHTS[k];
    if (x < 0) return k;
  }
  return 'me';
}

async function runPhase(name: string, opts: DemoTeamOptions): Promise<PhaseResult> {
  const demo = await startDemoTeam({ seed: 7, customers: 2000, reconcileIntervalMs: 0, ...opts });
  const streams: Awaited<ReturnType<typeof openStream>>[] = [];
  try {
    const company = demo.sim.company;
    const active = new Set(company.staff.filter((s) => !s.resigned && s.customerContact).map((s) => s.userid));
    const relationsOf = new Map<string, DemoRelation[]>();
    for (const r of company.relations) {
      if (!active.has(r.userid)) continue;
      const list = relationsOf.get(r.userid) ?? [];
      list.push(r);
      relationsOf.set(r.userid, list);
    }
    const members = [...relationsOf.keys()].sort();
    const group = company.tagGroups.find((g) => g.group_name === '产品偏好')!;
    const groupTagIds = new Set(group.tags.map((t) => t.id));

    const res: PhaseResult = {
      name, seconds: 0, requests: 0, ok: 0, errors: 0, throttled: 0, fairShare: 0, meCalls: 0, getCalls: 0,
      latency: { get: [], tag_list: [], mark_tag: [], me: [] }, latencyAll: [],
      errorSamples: [], throttledByCode: {}, eventsReceived: 0, streamsEndedEarly: 0, subscribersAtEnd: 0,
      rssBeforeMb: memoryMb(), rssAfterMb: 0, loopDelayP99Ms: 0, upstreamCalls: {},
    };

    // Sign in and connect every desktop before the clock starts.
    const desktops: Desktop[] = [];
    for (let i = 0; i < DESKTOPS; i++) {
      const userid = members[i % members.length]!;
      const slot = Math.floor(i / members.length);
      const slots = Math.ceil((DESKTOPS - (i % members.length)) / members.length);
      const own = relationsOf.get(userid)!.filter((_, j) => j % slots === slot);
      const token = await signIn(demo, userid);
      streams.push(await openStream(demo, token, () => { res.eventsReceived++; }));
      const hasTag = new Set<string>();
      for (const r of own) for (const t of r.tag_ids) if (groupTagIds.has(t)) hasTag.add(`${r.external_userid}|${t}`);
      desktops.push({ i, userid, token, own, hasTag, relay: await relaySession(demo, token) });
    }

    // Everything runs in this process: count the team server's fetches to the simulator.
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.startsWith(demo.sim.url)) {
        const api = new URL(url).pathname.replace(/^\/cgi-bin\//, '');
        res.upstreamCalls[api] = (res.upstreamCalls[api] ?? 0) + 1;
      }
      return realFetch(input, init);
    };
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const t0 = performance.now();
    const deadline = t0 + SECONDS * 1000;
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x80000000;
    };

    const loop = async (d: Desktop): Promise<void> => {
      let n = 0;
      while (performance.now() < deadline) {
        const kind = pickKind(rand());
        const rel = d.own[n++ % Math.max(1, d.own.length)];
        const s = performance.now();
        let errcode = 0;
        let detail = '';
        let retryAfter = 0;
        try {
          if (kind === 'me') {
            const r = await fetch(`${demo.team.url}/team/v1/me`, { headers: { Authorization: `Bearer ${d.token}` } });
            const body = (await r.json()) as { ok: boolean; value?: { userid: string } };
            if (r.status !== 200 || !body.ok || body.value?.userid !== d.userid) { errcode = -999; detail = `HTTP ${r.status} ${JSON.stringify(body)}`; }
          } else if (kind === 'tag_list') {
            const a = await d.relay.call('POST', 'externalcontact/get_corp_tag_list', {}, {});
            errcode = a.errcode; detail = a.errmsg ?? ''; retryAfter = a.retry_after_ms ?? 0;
          } else if (kind === 'get' && rel) {
            const a = await d.relay.call('GET', 'externalcontact/get', { external_userid: rel.external_userid });
            errcode = a.errcode; detail = a.errmsg ?? ''; retryAfter = a.retry_after_ms ?? 0;
          } else if (kind === 'mark_tag' && rel) {
            const tag = group.tags[(n * 5) % group.tags.length]!;
            const key = `${rel.external_userid}|${tag.id}`;
            const add = !d.hasTag.has(key);
            const a = await d.relay.call('POST', 'externalcontact/mark_tag', {}, {
              userid: d.userid, external_userid: rel.external_userid, ...(add ? { add_tag: [tag.id] } : { remove_tag: [tag.id] }),
            });
            errcode = a.errcode; detail = a.errmsg ?? ''; retryAfter = a.retry_after_ms ?? 0;
            if (errcode === 0) { if (add) d.hasTag.add(key); else d.hasTag.delete(key); }
          } else {
            continue;
          }
        } catch (e) {
          errcode = -998;
          detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        }
        const ms = performance.now() - s;
        res.requests++;
        if (kind === 'me') res.meCalls++;
        if (kind === 'get') res.getCalls++;
        if (errcode === 0) {
          res.ok++;
          res.latencyAll.push(ms);
          if (s - t0 >= WARMUP_MS) res.latency[kind].push(ms);
        } else if (errcode === FAIR_SHARE_CODE) {
          res.fairShare++;
          // Honour the back-off like a desktop would, but a bounded run stops at its deadline.
          await sleep(Math.min(Math.max(retryAfter, 50), Math.max(0, deadline - performance.now())));
        } else if (THROTTLE_CODES.has(errcode)) {
          res.throttled++;
          res.throttledByCode[String(errcode)] = (res.throttledByCode[String(errcode)] ?? 0) + 1;
          await sleep(1000);
        } else {
          res.errors++;
          if (res.errorSamples.length < 10) res.errorSamples.push(`${kind} ${errcode} ${detail}`.slice(0, 300));
        }
      }
    };
    await Promise.all(desktops.map(loop));
    res.seconds = (performance.now() - t0) / 1000;
    loopDelay.disable();
    globalThis.fetch = realFetch;
    res.loopDelayP99Ms = loopDelay.percentile(99) / 1e6;
    res.streamsEndedEarly = streams.filter((s) => s.ended).length;
    res.subscribersAtEnd = demo.team.ctx.events.subscriberCount();
    (globalThis as { gc?: () => void }).gc?.();
    res.rssAfterMb = memoryMb();
    for (const k of KINDS) res.latency[k].sort((a, b) => a - b);
    res.latencyAll.sort((a, b) => a - b);
    return res;
  } finally {
    for (const s of streams) await s.close();
    await demo.close();
  }
}

function report(r: PhaseResult, note?: string): void {
  const all = KINDS.flatMap((k) => r.latency[k]).sort((a, b) => a - b);
  const relayed = r.requests - r.meCalls;
  emit({
    bench: 'team-load', metric: `errors_${r.name}`, value: r.errors, unit: 'count', target: 0, targetKind: 'max',
    note: `${DESKTOPS} desktops × ${round(r.seconds, 1)} s; ${r.requests} requests: ${r.ok} ok, ${r.throttled} throttled by WeCom ${JSON.stringify(r.throttledByCode)}, ${r.fairShare} relay fair-share back-offs (7100020), ${r.errors} errors${r.errorSamples.length ? ` e.g. ${r.errorSamples.join(' | ')}` : ''}`,
  });
  const gets = r.upstreamCalls['externalcontact/get'] ?? 0;
  emit({
    bench: 'team-load', metric: `upstream_get_per_min_${r.name}`, value: round(gets / (r.seconds / 60), 0), unit: 'calls/min', targetKind: 'max',
    note: `the team server's calls to WeCom by API: ${JSON.stringify(r.upstreamCalls)}; desktops' externalcontact/get requests (some refused by fair share before WeCom): ${r.getCalls}; the rest are the relay's follower lookups for pushes; its WeCom client queues beyond ${DEFAULT_RATE_LIMITS.perMinute} per sliding minute per API (the long get tail when this is reached)`,
  });
  emit({ bench: 'team-load', metric: `throttled_${r.name}`, value: r.throttled, unit: 'count', targetKind: 'max', note: `WeCom 45009/45033/45035/-1 ${JSON.stringify(r.throttledByCode)}; of ${relayed} relayed requests` });
  emit({ bench: 'team-load', metric: `fair_share_backoffs_${r.name}`, value: r.fairShare, unit: 'count', targetKind: 'max', note: `relay 7100020 (member over its fair share), of ${relayed} relayed requests` });
  emit({ bench: 'team-load', metric: `ok_requests_per_s_${r.name}`, value: round(r.ok / r.seconds, 0), unit: 'req/s', targetKind: 'min', note: `all answers: ${round(r.requests / r.seconds, 0)} req/s${note ? `; ${note}` : ''}` });
  emit({ bench: 'team-load', metric: `p99_ms_all_${r.name}`, value: round(percentile(all, 99), 1), unit: 'ms', targetKind: 'max', note: `steady state (after ${WARMUP_MS / 1000} s): p50 ${round(percentile(all, 50), 1)} ms over ${all.length} successful requests; including the start-up burst: p50 ${round(percentile(r.latencyAll, 50), 1)} ms, p99 ${round(percentile(r.latencyAll, 99), 1)} ms; event-loop delay p99 ${round(r.loopDelayP99Ms, 1)} ms (one process for server, simulator and desktops)` });
  for (const k of KINDS) {
    const l = r.latency[k];
    emit({ bench: 'team-load', metric: `p99_ms_${k}_${r.name}`, value: round(percentile(l, 99), 1), unit: 'ms', targetKind: 'max', note: `p50 ${round(percentile(l, 50), 1)} ms, ${l.length} ok after warm-up, ${round(l.length / (r.seconds - WARMUP_MS / 1000), 0)}/s` });
  }
  emit({
    bench: 'team-load', metric: `rss_mb_after_${r.name}`, value: r.rssAfterMb, unit: 'MB', targetKind: 'max',
    note: `before ${r.rssBeforeMb} MB; events received on ${DESKTOPS} streams: ${r.eventsReceived}; streams ended early: ${r.streamsEndedEarly}; server subscribers at end: ${r.subscribersAtEnd}`,
  });
}

const limitsNote = `simulator: ${DEFAULT_SIM_LIMITS.perCorpPerMinute}/min per API per corp, ${DEFAULT_SIM_LIMITS.perIpPerMinute}/min per IP, ${DEFAULT_SIM_LIMITS.maxConcurrentReads} concurrent reads (45033); team server's WeCom client: ${DEFAULT_RATE_LIMITS.perMinute}/min per API, ${DEFAULT_RATE_LIMITS.maxConcurrent} concurrent per API (queues, no error); relay fair share ${DEFAULT_FAIR_SHARE.burst} burst, ${DEFAULT_FAIR_SHARE.perSecond}/s per member`;
const first = await runPhase('default', {});
const relayedFirst = first.requests - first.meCalls;
const throttledShare = relayedFirst ? (first.throttled + first.fairShare) / relayedFirst : 0;
const dominated = throttledShare > 0.2;
report(first, `${limitsNote}${dominated ? `; DOMINATED BY THROTTLING: ${round(throttledShare * 100, 0)}% of relayed requests were throttled or backed off, see the 'raised' phase` : ''}`);
let failed = first.errors > 0 || first.streamsEndedEarly > 0;
if (dominated) {
  const raised = await runPhase('raised', {
    simLimits: { perCorpPerMinute: 1_000_000, perCorpPerHour: 10_000_000, perIpPerMinute: 1_000_000, perIpPerHour: 10_000_000, maxConcurrentReads: 1000 },
    fairShare: { burst: 100_000, perSecond: 100_000 },
  });
  report(raised, `simulator limits and relay fair share raised (1,000,000/min, 1000 concurrent reads, unlimited fair share); the team server's own WeCom client limiter (${DEFAULT_RATE_LIMITS.perMinute}/min, ${DEFAULT_RATE_LIMITS.maxConcurrent} concurrent per API) still applies`);
  failed ||= raised.errors > 0 || raised.streamsEndedEarly > 0;
}
if (failed) process.exitCode = 1;
