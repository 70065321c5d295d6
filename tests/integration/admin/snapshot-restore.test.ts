// The time machine against the WeCom simulator: an admin takes a snapshot, then the company
// moves on — a tag renamed, a tag deleted, a tag created and applied, tags added and removed on
// customers in WeCom. The restore preview lists exactly that; restoring recreates the deleted
// tag under a new id, renames back, deletes the new tag into the recycle bin and re-applies the
// assignments in one undoable batch, after which every relation carries what it did at T.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn, wecomTruth } from '../team/helpers';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';
import type { RestoreOutcome, RestorePlan } from '../../../src-server/team/admin/snapshot-restore';
import type { SnapshotSummary } from '../../../src-server/team/admin/snapshots';
import type { DeleteOutcome, RecycleEntry } from '../../../src-server/team/admin/catalog-admin';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 400, reconcileIntervalMs: 0 });
});
afterAll(async () => demo?.close());

const st = () => demo.sim.runtime.state;
const groupNamed = (name: string) => [...st().groups.values()].find((g) => g.group_name === name && !g.deleted)!;
const tagsOf = (groupName: string) => groupNamed(groupName).tagIds.map((id) => st().tags.get(id)!).filter((t) => !t.deleted);
const activeRelations = () => [...st().relations.values()].filter((r) => demo.team.ctx.directory.member(r.userid)?.active);
const live = (id: string) => st().tags.get(id)?.deleted === false;
/** Every active relation's live enterprise tags, old ids standing in for their recreated ones. */
const state = (back: Map<string, string> = new Map()) =>
  new Map(activeRelations().map((r) => [`${r.userid}|${r.external_userid}`, r.tag_ids.filter(live).map((id) => back.get(id) ?? id).sort().join(',')]));

describe('restoring the catalog and assignments as of a snapshot', () => {
  it('previews the changes since T, restores them in WeCom as one undoable batch, and refuses a stale preview or a non-admin', async () => {
    const admin = await signIn(demo, 'linxue');
    const truth = wecomTruth(demo);
    const snap = await api<SnapshotSummary>(demo, admin, 'POST', '/team/v1/snapshots', { reason: '演示前' });
    expect(snap.status).toBe(201);
    const atT = state();
    await new Promise((r) => setTimeout(r, 1100)); // WeCom's createtime has one-second resolution

    // After T: a rename, a delete, a new tag on a few customers, assignments changed in WeCom.
    const renamed = tagsOf('渠道来源').find((t) => t.name === '展会')!;
    expect((await api(demo, admin, 'POST', `/team/v1/catalog/items/${renamed.id}/edit`, { name: '展会活动' })).status).toBe(200);
    const deleted = tagsOf('价值等级').find((t) => t.name === 'C类客户')!;
    const holders = activeRelations().filter((r) => r.tag_ids.includes(deleted.id)).map((r) => [r.userid, r.external_userid] as const);
    expect(holders.length).toBeGreaterThan(3);
    let del = await api<DeleteOutcome>(demo, admin, 'POST', '/team/v1/catalog/delete', { tagIds: [deleted.id] });
    if (del.body.value.status === 'confirmation_required') del = await api<DeleteOutcome>(demo, admin, 'POST', '/team/v1/catalog/delete', { tagIds: [deleted.id], confirmToken: del.body.value.confirmToken });
    expect(del.body.value.status).toBe('deleted');
    const created = await api<{ tag: { id: string; name: string }[] }>(demo, admin, 'POST', `/team/v1/catalog/groups/${groupNamed('价值等级').group_id}/tags`, { tags: [{ name: '黑金客户' }] });
    const newTag = created.body.value.tag.find((t) => t.name === '黑金客户')!;
    const vip = tagsOf('渠道来源').find((t) => t.name === '抖音')!;
    const changed = activeRelations().slice(0, 6);
    for (const r of changed.slice(0, 3)) await truth.markTag({ userid: r.userid, external_userid: r.external_userid, add_tag: [newTag.id, vip.id] });
    const lostStage = changed.slice(3).map((r) => ({ r, stage: r.tag_ids.find((id) => tagsOf('客户阶段').some((t) => t.id === id)) })).filter((x) => x.stage);
    for (const { r, stage } of lostStage) await truth.markTag({ userid: r.userid, external_userid: r.external_userid, remove_tag: [stage!] });
    expect(state()).not.toEqual(atT);

    // A salesperson may not even look.
    const sales = await signIn(demo, 'liuyang');
    expect((await api(demo, sales, 'GET', `/team/v1/snapshots/${snap.body.value.id}/restore-plan`)).status).toBe(403);

    const plan = (await api<RestorePlan>(demo, admin, 'GET', `/team/v1/snapshots/${snap.body.value.id}/restore-plan`)).body.value;
    expect(plan.tags.rename).toEqual([{ tagId: renamed.id, groupName: '渠道来源', now: '展会活动', then: '展会' }]);
    expect(plan.tags.recreate).toEqual([{ tagId: deleted.id, tagName: 'C类客户', groupName: '价值等级', existingTagId: null }]);
    expect(plan.tags.remove).toEqual([{ tagId: newTag.id, tagName: '黑金客户', groupName: '价值等级', customers: 3 }]);
    expect(plan.groups).toEqual({ recreate: [], remove: [], rename: [] });
    const reapply = plan.assignments.perTag.find((t) => t.tagId === deleted.id)!;
    expect(reapply).toMatchObject({ tagName: 'C类客户', add: holders.length, remove: 0 });
    expect(reapply.sample.length).toBeGreaterThan(0);
    expect(reapply.sample[0]!.name).not.toBe('');
    const vipOff = plan.assignments.perTag.find((t) => t.tagId === vip.id);
    expect(vipOff?.remove ?? 0).toBe(changed.slice(0, 3).filter((r) => !atT.get(`${r.userid}|${r.external_userid}`)!.split(',').includes(vip.id)).length);
    expect(plan.assignments.add).toBe(holders.length + lostStage.length);

    // A plan token from before another change is refused; nothing happened.
    await truth.markTag({ userid: changed[0]!.userid, external_userid: changed[0]!.external_userid, remove_tag: [vip.id] });
    const stale = await api(demo, admin, 'POST', `/team/v1/snapshots/${snap.body.value.id}/restore`, { planToken: plan.planToken });
    expect(stale.status).toBe(409);
    expect(stale.body.error.userMessage).toContain('重新预览');
    expect(st().tags.get(renamed.id)!.name).toBe('展会活动');

    const fresh = (await api<RestorePlan>(demo, admin, 'GET', `/team/v1/snapshots/${snap.body.value.id}/restore-plan`)).body.value;
    const done = await api<RestoreOutcome>(demo, admin, 'POST', `/team/v1/snapshots/${snap.body.value.id}/restore`, { planToken: fresh.planToken });
    expect(done.status).toBe(201);
    const out = done.body.value;
    const newId = out.remap[deleted.id]!;
    expect(newId).toBeTruthy();
    expect(newId).not.toBe(deleted.id);
    expect(st().tags.get(newId)).toMatchObject({ name: 'C类客户', groupId: groupNamed('价值等级').group_id, deleted: false });
    expect(st().tags.get(renamed.id)!.name).toBe('展会');
    expect(st().tags.get(newTag.id)!.deleted).toBe(true);
    await demo.team.ctx.batches.idle(out.batch!.id);
    const batch = (await api<BatchProgress>(demo, admin, 'GET', `/team/v1/batches/${out.batch!.id}`)).body.value;
    expect(batch).toMatchObject({ status: 'done', source: 'restore', kind: 'restore' });
    expect(batch.counts.failed).toBe(0);
    const back = new Map([[newId, deleted.id]]);
    expect(state(back)).toEqual(atT);

    // The recycle bin: C类客户 is settled (not restorable twice); 黑金客户 is in it, restorable.
    const bin = (await api<{ entries: RecycleEntry[] }>(demo, admin, 'GET', '/team/v1/recycle-bin?all=1')).body.value.entries;
    expect(bin.find((e) => e.tagId === deleted.id)).toMatchObject({ restoredTagId: newId });
    expect(bin.find((e) => e.tagId === newTag.id)).toMatchObject({ restoredAt: null, assignments: 3 });
    // Audited, with the snapshot of the present taken first.
    const audit = (demo.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE action = 'snapshot.restore'`).pluck().all() as string[]).map((b) => JSON.parse(b) as { before: { snapshotId: string }; after: { snapshotId: string; batchId: string } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ snapshotId: snap.body.value.id, batchId: out.batch!.id });
    expect(audit[0]!.before.snapshotId).toBe(out.preRestoreSnapshotId);
    const remaps = (demo.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE action = 'catalog.restore'`).pluck().all() as string[]).map((b) => JSON.parse(b) as { before: { tagId: string }; after: { tagId: string } });
    expect(remaps.map((e) => [e.before.tagId, e.after.tagId])).toContainEqual([deleted.id, newId]);

    // Nothing left to restore; undoing the batch takes the assignments back off.
    const again = (await api<RestorePlan>(demo, admin, 'GET', `/team/v1/snapshots/${snap.body.value.id}/restore-plan`)).body.value;
    expect(again.assignments.relations).toBe(0);
    expect((await api(demo, admin, 'POST', `/team/v1/snapshots/${snap.body.value.id}/restore`, { planToken: again.planToken })).status).toBe(409);
    const undo = await api<BatchProgress>(demo, admin, 'POST', `/team/v1/batches/${out.batch!.id}/undo`);
    expect(undo.body.error).toBeUndefined();
    await demo.team.ctx.batches.idle(undo.body.value.id);
    for (const [userid, ext] of holders) expect(st().relation(userid, ext)!.tag_ids).not.toContain(newId);
  });

  it('recreates a whole group deleted since T with its tags and assignments, and deletes a group created since', async () => {
    const admin = await signIn(demo, 'linxue');
    const truth = wecomTruth(demo);
    const made = await api<{ group_id: string; tag: { id: string; name: string }[] }>(demo, admin, 'POST', '/team/v1/catalog/groups', { groupName: '秋季活动', tags: [{ name: '秋季到店' }, { name: '秋季抽奖' }] });
    const [visit, draw] = made.body.value.tag;
    const chosen = activeRelations().slice(10, 13);
    for (const r of chosen) await truth.markTag({ userid: r.userid, external_userid: r.external_userid, add_tag: [visit!.id, draw!.id] });
    const snap = await api<SnapshotSummary>(demo, admin, 'POST', '/team/v1/snapshots', { reason: '秋季活动前' });
    const atT = state();
    await new Promise((r) => setTimeout(r, 1100));

    expect((await api<DeleteOutcome>(demo, admin, 'POST', '/team/v1/catalog/delete', { groupId: made.body.value.group_id })).body.value.status).toBe('deleted');
    const later = await api<{ group_id: string }>(demo, admin, 'POST', '/team/v1/catalog/groups', { groupName: '临时分组', tags: [{ name: '临时' }] });

    const plan = (await api<RestorePlan>(demo, admin, 'GET', `/team/v1/snapshots/${snap.body.value.id}/restore-plan`)).body.value;
    expect(plan.groups.recreate).toEqual([{ groupId: made.body.value.group_id, groupName: '秋季活动' }]);
    expect(plan.groups.remove).toEqual([{ groupId: later.body.value.group_id, groupName: '临时分组', tags: 1 }]);
    expect(plan.tags.recreate.map((t) => t.tagName).sort()).toEqual(['秋季抽奖', '秋季到店'].sort());
    expect(plan.assignments.perTag.filter((t) => t.groupName === '秋季活动').map((t) => t.add)).toEqual([3, 3]);

    const out = (await api<RestoreOutcome>(demo, admin, 'POST', `/team/v1/snapshots/${snap.body.value.id}/restore`, { planToken: plan.planToken })).body.value;
    const group = groupNamed('秋季活动');
    expect(group.group_id).not.toBe(made.body.value.group_id);
    expect(tagsOf('秋季活动').map((t) => t.name).sort()).toEqual(['秋季抽奖', '秋季到店'].sort());
    expect(groupNamed('临时分组')).toBeUndefined();
    await demo.team.ctx.batches.idle(out.batch!.id);
    const back = new Map([[out.remap[visit!.id]!, visit!.id], [out.remap[draw!.id]!, draw!.id]]);
    expect(state(back)).toEqual(atT);
  });
});
