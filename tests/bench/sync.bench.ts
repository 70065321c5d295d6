// Sync engine benchmarks against the WeCom simulator on 127.0.0.1:
//  1. Full load of 50,000 customers into a file store (WAL, synchronous=FULL), one
//     batch/get_by_user page per transaction: customers applied per second locally, API time
//     excluded. Baseline in the same run: the same records applied in one transaction.
//  2. Draining 1,000 queued ops over 200 customers: wall time, and the ratio to the least time
//     WeCom's published limits allow (10,000 calls/min per API per corp, DOC 90312).
// Run: node --import tsx tests/bench/sync.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startWecomSimulator } from '../../src-server/wecom-sim/index';
import { createWecomClient } from '../../src-shared/wecom/index';
import { openDatabase } from '../../src-main/store/database';
import { applyFollowRecords, type FollowRecord } from '../../src-main/store/customers';
import { readCatalog } from '../../src-main/store/catalog';
import { effectiveTagsFor } from '../../src-main/store/effective-tags';
import { SyncEngine } from '../../src-main/sync/engine';
import { followRecord, loadCustomers } from '../../src-main/sync/loader';
import { addEnterpriseTag, removeEnterpriseTag } from '../../src-main/sync/local-changes';
import { emit, round } from './harness';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 50_000);
const OPS = 1_000;
const PAIRS = 200;
const PER_MINUTE = 10_000;

const dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-sync-bench-'));
const sim = await startWecomSimulator({ seed: 5, customers: CUSTOMERS, port: 0 });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const client = () => createWecomClient({ baseUrl: sim.url, corpid: sim.corpid, corpsecret: sim.corpsecret, fetch: (u, i) => fetch(u, i), now: Date.now, sleep, random: Math.random });

try {
  // --- 1. full load -------------------------------------------------------------------------------
  const members = [...new Set(sim.company.relations.map((r) => r.userid))].filter((u) => sim.runtime.state.members.has(u));
  const db = openDatabase(path.join(dir, 'load.db'));
  const engine = new SyncEngine({ db, member: members[0]!, client: client(), now: Date.now, sleep, random: Math.random });
  await engine.refreshCatalog();
  const t0 = performance.now();
  const stats = await loadCustomers(db, engine.client, members, Date.now, () => performance.now());
  const wall = performance.now() - t0;
  const customers = db.prepare('SELECT COUNT(*) FROM customers').pluck().get() as number;
  // Baseline: the same records in one transaction (no per-page commit), in a fresh file store.
  const base = openDatabase(path.join(dir, 'baseline.db'));
  const records: FollowRecord[] = [];
  const c2 = client();
  for await (const page of c2.iterateByUser(members, 100)) for (const item of page) records.push(followRecord(item.external_contact, item.follow_info, item.follow_info.tag_id));
  const b0 = performance.now();
  applyFollowRecords(base, records);
  const baseMs = performance.now() - b0;
  emit({
    bench: 'sync', metric: 'full_load_customers_per_s', value: round(customers / (stats.applyMs / 1000), 0), unit: 'customers/s', targetKind: 'min',
    baseline: { metric: 'single_transaction_customers_per_s', value: round(customers / (baseMs / 1000), 0), unit: 'customers/s', ratio: round(stats.applyMs / baseMs, 2) },
    note: `${customers} customers, ${stats.relations} relations in ${stats.pages} pages; local apply ${round(stats.applyMs / 1000, 2)} s, wall incl. API ${round(wall / 1000, 2)} s`,
  });
  db.close();
  base.close();

  // --- 2. draining 1,000 ops over 200 customers -----------------------------------------------------
  const by = new Map<string, string[]>();
  for (const r of sim.runtime.state.relations.values()) if (sim.runtime.state.members.has(r.userid)) by.set(r.userid, [...(by.get(r.userid) ?? []), r.external_userid]);
  const [member, externals] = [...by].sort((a, b) => b[1].length - a[1].length)[0]!;
  const ddb = openDatabase(path.join(dir, 'drain.db'));
  const calls = new Map<string, number>();
  const counting = createWecomClient({ baseUrl: sim.url, corpid: sim.corpid, corpsecret: sim.corpsecret, now: Date.now, sleep, random: Math.random,
    fetch: (u, i) => { const api = new URL(u).pathname.replace('/cgi-bin/', ''); calls.set(api, (calls.get(api) ?? 0) + 1); return fetch(u, i); } });
  const desk = new SyncEngine({ db: ddb, member, client: counting, now: Date.now, sleep, random: Math.random });
  await desk.initialLoad();
  desk.setOnline(false);
  const pairs = externals.slice(0, PAIRS);
  const tags = readCatalog(ddb).filter((g) => g.name !== '客户阶段').flatMap((g) => g.tags);
  for (let i = 0; i < OPS; i++) {
    const ext = pairs[i % pairs.length]!;
    const tag = tags[(i * 7919) % tags.length]!;
    const has = effectiveTagsFor(ddb, member, ext)!.effective.includes(tag.tagId);
    (has ? removeEnterpriseTag : addEnterpriseTag)(ddb, { member, external: ext }, tag.tagId, Date.now());
  }
  calls.clear();
  desk.setOnline(true);
  const d0 = performance.now();
  while (desk.status().openOps > 0) await desk.drain();
  const drainMs = performance.now() - d0;
  const marks = calls.get('externalcontact/mark_tag') ?? 0;
  const busiest = Math.max(...calls.values());
  // The least time the published limits allow at their sustained rate: one mark_tag per op
  // (what a client without per-pair coalescing needs) at 10,000 calls per minute. A burst
  // below 10,000 calls fits in one minute window, so the limits alone do not bind there; the
  // sustained figure for the calls actually made is reported beside it.
  const leastPerOpMs = (OPS / PER_MINUTE) * 60_000;
  const leastForCallsMs = (busiest / PER_MINUTE) * 60_000;
  emit({
    bench: 'sync', metric: 'drain_1000_ops_200_customers_ms', value: round(drainMs, 0), unit: 'ms', targetKind: 'max',
    baseline: { metric: 'least_ms_allowed_by_limits_one_call_per_op', value: round(leastPerOpMs, 0), unit: 'ms', ratio: round(drainMs / leastPerOpMs, 3) },
    note: `${marks} mark_tag calls (ops coalesced per pair), calls by API ${JSON.stringify(Object.fromEntries(calls))}; the busiest API's calls at the sustained 10,000/min rate would take ${round(leastForCallsMs, 0)} ms (ratio ${round(drainMs / leastForCallsMs, 2)}); ≤5 concurrent pairs`,
  });
  ddb.close();
} finally {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
