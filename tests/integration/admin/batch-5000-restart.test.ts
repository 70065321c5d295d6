// The issue's own figure: one bulk batch over 5,000 customers, against the WeCom simulator over
// real HTTP, with the team server stopped in the middle. After the restart the batch carries on
// from what the database says, and every relation of the batch ends with the tag: nothing is
// lost, nothing is done twice (one audited add per relation), and WeCom agrees.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Database from 'better-sqlite3';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from '../team/helpers';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

const CUSTOMERS = 5_000;
let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: CUSTOMERS, reconcileIntervalMs: 0 });
}, 120_000);
afterAll(async () => demo?.close());

async function progress(token: string, id: string): Promise<BatchProgress> {
  return (await api<BatchProgress>(demo, token, 'GET', `/team/v1/batches/${id}`)).body.value;
}

describe('a 5,000-customer batch across a team-server restart', () => {
  it('runs over every relation, survives the restart mid-way, and tags each relation exactly once', async () => {
    const tag = demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.find((t) => t.name === '按摩椅')!.id;
    const st = demo.sim.runtime.state;
    const admin = await signIn(demo, 'linxue');
    const customers = new Set([...st.relations.values()].map((r) => r.external_userid));
    expect(customers.size).toBe(CUSTOMERS);

    const started = await api<BatchProgress>(demo, admin, 'POST', '/team/v1/bulk', { selector: { query: '非 按摩椅' }, add: [tag] });
    expect(started.status).toBe(201);
    const id = started.body.value.id;
    const total = started.body.value.total;
    expect(total).toBeGreaterThan(CUSTOMERS * 0.5);

    // Stop the team server once a good part is done but much is left.
    for (let i = 0; ; i++) {
      const p = await progress(admin, id);
      if (p.counts.done >= total / 4) break;
      if (i > 6_000) throw new Error(`the batch did not get going: ${JSON.stringify(p.counts)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const file = demo.team.ctx.db.name;
    await demo.stopTeam();
    const db = new Database(file, { readonly: true });
    const atStop = Object.fromEntries((db.prepare(`SELECT status, COUNT(*) AS n FROM batch_items WHERE batch_id = ? GROUP BY status`).all(id) as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    db.close();
    expect(atStop.done).toBeGreaterThan(0);
    expect(atStop.pending).toBeGreaterThan(total / 10);

    await demo.restartTeam();
    const again = await signIn(demo, 'linxue');
    let done: BatchProgress;
    for (let i = 0; ; i++) {
      done = await progress(again, id);
      if (done.status === 'done') break;
      if (i > 12_000) throw new Error(`the batch did not finish after the restart: ${JSON.stringify(done.counts)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(done.counts).toMatchObject({ done: total, failed: 0, pending: 0 });

    // WeCom: every relation of the batch carries the tag; the audit: one add per relation of this batch.
    const items: { userid: string; externalUserid: string; status: string }[] = [];
    for (let offset = 0; offset < total; offset += 1000) {
      items.push(...(await api<{ items: typeof items }>(demo, again, 'GET', `/team/v1/batches/${id}/items?offset=${offset}&limit=1000`)).body.value.items);
    }
    expect(new Set(items.map((i) => `${i.userid}|${i.externalUserid}`)).size).toBe(total);
    expect(items.filter((i) => i.status !== 'done' || !st.relation(i.userid, i.externalUserid)!.tag_ids.includes(tag))).toEqual([]);
    const adds = (demo.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE chain_id = 'server' AND action = 'tag.add'`).pluck().all() as string[])
      .filter((b) => (JSON.parse(b) as { after: { batchId?: string } | null }).after?.batchId === id).length;
    expect(adds).toBe(total);
  }, 240_000);
});
