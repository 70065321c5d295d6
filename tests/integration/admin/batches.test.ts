// Bulk tagging through batches, against the WeCom simulator over real HTTP: an admin tags
// every customer matching an expression, watches progress, undoes the whole batch and WeCom is
// exactly as before; a team server stopped mid-batch resumes on restart without doing anything
// twice; a supervisor cannot reach beyond their team, a salesperson not beyond their own.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, openEvents, signIn } from '../team/helpers';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';
import { pairKey } from '../../../src-server/wecom-sim/state';
import Database from 'better-sqlite3';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 400, reconcileIntervalMs: 0 });
});
afterAll(async () => demo?.close());

const tagId = (group: string, name: string): string => demo.sim.company.tagGroups.find((g) => g.group_name === group)!.tags.find((t) => t.name === name)!.id;
/** WeCom's own state: every relation's active tag ids, straight from the simulator. */
function wecomState(): Map<string, string[]> {
  const st = demo.sim.runtime.state;
  return new Map([...st.relations.entries()].map(([k, r]) => [k, r.tag_ids.filter((t) => st.activeTag(t)).sort()]));
}
/** Audited tag additions of one batch in the server's chain. */
function auditedAdds(batchId: string): number {
  const rows = demo.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE chain_id = 'server' AND action = 'tag.add'`).pluck().all() as string[];
  return rows.filter((b) => (JSON.parse(b) as { after: { batchId?: string } | null }).after?.batchId === batchId).length;
}
async function waitFor(token: string, id: string, pred: (b: BatchProgress) => boolean, timeoutMs = 60_000): Promise<BatchProgress> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await api<BatchProgress>(demo, token, 'GET', `/team/v1/batches/${id}`);
    if (pred(r.body.value)) return r.body.value;
    if (Date.now() > deadline) throw new Error(`batch never reached the state: ${JSON.stringify(r.body.value)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('bulk tagging in batches', () => {
  it('adds and removes tags for every customer matching an expression, reports progress, and undo restores WeCom exactly', async () => {
    const admin = await signIn(demo, 'linxue');
    const before = wecomState();
    const coffee = tagId('产品偏好', '咖啡机');
    const wechat = tagId('服务偏好', '偏好微信沟通');
    const preview = await api<{ customers: number; relations: number; willChange: number; refused: number }>(demo, admin, 'POST', '/team/v1/bulk/preview', { selector: { query: '华东 或 华南' }, add: [coffee], remove: [wechat] });
    expect(preview.status).toBe(200);
    expect(preview.body.value.customers).toBeGreaterThan(50);
    expect(preview.body.value.refused).toBe(0);
    // Nothing changed by a preview.
    expect(wecomState()).toEqual(before);

    const events = await openEvents(demo, admin);
    const started = await api<BatchProgress>(demo, admin, 'POST', '/team/v1/bulk', { selector: { query: '华东 或 华南' }, add: [coffee], remove: [wechat], title: '华东华南客户：咖啡机' });
    expect(started.status).toBe(201);
    const done = await waitFor(admin, started.body.value.id, (b) => b.status === 'done');
    expect(done.total).toBe(preview.body.value.relations);
    expect(done.counts.failed).toBe(0);
    expect(done.counts.done).toBe(preview.body.value.willChange);
    expect(done.counts.done + done.counts.unchanged).toBe(done.total);
    await events.next((e) => e.event.kind === 'batch.progress' && e.event.batchId === done.id && e.event.status === 'done');
    await events.next((e) => e.event.kind === 'customer.tags.changed' && e.event.source === 'bulk');

    // WeCom now has the tag on every matched relation and not the removed one.
    const after = wecomState();
    const items = await api<{ items: { userid: string; externalUserid: string; status: string }[] }>(demo, admin, 'GET', `/team/v1/batches/${done.id}/items?limit=1000`);
    expect(items.body.value.items).toHaveLength(done.total);
    for (const i of items.body.value.items) {
      const tags = after.get(pairKey(i.userid, i.externalUserid))!;
      expect(tags).toContain(coffee);
      expect(tags).not.toContain(wechat);
    }
    expect(after).not.toEqual(before);

    // The audit names each change with the batch.
    expect(auditedAdds(done.id)).toBeGreaterThan(0);

    // Undo: a new batch, and WeCom is exactly as it was before the first one.
    const undo = await api<BatchProgress>(demo, admin, 'POST', `/team/v1/batches/${done.id}/undo`);
    expect(undo.status).toBe(201);
    expect(undo.body.value).toMatchObject({ kind: 'undo', source: 'revert', undoOf: done.id });
    await waitFor(admin, undo.body.value.id, (b) => b.status === 'done');
    expect(wecomState()).toEqual(before);
    const again = await api(demo, admin, 'POST', `/team/v1/batches/${done.id}/undo`);
    expect(again.status).toBe(409);
    events.close();
  });

  it('pauses and resumes, and a team server stopped mid-batch resumes on restart without doing anything twice', async () => {
    const admin = await signIn(demo, 'linxue');
    const massage = tagId('产品偏好', '按摩椅');
    const started = await api<BatchProgress>(demo, admin, 'POST', '/team/v1/bulk', { selector: { query: '非 按摩椅' }, add: [massage] });
    expect(started.status).toBe(201);
    const id = started.body.value.id;
    const paused = await api<BatchProgress>(demo, admin, 'POST', `/team/v1/batches/${id}/pause`);
    expect(paused.body.value.status).toBe('paused');
    await demo.team.ctx.batches.idle(id);
    const atPause = (await api<BatchProgress>(demo, admin, 'GET', `/team/v1/batches/${id}`)).body.value;
    expect(atPause.counts.pending).toBeGreaterThan(0);
    const resumed = await api<BatchProgress>(demo, admin, 'POST', `/team/v1/batches/${id}/resume`);
    expect(resumed.body.value.status).toBe('running');

    // The team server stops while the batch runs; what the database holds at that moment:
    const file = demo.team.ctx.db.name;
    await demo.stopTeam();
    const db = new Database(file, { readonly: true });
    const atStop = Object.fromEntries((db.prepare(`SELECT status, COUNT(*) AS n FROM batch_items WHERE batch_id = ? GROUP BY status`).all(id) as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    expect(db.prepare(`SELECT status FROM batches WHERE id = ?`).pluck().get(id)).toBe('running');
    db.close();
    expect(atStop.done).toBeGreaterThan(0);
    expect(atStop.pending).toBeGreaterThan(0);

    await demo.restartTeam();
    const admin2 = await signIn(demo, 'linxue');
    const done = await waitFor(admin2, id, (b) => b.status === 'done');
    expect(done.counts.failed).toBe(0);
    expect(done.counts.pending).toBe(0);
    expect(done.counts.done).toBe(done.total);
    // Every relation got the tag, and each exactly one audited add.
    const st = demo.sim.runtime.state;
    const items = (await api<{ items: { userid: string; externalUserid: string }[] }>(demo, admin2, 'GET', `/team/v1/batches/${id}/items?limit=1000`)).body.value.items;
    for (const i of items) expect(st.relation(i.userid, i.externalUserid)!.tag_ids).toContain(massage);
    expect(auditedAdds(id)).toBe(done.total);
  });

  it('refuses relations outside the actor’s reach: a supervisor beyond their team, a salesperson beyond their own', async () => {
    const supervisor = await signIn(demo, 'chenjing');
    const coffee = tagId('产品偏好', '咖啡机');
    const st = demo.sim.runtime.state;
    const team = demo.team.ctx.directory.teamOf(demo.team.ctx.directory.member('chenjing')!).map((m) => m.userid);
    const outsider = [...st.relations.values()].find((r) => !team.includes(r.userid))!;
    const own = [...st.relations.values()].find((r) => team.includes(r.userid))!;
    // The pasted id of a customer outside the team is simply not in the supervisor's scope.
    const preview = await api<{ customers: number; unknownIds: string[] }>(demo, supervisor, 'POST', '/team/v1/bulk/preview', { selector: { externalUserids: [outsider.external_userid, own.external_userid] }, add: [coffee] });
    expect(preview.body.value.unknownIds).toContain(outsider.external_userid);
    // Asking for another team's member explicitly is refused by the permission engine.
    const sales = await signIn(demo, 'liuyang');
    const refused = await api(demo, sales, 'POST', '/team/v1/bulk', { selector: { query: '华东' }, add: [tagId('价值等级', 'VIP')] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.userMessage).toMatch(/不被允许/);
    const undoOther = await api(demo, sales, 'GET', `/team/v1/batches/${demo.team.ctx.batches.list('linxue')[0]!.id}`);
    expect(undoOther.status).toBe(404);
  });
});
