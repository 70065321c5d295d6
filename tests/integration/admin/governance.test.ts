// Governance helpers: an admin sees usage per tag, spots 扫地机 as a near-duplicate of
// 扫地机器人, merges it in one batch (every customer keeps the meaning under one tag) and can
// undo the merge; a salesperson cannot use the tools.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from '../team/helpers';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';
import type { NearDuplicate, TagUsage } from '../../../src-server/team/admin/governance-helpers';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300, reconcileIntervalMs: 0 });
});
afterAll(async () => demo?.close());

describe('catalog governance', () => {
  it('finds a near-duplicate, merges it through one batch, and the merge can be undone', async () => {
    const admin = await signIn(demo, 'linxue');
    const st = demo.sim.runtime.state;
    const product = demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!;
    const robot = product.tags.find((t) => t.name === '扫地机器人')!.id;
    const created = await api<{ tag: { id: string; name: string }[] }>(demo, admin, 'POST', `/team/v1/catalog/groups/${product.group_id}/tags`, { tags: [{ name: '扫地机' }] });
    const short = created.body.value.tag.find((t) => t.name === '扫地机')!.id;
    const tagged = await api<BatchProgress>(demo, admin, 'POST', '/team/v1/bulk', { selector: { query: '华南' }, add: [short] });
    await demo.team.ctx.batches.idle(tagged.body.value.id);
    const holders = [...st.relations.values()].filter((r) => r.tag_ids.includes(short));
    expect(holders.length).toBeGreaterThan(0);
    const before = new Map(holders.map((r) => [`${r.userid}|${r.external_userid}`, [...r.tag_ids].sort()]));

    const usage = await api<{ tags: TagUsage[]; unused: string[] }>(demo, admin, 'GET', '/team/v1/governance/usage');
    const u = usage.body.value.tags.find((t) => t.tagId === short)!;
    expect(u.relations).toBe(holders.length);
    expect(u.addsLast30Days).toBe(holders.length);
    expect(u.lastUsedAt).not.toBeNull();

    const dups = await api<{ pairs: NearDuplicate[] }>(demo, admin, 'GET', '/team/v1/governance/duplicates');
    const pair = dups.body.value.pairs.find((p) => [p.a.tagId, p.b.tagId].sort().join() === [short, robot].sort().join());
    expect(pair).toBeDefined();
    expect(pair!.reason).toMatch(/名称相近|同时/);
    // Steps of one scale (高意向 / 中意向 / 低意向, 80后 / 90后) are not offered for merging by their names.
    const names = dups.body.value.pairs.map((p) => [p.a.tagName, p.b.tagName].sort().join('|'));
    for (const steps of [['中意向', '高意向'], ['中意向', '低意向'], ['80后', '90后']]) {
      const pairOf = dups.body.value.pairs.find((p) => [p.a.tagName, p.b.tagName].sort().join('|') === steps.join('|'));
      expect(pairOf === undefined || pairOf.reason.includes('同时'), `${steps.join(' / ')} among ${names.length} pairs`).toBe(true);
    }

    const merged = await api<BatchProgress>(demo, admin, 'POST', '/team/v1/governance/merge', { fromTagIds: [short], toTagId: robot });
    expect(merged.status).toBe(201);
    expect(merged.body.value).toMatchObject({ kind: 'merge', source: 'merge' });
    await demo.team.ctx.batches.idle(merged.body.value.id);
    for (const r of holders) {
      expect(r.tag_ids).toContain(robot);
      expect(r.tag_ids).not.toContain(short);
    }
    const undo = await api<BatchProgress>(demo, admin, 'POST', `/team/v1/batches/${merged.body.value.id}/undo`);
    await demo.team.ctx.batches.idle(undo.body.value.id);
    for (const r of holders) expect([...r.tag_ids].sort()).toEqual(before.get(`${r.userid}|${r.external_userid}`));

    const sales = await signIn(demo, 'liuyang');
    const refused = await api(demo, sales, 'GET', '/team/v1/governance/usage');
    expect(refused.status).toBe(403);
    expect(refused.body.error.userMessage).toContain('管理员');
  });
});
