// The time machine's channels through main's dispatcher, signed in the real way: an admin finds
// a customer of someone else's by pinyin (their own device holds none), sees a tag
// deleted since a snapshot gone from the customer "now" but there "as of" the snapshot, and
// restores; a preview made stale by a change in WeCom is refused; a salesperson may not look.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { openDesktop, signIn, startTeam, type Desktop } from '../workspace/harness';
import type { DemoTeam } from '../../../src-server/demo/demo-team';

let team: DemoTeam;
const desks: Desktop[] = [];
beforeAll(async () => {
  team = await startTeam(300);
});
afterAll(async () => {
  for (const d of desks) d.close();
  await team?.close();
});

const st = () => team.sim.runtime.state;

describe('time machine channels', () => {
  it('finds a customer by pinyin, shows tags as of a snapshot and now, and restores through a fresh preview only', async () => {
    const desk = openDesktop(team);
    desks.push(desk);
    await signIn(desk, 'linxue');
    const group = team.sim.company.tagGroups.find((g) => g.group_name === '活动参与')!;
    const tag = group.tags.map((t) => ({ t, rels: [...st().relations.values()].filter((r) => r.tag_ids.includes(t.id) && team.team.ctx.directory.member(r.userid)?.active) })).find((x) => x.rels.length >= 3)!;
    const customers = team.sim.company.customers;
    const holder = tag.rels.map((r) => customers.find((c) => c.external_userid === r.external_userid)!).find((c) => /^[\u4e00-\u9fff]{2,3}$/.test(c.name) && customers.filter((o) => o.name === c.name).length === 1)!;
    const spelled = pinyin(holder.name, { toneType: 'none', type: 'array', surname: 'head' });
    const found = await desk.call('admin.snapshots.findCustomer', { query: spelled.join(''), limit: 20 });
    expect(found.hits.map((h) => h.externalUserid), JSON.stringify({ q: spelled.join(""), holder: holder.name, hits: found.hits.slice(0, 5), total: found.total })).toContain(holder.external_userid);
    const initials = await desk.call('admin.snapshots.findCustomer', { query: spelled.map((p) => p[0]).join(''), limit: 20 });
    expect(initials.total).toBeGreaterThan(0);
    expect(initials.hits.every((h) => /^[\u4e00-\u9fff]/.test(h.name))).toBe(true);
    const byName = await desk.call('admin.snapshots.findCustomer', { query: holder.name });
    expect(byName.hits[0]).toMatchObject({ externalUserid: holder.external_userid, name: holder.name });
    // The followers come with their names, for the per-member lines of "tags as of".
    const follower = tag.rels.find((r) => r.external_userid === holder.external_userid)!.userid;
    expect(byName.hits[0]!.members).toContainEqual({ userid: follower, name: team.team.ctx.directory.member(follower)!.name });

    const snap = await desk.call('admin.snapshots.take', { reason: '清理活动标签前' });
    await new Promise((r) => setTimeout(r, 1100));
    const at = snap.takenAt;
    const del = await desk.call('admin.catalog.delete', { tagIds: [tag.t.id] });
    expect(del.status).toBe('deleted');
    const then = await desk.call('admin.customer.tagsAsOf', { externalUserid: holder.external_userid, at });
    expect(then.relations.flatMap((r) => r.tags.map((x) => x.tagId))).toContain(tag.t.id);
    const now = await desk.call('admin.customer.tagsAsOf', { externalUserid: holder.external_userid, at: new Date().toISOString() });
    expect(now.basis).toBe('current');
    expect(now.relations.flatMap((r) => r.tags.map((x) => x.tagId))).not.toContain(tag.t.id);

    const plan = await desk.call('admin.snapshots.restorePlan', { id: snap.id });
    expect(plan.tags.recreate.map((x) => x.tagName)).toEqual([tag.t.name]);
    expect(plan.assignments.perTag.find((x) => x.tagId === tag.t.id)?.add).toBe(tag.rels.length);
    // WeCom moves on after the preview: the restore refuses and says to preview again.
    const other = tag.rels[0]!;
    const someTag = team.sim.company.tagGroups.find((g) => g.group_name === '服务偏好')!.tags.find((x) => !other.tag_ids.includes(x.id))!;
    st().relation(other.userid, other.external_userid)!.tag_ids.push(someTag.id);
    const stale = await desk.fail('admin.snapshots.restore', { id: snap.id, planToken: plan.planToken });
    expect(stale.code).toBe('conflict');
    expect(stale.userMessage).toContain('重新预览');
    const fresh = await desk.call('admin.snapshots.restorePlan', { id: snap.id });
    const done = await desk.call('admin.snapshots.restore', { id: snap.id, planToken: fresh.planToken });
    const newId = done.remap[tag.t.id]!;
    expect(st().tags.get(newId)).toMatchObject({ name: tag.t.name, deleted: false });
    await team.team.ctx.batches.idle(done.batch!.id);
    for (const r of tag.rels) expect(st().relation(r.userid, r.external_userid)!.tag_ids).toContain(newId);
    expect(st().relation(other.userid, other.external_userid)!.tag_ids).not.toContain(someTag.id);

    const sales = openDesktop(team);
    desks.push(sales);
    await signIn(sales, 'liuyang');
    expect((await sales.fail('admin.snapshots.findCustomer', { query: holder.name })).code).toBe('forbidden');
    expect((await sales.fail('admin.snapshots.restorePlan', { id: snap.id })).code).toBe('forbidden');
    expect((await sales.fail('admin.snapshots.restore', { id: snap.id, planToken: 'x' })).code).toBe('forbidden');
  });
});
