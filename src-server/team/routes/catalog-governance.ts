// The catalog and governance screens' routes beside the catalog API: the catalog in WeCom's
// order with each group's origin and policy, one group's policy saved as a policy revision
// (audited), and the quarterly clean-up report.
import { readJson } from '../http/body';
import { sendOk } from '../http/respond';
import { TeamHttpError } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import type { TeamContext } from '../context';
import { createCatalogAdmin, type CatalogAdmin } from '../admin/catalog-admin';
import { cleanupReport } from '../admin/governance-report';
import { groupPolicyInputSchema, type CatalogLayout } from '../../../src-shared/team-api/catalog-governance';

interface OrderedGroup { group_id: string; group_name: string; order?: number; create_time?: number; tag?: { id: string; name: string; order?: number; create_time?: number; deleted?: boolean }[] }

const admins = new WeakMap<TeamContext, CatalogAdmin>();
const adminOf = (ctx: TeamContext): CatalogAdmin => {
  let a = admins.get(ctx);
  if (!a) admins.set(ctx, (a = createCatalogAdmin(ctx)));
  return a;
};

/** WeCom lists larger `order` first; equal orders keep creation order. */
const byWeComOrder = <T extends { order?: number; create_time?: number }>(a: T, b: T): number => (b.order ?? 0) - (a.order ?? 0) || (a.create_time ?? 0) - (b.create_time ?? 0);

function layout(ctx: TeamContext, userid: string, deviceId: string): CatalogLayout {
  const caller = { userid, deviceId };
  const visible = ctx.governance.visibleGroups(caller);
  const readOnly = new Map(adminOf(ctx).readOnlyGroups().map((g) => [g.groupId, g.reason]));
  const origins = new Map((ctx.db.prepare(`SELECT id, origin FROM catalog_origin WHERE kind = 'group'`).all() as { id: string; origin: string }[]).map((r) => [r.id, r.origin]));
  const policy = ctx.policy.current();
  const policies = new Map(policy.tagGroups.map((g) => [g.groupId, g]));
  const role = ctx.directory.member(userid)?.role;
  const groups = [...(ctx.catalog.groups() as readonly OrderedGroup[])].filter((g) => !visible || visible(g.group_id)).sort(byWeComOrder);
  return {
    groups: groups.map((g) => ({
      groupId: g.group_id, groupName: g.group_name, order: g.order ?? 0,
      origin: readOnly.has(g.group_id) ? 'external' : origins.get(g.group_id) === 'tagdesk' ? 'tagdesk' : 'unknown',
      readOnlyReason: readOnly.get(g.group_id) ?? null,
      canManage: !readOnly.has(g.group_id) && ctx.governance.manageGroup(caller, g.group_id, []) === null,
      policy: policies.get(g.group_id) ?? null,
      tags: (g.tag ?? []).filter((t) => !t.deleted).sort(byWeComOrder).map((t) => ({ tagId: t.id, name: t.name, order: t.order ?? 0 })),
    })),
    defaultLevel: policy.defaultTagGroup,
    departments: ctx.directory.departments().map((d) => ({ id: d.id, name: d.name, parentId: d.parentId })),
    revision: policy.revision,
    canEditPolicy: role === 'admin',
    canCreateGroups: ctx.governance.manageGroup(caller, null, []) === null,
  };
}

export const catalogGovernanceRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/catalog/layout',
    auth: 'device',
    async handle(ctx, { res, device }) {
      if (device!.role !== 'admin' && device!.role !== 'supervisor') throw new TeamHttpError('forbidden', 'leads only', '只有主管和管理员可以查看标签目录管理。');
      await ctx.catalog.refresh();
      sendOk(res, layout(ctx, device!.userid, device!.deviceId));
    },
  },
  {
    method: 'PUT',
    path: '/team/v1/catalog/groups/:id/policy',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      requireAdmin(device, '只有管理员可以修改标签组策略。');
      const body = await readJson(req, groupPolicyInputSchema);
      const groupId = params.id!;
      await ctx.catalog.refresh();
      if (!ctx.catalog.groups().some((g) => g.group_id === groupId)) throw new TeamHttpError('not_found', `no group ${groupId}`, '标签组不存在，可能已被删除。');
      if (body.policy && body.policy.groupId !== groupId) throw new TeamHttpError('bad_request', 'policy.groupId does not match the path', '策略中的标签组与要修改的标签组不一致。');
      const current = ctx.policy.current();
      if (body.baseRevision !== current.revision) throw new TeamHttpError('conflict', `policy revision ${current.revision}, editor started from ${body.baseRevision}`, `策略已被他人修改（当前修订号 ${current.revision}），请刷新后再保存。`);
      const before = current.tagGroups.find((g) => g.groupId === groupId) ?? null;
      const tagGroups = [...current.tagGroups.filter((g) => g.groupId !== groupId), ...(body.policy ? [body.policy] : [])];
      ctx.policy.save({ ...current, revision: current.revision + 1, tagGroups }, device!.userid, (doc) => {
        ctx.audit.append({ actor: device!.userid, source: 'ui', action: 'policy.tagGroup.save', target: { kind: 'policy', revision: doc.revision }, before: before ? { ...before } : null, after: body.policy ? { ...body.policy } : null });
      });
      sendOk(res, layout(ctx, device!.userid, device!.deviceId));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/governance/report',
    auth: 'device',
    async handle(ctx, { res, device }) {
      sendOk(res, await cleanupReport(ctx, device!.userid));
    },
  },
];
