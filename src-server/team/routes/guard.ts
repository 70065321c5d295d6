// Suspicious-edit alerts and suspensions over HTTP (docs/guardrails.md): supervisors and admins
// list, revert or dismiss alerts about the members the permission engine lets them oversee and
// lift suspensions; any signed-in desktop reports its own linter's blocked saves (category only).
import { z } from 'zod';
import { readJson, validate } from '../http/body';
import { sendOk } from '../http/respond';
import type { Route } from '../http/router';
import { guardOf } from '../guard/guard-service';
import { customerLookupOf } from '../admin/customer-lookup';
import type { TeamContext } from '../context';

const blockedSchema = z.strictObject({
  /** What the member tried to save. */
  field: z.enum(['personalTag', 'remark', 'approval', 'tag'], { error: '应为 personalTag / remark / approval / tag 之一' }),
  /** The linter's categories only: the text never leaves the desktop. */
  categories: z.array(z.string().regex(/^[a-z0-9_.-]{1,64}$/, { error: '类别格式不正确' })).max(20),
  externalUserid: z.string().min(1).max(128).optional(),
});

const listSchema = z.strictObject({
  status: z.enum(['open', 'reverted', 'dismissed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const noteSchema = z.strictObject({ note: z.string().trim().min(1, { error: '请填写处理说明' }).max(500) });
const liftSchema = z.strictObject({ note: z.string().trim().max(500).optional() });

/**
 * Alerts with their customers' names from WeCom (read for the viewer's scope, cached a minute):
 * without WeCom the alerts still list, by id.
 */
async function withNames<A extends { customers: string[] }>(ctx: TeamContext, viewer: string, alerts: A[]): Promise<(A & { customerNames: Record<string, string> })[]> {
  const ids = [...new Set(alerts.flatMap((a) => a.customers))];
  let names: Record<string, string> = {};
  if (ids.length > 0) {
    try {
      names = await customerLookupOf(ctx).names(viewer, ids);
    } catch (e) {
      ctx.log.warn({ err: (e as Error).message }, 'guard: customer names unavailable; alerts list customers by id');
    }
  }
  return alerts.map((a) => ({ ...a, customerNames: Object.fromEntries(a.customers.filter((c) => names[c]).map((c) => [c, names[c]!])) }));
}

export const guardRoutes: Route[] = [
  {
    method: 'GET',
    path: '/team/v1/guard/alerts',
    auth: 'device',
    async handle(ctx, { res, url, device }) {
      const q = validate(listSchema, Object.fromEntries(url.searchParams.entries()), 'query');
      sendOk(res, { alerts: await withNames(ctx, device!.userid, guardOf(ctx).alerts(device!.userid, { limit: q.limit, ...(q.status ? { status: q.status } : {}) })) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/guard/alerts/:id',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      sendOk(res, (await withNames(ctx, device!.userid, [guardOf(ctx).alert(device!.userid, params.id!)]))[0]);
    },
  },
  {
    method: 'POST',
    path: '/team/v1/guard/alerts/:id/revert',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      sendOk(res, await guardOf(ctx).revert(device!.userid, params.id!), 201);
    },
  },
  {
    method: 'POST',
    path: '/team/v1/guard/alerts/:id/dismiss',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const { note } = await readJson(req, noteSchema);
      sendOk(res, guardOf(ctx).dismiss(device!.userid, params.id!, note));
    },
  },
  {
    method: 'POST',
    path: '/team/v1/guard/blocked',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readJson(req, blockedSchema);
      const r = guardOf(ctx).recordBlocked({ userid: device!.userid, deviceId: device!.deviceId, origin: 'desktop', field: body.field, categories: body.categories, externalUserid: body.externalUserid ?? null });
      sendOk(res, { attempts: r.attempts, threshold: r.threshold, suspended: r.suspended });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/guard/me',
    auth: 'device',
    handle(ctx, { res, device }) {
      const s = guardOf(ctx).suspension(device!.userid);
      sendOk(res, { suspended: s !== null, ...(s ? { since: s.since, reason: s.reason } : {}) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/guard/suspensions',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, { suspensions: guardOf(ctx).suspensions(device!.userid) });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/guard/suspensions/:userid/lift',
    auth: 'device',
    async handle(ctx, { req, res, params, device }) {
      const { note } = await readJson(req, liftSchema);
      sendOk(res, { lifted: guardOf(ctx).lift(device!.userid, params.userid!, note ?? null) });
    },
  },
];
