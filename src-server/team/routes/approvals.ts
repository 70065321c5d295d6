// The approval queue over HTTP. Filing is idempotent by the desktop's requestId; supervisors
// see and decide their department subtree's requests; everyone sees their own.
import { approvalStatusSchema, createApprovalSchema, decisionSchema } from '../../../src-shared/team-api/approvals';
import { readJson, validate } from '../http/body';
import { sendOk } from '../http/respond';
import type { Route } from '../http/router';

export const approvalRoutes: Route[] = [
  {
    method: 'POST',
    path: '/team/v1/approvals',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const input = await readJson(req, createApprovalSchema);
      const { approval, created } = await ctx.approvals.file(device!.userid, device!.deviceId, input);
      sendOk(res, approval, created ? 201 : 200);
    },
  },
  {
    method: 'GET',
    path: '/team/v1/approvals',
    auth: 'device',
    handle(ctx, { res, url, device }) {
      const status = url.searchParams.get('status');
      const parsed = status ? validate(approvalStatusSchema, status, 'status') : null;
      sendOk(res, { approvals: ctx.approvals.list(device!.userid, parsed, url.searchParams.get('mine') === '1') });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/approvals/:id',
    auth: 'device',
    handle(ctx, { res, params, device }) {
      sendOk(res, ctx.approvals.get(device!.userid, params.id!));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/approvals/:id/decision',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const decision = await readJson(req, decisionSchema);
      sendOk(res, await ctx.approvals.decide(device!.userid, device!.deviceId, params.id!, decision));
    },
  },
];
