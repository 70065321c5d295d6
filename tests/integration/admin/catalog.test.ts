// Catalog administration against the WeCom simulator: an admin creates, renames and reorders;
// groups created in WeCom's admin console stay read-only with a Chinese reason; a salesperson
// cannot manage the catalog; deleting a tag used by more than 200 customers needs an admin and a
// second confirmation, snapshots first and alerts the security contacts; restoring it from the
// recycle bin recreates it under a new id and puts it back on every customer; the time machine
// shows a customer's tags as they were.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, openEvents, relayClient, signIn } from '../team/helpers';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';
import type { DeleteOutcome, RecycleEntry } from '../../../src-server/team/admin/catalog-admin';
import type { TagsAsOf } from '../../../src-server/team/admin/snapshots';
import { WecomApiError } from '../../../src-shared/wecom/index';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 1500, reconcileIntervalMs: 0 });
});
afterAll(async () => demo?.close());

const st = () => demo.sim.runtime.state;
const groupNamed = (name: string) => [...st().groups.values()].find((g) => g.group_name === name && !g.deleted)!;
const tagsOf = (groupName: string) => groupNamed(groupName).tagIds.map((id) => st().tags.get(id)!).filter((t) => !t.deleted);
/** Relations of the company's active members (a resigned member's customers await hand-over). */
const activeRelations = () => [...st().relations.values()].filter((r) => demo.team.ctx.directory.member(r.userid)?.active);
const usage = (tagId: string) => new Set(activeRelations().filter((r) => r.tag_ids.includes(tagId)).map((r) => r.external_userid)).size;

describe('catalog administration', () => {
  it('creates a group, adds, renames and reorders tags in WeCom; console groups are read-only; sales cannot manage', async () => {
    const admin = await signIn(demo, 'linxue');
    const created = await api<{ group_id: string }>(demo, admin, 'POST', '/team/v1/catalog/groups', { groupName: '活动标签', tags: [{ name: '双十一' }, { name: '618' }] });
    expect(created.status).toBe(201);
    expect(tagsOf('活动标签').map((t) => t.name).sort()).toEqual(['618', '双十一']);
    const added = await api(demo, admin, 'POST', `/team/v1/catalog/groups/${created.body.value.group_id}/tags`, { tags: [{ name: '年货节' }] });
    expect(added.status).toBe(201);
    const t618 = tagsOf('活动标签').find((t) => t.name === '618')!;
    expect((await api(demo, admin, 'POST', `/team/v1/catalog/items/${t618.id}/edit`, { name: '618大促' })).status).toBe(200);
    expect((await api(demo, admin, 'POST', `/team/v1/catalog/items/${t618.id}/edit`, { order: 9 })).status).toBe(200);
    expect(st().tags.get(t618.id)).toMatchObject({ name: '618大促', order: 9 });

    // 地域 was created in WeCom's admin console: WeCom refuses, Tagdesk says why, and remembers.
    const east = tagsOf('地域').find((t) => t.name === '华东')!;
    const refused = await api(demo, admin, 'POST', `/team/v1/catalog/items/${east.id}/edit`, { name: '华东区' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.userMessage).toContain('管理后台');
    const catalog = await api<{ groups: { groupName: string; readOnlyReason: string | null; canManage: boolean }[] }>(demo, admin, 'GET', '/team/v1/catalog');
    expect(catalog.body.value.groups.find((g) => g.groupName === '地域')).toMatchObject({ canManage: false });
    expect(catalog.body.value.groups.find((g) => g.groupName === '地域')!.readOnlyReason).toContain('管理后台');
    // The relay refuses the same edit from a desktop before it reaches WeCom, with the reason.
    const viaRelay = await relayClient(demo, admin).editCorpTag({ id: east.id, name: '华东区' }).catch((e: unknown) => e);
    expect(viaRelay).toBeInstanceOf(WecomApiError);
    expect((viaRelay as WecomApiError).errmsg).toContain('管理后台');

    const sales = await signIn(demo, 'liuyang');
    const salesCreate = await api(demo, sales, 'POST', '/team/v1/catalog/groups', { groupName: '我的分组', tags: [{ name: '随便' }] });
    expect(salesCreate.status).toBe(403);
    expect(salesCreate.body.error.userMessage).toMatch(/[\u4e00-\u9fff]/);
    expect(groupNamed('我的分组')).toBeUndefined();
  });

  it('deleting a tag on more than 200 customers needs an admin and a second confirmation, then restores from the recycle bin under a new id', async () => {
    const candidates = [...tagsOf('价值等级'), ...tagsOf('客户阶段'), ...tagsOf('渠道来源')].map((t) => ({ t, n: usage(t.id) })).sort((a, b) => b.n - a.n);
    const { t: tag, n } = candidates[0]!;
    expect(n).toBeGreaterThan(200);
    const holders = activeRelations().filter((r) => r.tag_ids.includes(tag.id)).map((r) => [r.userid, r.external_userid] as const);
    const customer = holders[0]![1];
    const beforeDelete = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));

    const supervisor = await signIn(demo, 'chenjing');
    const bySupervisor = await api(demo, supervisor, 'POST', '/team/v1/catalog/delete', { tagIds: [tag.id] });
    expect(bySupervisor.status).toBe(403);

    const admin = await signIn(demo, 'linxue');
    const otherAdmin = await signIn(demo, 'zhouwei');
    const alerts = await openEvents(demo, otherAdmin);
    const first = await api<DeleteOutcome>(demo, admin, 'POST', '/team/v1/catalog/delete', { tagIds: [tag.id] });
    expect(first.status).toBe(200);
    expect(first.body.value).toMatchObject({ status: 'confirmation_required', usage: n });
    expect(st().tags.get(tag.id)!.deleted).toBe(false);
    const forged = await api<DeleteOutcome>(demo, admin, 'POST', '/team/v1/catalog/delete', { tagIds: [tag.id], confirmToken: '123.abc' });
    expect(forged.body.value.status).toBe('confirmation_required');

    const token = (first.body.value as { confirmToken: string }).confirmToken;
    const second = await api<DeleteOutcome & { status: 'deleted' }>(demo, admin, 'POST', '/team/v1/catalog/delete', { tagIds: [tag.id], confirmToken: token });
    expect(second.body.value.status).toBe('deleted');
    expect(st().tags.get(tag.id)!.deleted).toBe(true);
    const alert = await alerts.next((e) => e.event.kind === 'admin.alert');
    expect(alert.event).toMatchObject({ code: 'wide_tag_delete' });
    alerts.close();
    const snaps = await api<{ snapshots: { id: string; relations: number }[] }>(demo, admin, 'GET', '/team/v1/snapshots');
    expect(snaps.body.value.snapshots.map((s) => s.id)).toContain(second.body.value.snapshotId);
    const entry = second.body.value.recycled[0]!;
    expect(entry).toMatchObject({ tagId: tag.id, tagName: tag.name, assignments: holders.length });

    // Restore: a new tag in WeCom with the same name and group, back on every relation.
    const restored = await api<{ entry: RecycleEntry; batch: BatchProgress }>(demo, admin, 'POST', `/team/v1/recycle-bin/${entry.id}/restore`);
    expect(restored.status).toBe(201);
    const newId = restored.body.value.entry.restoredTagId!;
    expect(newId).not.toBe(tag.id);
    expect(st().tags.get(newId)).toMatchObject({ name: tag.name, groupId: tag.groupId, deleted: false });
    await demo.team.ctx.batches.idle(restored.body.value.batch.id);
    const batch = (await api<BatchProgress>(demo, admin, 'GET', `/team/v1/batches/${restored.body.value.batch.id}`)).body.value;
    expect(batch).toMatchObject({ status: 'done', source: 'restore' });
    expect(batch.counts.failed).toBe(0);
    for (const [userid, ext] of holders) expect(st().relation(userid, ext)!.tag_ids).toContain(newId);
    const again = await api(demo, admin, 'POST', `/team/v1/recycle-bin/${entry.id}/restore`);
    expect(again.status).toBe(409);
    const audit = demo.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE action = 'catalog.restore'`).pluck().all() as string[];
    const remaps = audit.map((b) => JSON.parse(b) as { before: { tagId: string }; after: { tagId: string } }).map((e) => [e.before.tagId, e.after.tagId]);
    expect(remaps).toContainEqual([tag.id, newId]);

    // The time machine: before the delete the customer carried the old tag.
    const asOf = await api<TagsAsOf>(demo, admin, 'GET', `/team/v1/customers/${customer}/tags-as-of?at=${encodeURIComponent(beforeDelete)}`);
    expect(asOf.body.value.basis).toBe('snapshot');
    expect(asOf.body.value.relations.flatMap((r) => r.tags.map((t) => t.tagId))).toContain(tag.id);
    expect(asOf.body.value.relations.flatMap((r) => r.tags.map((t) => t.tagId))).not.toContain(newId);
    const diff = await api<{ removed: { tagId: string }[]; added: { tagId: string }[] }>(demo, admin, 'GET', `/team/v1/snapshots/${second.body.value.snapshotId}/diff`);
    expect(diff.body.value.removed.map((t) => t.tagId)).toContain(tag.id);
    expect(diff.body.value.added.map((t) => t.tagId)).toContain(newId);
  });
});
