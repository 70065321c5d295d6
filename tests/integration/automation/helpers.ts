// Helpers for the automation tests: signed ingest requests, WeCom's own state of a relation,
// the owner of a customer as the rules engine picks it, and waiting for a batch to finish.
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { signIngest } from '../../../src-server/team/automation/ingest';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';
import { api } from '../team/helpers';

export async function ingest(demo: DemoTeam, events: unknown[], opts: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
  const body = JSON.stringify({ events });
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Tagdesk-Timestamp': String(ts) };
  if (opts.signature !== null) headers['X-Tagdesk-Signature'] = opts.signature ?? signIngest(opts.secret ?? demo.team.ctx.config.ingestSecret!, ts, body);
  const res = await fetch(`${demo.team.url}/team/v1/ingest`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value: { accepted: number; duplicates: number; runs: { ruleId: string; status: string; batchId: string | null; customers: number }[] }; error: { code: string } } };
}

export const tagIdOf = (demo: DemoTeam, group: string, name: string): string =>
  demo.sim.company.tagGroups.find((g) => g.group_name === group)!.tags.find((t) => t.name === name)!.id;

/** The follower who added the customer first: the relation rules act on by default. */
export function ownerOf(demo: DemoTeam, externalUserid: string): string {
  const st = demo.sim.runtime.state;
  const followers = (st.byCustomer.get(externalUserid) ?? []).filter((u) => st.members.has(u));
  return followers.map((u) => ({ u, t: st.relation(u, externalUserid)!.createtime })).sort((a, b) => a.t - b.t || (a.u < b.u ? -1 : 1))[0]!.u;
}

/** Active tag ids on a relation, straight from the simulator. */
export function wecomTags(demo: DemoTeam, userid: string, externalUserid: string): string[] {
  const st = demo.sim.runtime.state;
  return (st.relation(userid, externalUserid)?.tag_ids ?? []).filter((t) => st.activeTag(t)).sort();
}

/** Customers whose owner relation lacks every one of the tags. */
export function customersWithout(demo: DemoTeam, tagIds: string[], n: number): string[] {
  const out: string[] = [];
  const st = demo.sim.runtime.state;
  for (const external of [...st.customers.keys()].sort()) {
    if (!(st.byCustomer.get(external) ?? []).some((u) => st.members.has(u))) continue;
    const tags = wecomTags(demo, ownerOf(demo, external), external);
    if (tagIds.every((t) => !tags.includes(t))) out.push(external);
    if (out.length === n) break;
  }
  return out;
}

export async function batchDone(demo: DemoTeam, token: string, id: string, timeoutMs = 60_000): Promise<BatchProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await api<BatchProgress>(demo, token, 'GET', `/team/v1/batches/${id}`);
    if (r.body.value.status === 'done') return r.body.value;
    if (Date.now() > deadline) throw new Error(`batch never finished: ${JSON.stringify(r.body.value)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

export const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();

/**
 * Saves a rule as an admin does: an enabled one is backtested first (the server refuses to
 * enable a rule whose exact content was not backtested), then saved.
 */
export async function saveRule<T = unknown>(demo: DemoTeam, token: string, body: Record<string, unknown>) {
  if (body.enabled) {
    const bt = await api(demo, token, 'POST', '/team/v1/automation/backtest', { rule: { ...body, enabled: false } });
    if (bt.status !== 200) throw new Error(`backtest of ${String(body.id)} answered ${bt.status}: ${JSON.stringify(bt.body)}`);
  }
  return api<T>(demo, token, 'PUT', `/team/v1/automation/rules/${encodeURIComponent(String(body.id))}`, body);
}

export function rule(id: string, over: Record<string, unknown>): Record<string, unknown> {
  return { id, name: id, version: 1, enabled: true, conditions: [], actsOn: 'owner', maxShareWithoutConfirm: 0.5, ...over };
}
