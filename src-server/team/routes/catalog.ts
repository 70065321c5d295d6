// Catalog administration, the recycle bin and the time machine over HTTP. Every change goes
// to WeCom first (add/edit/del_corp_tag) and is audited and pushed as catalog.changed.
import { z } from 'zod';
import { readJson } from '../http/body';
import { sendOk } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import type { TeamContext } from '../context';
import { createCatalogAdmin, type CatalogAdmin } from '../admin/catalog-admin';
import { mergeTags, nearDuplicates, tagUsage } from '../admin/governance-helpers';

const admins = new WeakMap<TeamContext, CatalogAdmin>();
const adminOf = (ctx: TeamContext): CatalogAdmin => {
  let a = admins.get(ctx);
  if (!a) admins.set(ctx, (a = createCatalogAdmin(ctx)));
  return a;
};

const name = z.string().trim().min(1, '名称不能为空').max(30, '名称最多 30 个字');
const newTag = z.object({ name, order: z.number().int().min(0).max(2 ** 31 - 1).optional() }).strict();

export const catalogRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/catalog',
    auth: 'device',
    async handle(ctx, { res, device }) {
      await ctx.catalog.refresh();
      const visible = ctx.governance.visibleGroups({ userid: device!.userid, deviceId: device!.deviceId });
      const readOnly = new Map(adminOf(ctx).readOnlyGroups().map((g) => [g.groupId, g.reason]));
      sendOk(res, {
        groups: ctx.catalog.groups().filter((g) => !visible || visible(g.group_id)).map((g) => ({
          groupId: g.group_id, groupName: g.group_name, readOnlyReason: readOnly.get(g.group_id) ?? null,
          canManage: ctx.governance.manageGroup({ userid: device!.userid, deviceId: device!.deviceId }, g.group_id, []) === null && !readOnly.has(g.group_id),
          tags: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ tagId: t.id, name: t.name })),
        })),
      });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/catalog/groups',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, z.object({ groupName: name, order: z.number().int().min(0).optional(), tags: z.array(newTag).min(1, '新标签组至少要有一个标签').max(100) }).strict());
      sendOk(res, await adminOf(ctx).createGroup(device!.userid, { groupName: body.groupName, tags: body.tags, ...(body.order !== undefined ? { order: body.order } : {}) }), 201);
    },
  },
  {
    method: 'POST',
    path: '/team/v1/catalog/groups/:id/tags',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const body = await readJson(req, z.object({ tags: z.array(newTag).min(1).max(100) }).strict());
      sendOk(res, await adminOf(ctx).createTags(device!.userid, params.id!, body.tags), 201);
    },
  },
  {
    method: 'POST',
    path: '/team/v1/catalog/items/:id/edit',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const body = await readJson(req, z.object({ name: name.optional(), order: z.number().int().min(0).max(2 ** 31 - 1).optional() }).strict().refine((b) => b.name !== undefined || b.order !== undefined, { message: '请给出新名称或排序', path: ['name'] }));
      await adminOf(ctx).edit(device!.userid, params.id!, { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.order !== undefined ? { order: body.order } : {}) });
      sendOk(res, { edited: params.id });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/catalog/delete',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, z.object({ tagIds: z.array(z.string().min(1).max(64)).min(1).max(100).optional(), groupId: z.string().min(1).max(64).optional(), confirmToken: z.string().max(200).optional() })
        .strict().refine((b) => Boolean(b.tagIds) !== Boolean(b.groupId), { message: '请指定要删除的标签，或整个标签组（二选一）', path: ['tagIds'] }));
      sendOk(res, await adminOf(ctx).delete(device!.userid, { ...(body.tagIds ? { tagIds: body.tagIds } : {}), ...(body.groupId ? { groupId: body.groupId } : {}) }, body.confirmToken));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/recycle-bin',
    auth: 'device',
    handle(ctx, { res, url, device }) {
      requireAdmin(device, '只有管理员可以查看回收站。');
      sendOk(res, { entries: adminOf(ctx).recycleBin(url.searchParams.get('all') === '1') });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/recycle-bin/:id/restore',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      requireAdmin(device, '只有管理员可以从回收站恢复标签。');
      sendOk(res, await adminOf(ctx).restore(device!.userid, params.id!), 201);
    },
  },
  {
    method: 'GET',
    path: '/team/v1/snapshots',
    auth: 'device',
    handle(ctx, { res, device }) {
      requireAdmin(device, '只有管理员可以查看快照。');
      sendOk(res, { snapshots: adminOf(ctx).snapshots.list() });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/snapshots',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      requireAdmin(device, '只有管理员可以拍快照。');
      const body = await readJson(req, z.object({ reason: z.string().trim().min(1).max(200).default('手动快照') }).strict());
      sendOk(res, await adminOf(ctx).snapshots.take(device!.userid, body.reason), 201);
    },
  },
  {
    method: 'GET',
    path: '/team/v1/snapshots/:id/diff',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      requireAdmin(device, '只有管理员可以查看快照。');
      sendOk(res, await adminOf(ctx).snapshots.diff(params.id!));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/customers/:id/tags-as-of',
    auth: 'device',
    async handle(ctx, { res, url, params, device }) {
      const at = z.string().datetime().safeParse(url.searchParams.get('at'));
      const when = at.success ? at.data : ctx.now().toISOString();
      sendOk(res, await adminOf(ctx).snapshots.tagsAsOf(device!.userid, params.id!, new Date(when).toISOString()));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/governance/usage',
    auth: 'device',
    async handle(ctx, { res, device }) {
      const usage = await tagUsage(ctx, device!.userid);
      sendOk(res, { tags: usage, unused: usage.filter((t) => t.customers === 0).map((t) => t.tagId) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/governance/duplicates',
    auth: 'device',
    async handle(ctx, { res, url, device }) {
      const min = Number(url.searchParams.get('minScore') ?? '');
      sendOk(res, { pairs: await nearDuplicates(ctx, device!.userid, Number.isFinite(min) && min > 0 && min <= 1 ? { minScore: min } : {}) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/governance/merge',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, z.object({ fromTagIds: z.array(z.string().min(1).max(64)).min(1).max(20), toTagId: z.string().min(1).max(64) }).strict());
      sendOk(res, await mergeTags(ctx, device!.userid, body.fromTagIds, body.toTagId), 201);
    },
  },
];
