// The dashboard (supervisors: their team; admins: everyone) and company descriptors shared from
// personal tags with consent (docs/automation.md). A grant stores descriptor, customers and time;
// the member who sent it is checked (they must follow each customer) but never stored.
import { readJson } from '../http/body';
import { sendOk, TeamHttpError } from '../http/respond';
import type { Route } from '../http/router';
import { loadRelations } from '../admin/relations';
import { computeDashboard } from '../dashboard/dashboard';
import { descriptorStoreOf } from '../dashboard/descriptor-store';
import { descriptorGrantIdSchema, descriptorGrantSchema } from '../../../src-shared/team-api/dashboard';

function grantIdOf(raw: string | undefined): string {
  const r = descriptorGrantIdSchema.safeParse(raw);
  if (!r.success) throw new TeamHttpError('bad_request', 'malformed grant id', '授权 ID 格式不正确。', [{ path: 'grantId', message: '格式不正确' }]);
  return r.data;
}

export const dashboardRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/dashboard',
    auth: 'device',
    async handle(ctx, { res, device }) {
      if (device!.role !== 'admin' && device!.role !== 'supervisor') throw new TeamHttpError('forbidden', 'admins and supervisors only', '只有主管和管理员可以查看看板。');
      sendOk(res, await computeDashboard(ctx, device!.userid));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/descriptors',
    auth: 'device',
    handle(ctx, { res }) {
      sendOk(res, { descriptors: ctx.policy.current().companyDescriptors });
    },
  },
  {
    method: 'PUT',
    path: '/team/v1/descriptors/grants/:grantId',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const grantId = grantIdOf(params.grantId);
      const body = await readJson(req, descriptorGrantSchema);
      if (!ctx.policy.current().companyDescriptors.some((d) => d.id === body.descriptorId)) {
        throw new TeamHttpError('bad_request', `unknown descriptor ${body.descriptorId}`, '公司描述列表中没有该描述，可能已被管理员移除。', [{ path: 'descriptorId', message: '不在公司描述列表中' }]);
      }
      // Only customers the sender follows: a device cannot describe someone else's customers.
      const own = new Set((await loadRelations(ctx, [device!.userid])).map((r) => r.externalUserid));
      const foreign = body.externalUserids.filter((e) => !own.has(e));
      if (foreign.length) throw new TeamHttpError('forbidden', `${foreign.length} customers not followed by the sender`, `有 ${foreign.length} 位客户不在你的客户列表中，未共享。`);
      const customers = descriptorStoreOf(ctx.db).put(grantId, body.descriptorId, body.externalUserids, ctx.now().getTime());
      sendOk(res, { grantId, customers });
    },
  },
  {
    method: 'DELETE',
    path: '/team/v1/descriptors/grants/:grantId',
    auth: 'device',
    handle(ctx, { res, params }) {
      const grantId = grantIdOf(params.grantId);
      sendOk(res, { grantId, customers: descriptorStoreOf(ctx.db).withdraw(grantId) });
    },
  },
];
