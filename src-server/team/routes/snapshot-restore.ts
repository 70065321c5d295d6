// The time machine's "restore the catalog and assignments as of a snapshot": a preview of
// everything it would change, then the restore itself; and the customer search its "tags as
// of T" starts from (admins; docs/admin.md).
import { z } from 'zod';
import { readJson, validate } from '../http/body';
import { sendOk } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import type { TeamContext } from '../context';
import { createCatalogAdmin } from '../admin/catalog-admin';
import { createSnapshotRestore } from '../admin/snapshot-restore';
import { customerLookupOf } from '../admin/customer-lookup';

const restorers = new WeakMap<TeamContext, ReturnType<typeof createSnapshotRestore>>();
const restorerOf = (ctx: TeamContext) => {
  let r = restorers.get(ctx);
  if (!r) restorers.set(ctx, (r = createSnapshotRestore(ctx, createCatalogAdmin(ctx))));
  return r;
};

const lookupOf = customerLookupOf;

export const snapshotRestoreRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/time-machine/customers',
    auth: 'device',
    async handle(ctx, { res, url, device }) {
      requireAdmin(device, '只有管理员可以使用时光机。');
      const q = validate(z.string().trim().max(64, '搜索内容过长'), url.searchParams.get('q') ?? '', 'query');
      const limit = Math.min(20, Math.max(1, Number(url.searchParams.get('limit')) || 8));
      sendOk(res, await lookupOf(ctx).search(device!.userid, q, limit));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/snapshots/:id/restore-plan',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      requireAdmin(device, '只有管理员可以按快照恢复标签。');
      sendOk(res, await restorerOf(ctx).preview(params.id!));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/snapshots/:id/restore',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      requireAdmin(device, '只有管理员可以按快照恢复标签。');
      const body = await readJson(req, z.object({ planToken: z.string().min(1, '请先预览再恢复').max(100) }).strict());
      sendOk(res, await restorerOf(ctx).restore(device!.userid, params.id!, body.planToken), 201);
    },
  },
];
