// The time machine's "restore the catalog and assignments as of a snapshot": a preview of
// everything it would change, then the restore itself (admins; docs/admin.md).
import { z } from 'zod';
import { readJson } from '../http/body';
import { sendOk } from '../http/respond';
import { requireAdmin, type Route } from '../http/router';
import type { TeamContext } from '../context';
import { createCatalogAdmin } from '../admin/catalog-admin';
import { createSnapshotRestore } from '../admin/snapshot-restore';

const restorers = new WeakMap<TeamContext, ReturnType<typeof createSnapshotRestore>>();
const restorerOf = (ctx: TeamContext) => {
  let r = restorers.get(ctx);
  if (!r) restorers.set(ctx, (r = createSnapshotRestore(ctx, createCatalogAdmin(ctx))));
  return r;
};

export const snapshotRestoreRoutes: Route[] = [
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
