// Customer hand-over over HTTP: start one (successors all-to-one, round-robin or by tag),
// follow WeCom's status, and have the successor's tags checked and repaired after takeover.
import { z } from 'zod';
import { handoverPreviewArgsSchema, handoverStartSchema } from '../../../src-shared/team-api/admin';
import { readJson, validate } from '../http/body';
import { sendOk } from '../http/respond';
import type { Route } from '../http/router';
import { createHandovers } from '../admin/handover';

const customersQuery = z.object({ kind: z.enum(['onjob', 'resigned']), userid: z.string().min(1).max(64) });

export const handoverRoutes: Route[] = [
  {
    method: 'POST',
    path: '/team/v1/handovers/preview',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, handoverPreviewArgsSchema);
      sendOk(res, await createHandovers(ctx).preview(device!.userid, { kind: body.kind, handoverUserid: body.handoverUserid, successors: body.successors, ...(body.externalUserids ? { externalUserids: body.externalUserids } : {}) }));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/handovers/candidates',
    auth: 'device',
    async handle(ctx, { res, device }) {
      sendOk(res, { members: await createHandovers(ctx).candidates(device!.userid) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/handovers/customers',
    auth: 'device',
    async handle(ctx, { res, url, device }) {
      const q = validate(customersQuery, Object.fromEntries(url.searchParams), 'query');
      sendOk(res, { customers: await createHandovers(ctx).customers(device!.userid, q.kind, q.userid) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/handovers',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, handoverStartSchema);
      sendOk(res, await createHandovers(ctx).start(device!.userid, { kind: body.kind, handoverUserid: body.handoverUserid, successors: body.successors, ...(body.externalUserids ? { externalUserids: body.externalUserids } : {}), ...(body.message ? { message: body.message } : {}) }), 201);
    },
  },
  {
    method: 'GET',
    path: '/team/v1/handovers',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, { handovers: createHandovers(ctx).list(device!.userid) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/handovers/:id',
    auth: 'device',
    handle(ctx, { res, params, device }) {
      sendOk(res, createHandovers(ctx).get(device!.userid, params.id!));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/handovers/:id/refresh',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      sendOk(res, await createHandovers(ctx).refresh(device!.userid, params.id!));
    },
  },
];
