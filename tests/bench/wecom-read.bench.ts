// Full read of a 50,000-customer company through batch/get_by_user (limit 100), with the
// production client against the simulator over HTTP on 127.0.0.1 (both in this process).
// Baseline in the same run: the same read with WeCom's default page size (limit 50).
import { performance } from 'node:perf_hooks';
import { createWecomClient } from '../../src-shared/wecom/index';
import { startWecomSimulator } from '../../src-server/wecom-sim/index';
import { emit, round } from './harness';

const CUSTOMERS = Number(process.env.TAGDESK_BENCH_CUSTOMERS ?? 50_000);

async function fullRead(baseUrl: string, corpid: string, corpsecret: string, limit: number) {
  let calls = 0;
  const client = createWecomClient({
    baseUrl, corpid, corpsecret,
    fetch: (url, init) => { calls++; return fetch(url, init); },
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
  });
  const t0 = performance.now();
  const { follow_user } = await client.getFollowUserList();
  const customers = new Set<string>();
  let pairs = 0;
  for await (const page of client.iterateByUser(follow_user, limit)) {
    pairs += page.length;
    for (const item of page) customers.add(item.external_contact.external_userid);
  }
  return { ms: performance.now() - t0, customers: customers.size, pairs, calls };
}

const tGen = performance.now();
const sim = await startWecomSimulator({ seed: 2026, customers: CUSTOMERS });
const genMs = performance.now() - tGen;
try {
  await fullRead(sim.url, sim.corpid, sim.corpsecret, 100); // warm-up (JIT, token, sockets)
  const base = await fullRead(sim.url, sim.corpid, sim.corpsecret, 50);
  const r = await fullRead(sim.url, sim.corpid, sim.corpsecret, 100);
  const perSec = r.customers / (r.ms / 1000);
  const basePerSec = base.customers / (base.ms / 1000);
  emit({
    bench: 'wecom-read', metric: 'customers_per_s', value: round(perSec, 0), unit: 'customers/s', targetKind: 'min',
    baseline: { metric: 'customers_per_s_limit50', value: round(basePerSec, 0), unit: 'customers/s', ratio: round(perSec / basePerSec, 2) },
    note: `${r.customers} customers with an active follower (of ${CUSTOMERS}), ${r.pairs} (customer, member) pairs, ${r.calls} HTTP calls, limit 100`,
  });
  emit({ bench: 'wecom-read', metric: 'wall_time_s', value: round(r.ms / 1000, 2), unit: 's', targetKind: 'max', note: `full read of ${CUSTOMERS} customers via batch/get_by_user` });
  emit({ bench: 'wecom-read', metric: 'pairs_per_s', value: round(r.pairs / (r.ms / 1000), 0), unit: 'pairs/s', targetKind: 'min' });
  emit({ bench: 'wecom-read', metric: 'seed_and_start_s', value: round(genMs / 1000, 2), unit: 's', targetKind: 'max', note: 'generate the demo company and start the simulator' });
  // Customers followed only by resigned members wait in get_unassigned_list, not in batch reads.
  const st = sim.runtime.state;
  const reachable = [...st.byCustomer.entries()].filter(([, users]) => users.some((u) => st.members.has(u))).length;
  if (r.customers !== reachable) throw new Error(`read ${r.customers} customers, expected ${reachable}`);
} finally {
  await sim.close();
}
