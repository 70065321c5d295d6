// One desktop against the WeCom simulator over real HTTP on 127.0.0.1: an in-memory store, a
// client whose fetch records every request as sent on the wire, and a sync engine on a clock
// the test can move forward (so back-offs and rechecks fall due without waiting).
import { createWecomClient } from '../../../src-shared/wecom/index';
import { startWecomSimulator, type WecomSimulator } from '../../../src-server/wecom-sim/index';
import { openDatabase, type Db } from '../../../src-main/store/database';
import { SyncEngine, type SyncEvent } from '../../../src-main/sync/engine';

export interface Desk {
  db: Db;
  engine: SyncEngine;
  member: string;
  externals: string[];
  /** Every request this desktop sent: method, URL and body. */
  requests: string[];
  events: SyncEvent[];
  advance(ms: number): void;
  now(): number;
}

export async function startSim(customers = 300): Promise<WecomSimulator> {
  return startWecomSimulator({ seed: 11, customers, faults: true, port: 0 });
}

export function busiestMember(sim: WecomSimulator): { member: string; externals: string[] } {
  const by = new Map<string, string[]>();
  for (const r of sim.runtime.state.relations.values()) {
    if (!sim.runtime.state.members.has(r.userid)) continue;
    by.set(r.userid, [...(by.get(r.userid) ?? []), r.external_userid]);
  }
  const [member, externals] = [...by].sort((a, b) => b[1].length - a[1].length)[0]!;
  return { member, externals };
}

export function openDesk(sim: WecomSimulator, member: string, externals: string[], db: Db = openDatabase(':memory:')): Desk {
  let offset = 0;
  const now = () => Date.now() + offset;
  const requests: string[] = [];
  const events: SyncEvent[] = [];
  const client = createWecomClient({
    baseUrl: sim.url, corpid: sim.corpid, corpsecret: sim.corpsecret,
    fetch: (url, init) => { requests.push(`${init.method} ${url} ${init.body ?? ''}`); return fetch(url, init); },
    now, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 2))), random: Math.random,
  });
  // WeCom does not say which app created a group; the team server's policy does. Here: the demo company.
  const originOf = (groupId: string) => (sim.runtime.state.groups.get(groupId)?.origin === 'app' ? 'app' as const : 'console' as const);
  const engine = new SyncEngine({ db, member, client, now, originOf, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 2))), random: Math.random, onEvent: (e) => events.push(e) });
  return { db, engine, member, externals, requests, events, advance: (ms) => { offset += ms; }, now };
}

/** Drains until nothing is live, moving the desk's clock past back-offs and rechecks. */
export async function settle(desk: Desk, rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await desk.engine.drain();
    if (desk.engine.status().openOps === 0) return;
    desk.advance(16 * 60_000);
  }
  throw new Error(`outbox did not settle: ${JSON.stringify(desk.engine.status().counts)}`);
}

/** The member's enterprise tags on a customer as WeCom holds them. */
export function serverTags(sim: WecomSimulator, member: string, external: string): string[] {
  const st = sim.runtime.state;
  return (st.relation(member, external)?.tag_ids ?? []).filter((t) => st.activeTag(t)).sort();
}
