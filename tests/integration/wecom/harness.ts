// Shared setup for the WeCom tests: a simulator on 127.0.0.1:0 and a client pointed at it.
// Sleeps are capped so back-off and rate-limit waits cost milliseconds, not minutes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createWecomClient, type WecomClient, type WecomClientOptions } from '../../../src-shared/wecom/index';
import { startWecomSimulator, type WecomSimulator, type WecomSimulatorOptions } from '../../../src-server/wecom-sim/index';

export async function startSim(options: WecomSimulatorOptions = {}): Promise<WecomSimulator> {
  return startWecomSimulator({ seed: 42, customers: 2000, faults: true, ...options });
}

export function clientFor(sim: WecomSimulator, over: Partial<WecomClientOptions> = {}): WecomClient {
  return createWecomClient({
    baseUrl: sim.url,
    corpid: sim.corpid,
    corpsecret: sim.corpsecret,
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))),
    random: Math.random,
    ...over,
  });
}

/** Raw HTTP to the simulator, for what a well-behaved client would never send. */
export async function raw(sim: WecomSimulator, pathAndQuery: string, init: RequestInit = {}): Promise<{ status: number; type: string; json: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}${pathAndQuery}`, init);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', json: JSON.parse(text) as Record<string, unknown> };
}

export async function tokenOf(sim: WecomSimulator): Promise<string> {
  const r = await raw(sim, `/cgi-bin/gettoken?corpid=${sim.corpid}&corpsecret=${sim.corpsecret}`);
  return r.json.access_token as string;
}

export const fixtures = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'reference-examples.json'), 'utf8')) as Record<string, Record<string, unknown>>;

/** A member with at least `n` customers, and one of those customers. */
export function memberWithCustomers(sim: WecomSimulator, n = 1): { userid: string; external: string } {
  const st = sim.runtime.state;
  for (const [userid, list] of st.byMember) if (st.members.has(userid) && list.length >= n) return { userid, external: list[0]! };
  throw new Error('no such member');
}

/** An app-owned and an admin-console tag group of the seed. */
export function groupsByOrigin(sim: WecomSimulator) {
  const g = sim.company.tagGroups;
  return { app: g.find((x) => x.origin === 'app')!, console: g.find((x) => x.origin === 'admin_console')! };
}
