// Bulk tagging and the batches behind every bulk change: preview a selection, start a batch,
// watch its progress (also pushed as batch.progress), pause, resume, cancel, and undo it.
import { z } from 'zod';
import { readLargeJson } from '../admin/large-body';
import { sendOk, TeamHttpError } from '../http/respond';
import type { Route } from '../http/router';
import type { TeamContext } from '../context';
import { select, selectorSchema, type Selector } from '../admin/selection';
import type { BatchChange } from '../batches/batch-store';

const tagIds = z.array(z.string().min(1).max(64)).max(100);
const bulkSchema = z.object({
  selector: selectorSchema,
  add: tagIds.default([]),
  remove: tagIds.default([]),
  title: z.string().trim().min(1).max(100).optional(),
}).strict().refine((b) => b.add.length + b.remove.length > 0, { message: '请至少选择一个要添加或移除的标签', path: ['add'] });

async function plan(ctx: TeamContext, viewer: string, body: { selector: Selector; add: string[]; remove: string[] }) {
  const sel = await select(ctx, viewer, body.selector);
  const changes: BatchChange[] = sel.relations.map((r) => ({ userid: r.userid, externalUserid: r.externalUserid, add: body.add, remove: body.remove }));
  return { sel, changes };
}

export const batchRoutes: Route[] = [
  {
    method: 'POST',
    path: '/team/v1/bulk/preview',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readLargeJson(req, bulkSchema);
      const { sel, changes } = await plan(ctx, device!.userid, body);
      const refused = await ctx.batches.check(device!.userid, changes);
      const effective = changes.filter((c) => {
        const cur = new Set(sel.current.get(`${c.userid}\u0001${c.externalUserid}`) ?? []);
        return c.add.some((t) => !cur.has(t)) || c.remove.some((t) => cur.has(t));
      }).length;
      sendOk(res, {
        customers: sel.customers, relations: changes.length, willChange: effective, unknownIds: sel.unknownIds.slice(0, 1000),
        refused: refused.length, refusals: refused.slice(0, 50),
        sample: sel.relations.slice(0, 20).map((r) => ({ userid: r.userid, externalUserid: r.externalUserid, customerName: r.customerName })),
      });
    },
  },
  {
    method: 'POST',
    path: '/team/v1/bulk',
    auth: 'device',
    async handle(ctx, { req, res, device }) {
      const body = await readLargeJson(req, bulkSchema);
      const { sel, changes } = await plan(ctx, device!.userid, body);
      if (changes.length === 0) throw new TeamHttpError('bad_request', 'the selection matches no relation', '没有符合条件的客户，未做任何更改。');
      const batch = await ctx.batches.create({
        kind: 'bulk', source: 'bulk', title: body.title ?? `批量打标签（${sel.customers} 位客户）`, actor: device!.userid,
        changes, current: sel.current, followers: sel.followers, meta: { selector: body.selector, add: body.add, remove: body.remove },
      });
      sendOk(res, batch, 201);
    },
  },
  {
    method: 'GET',
    path: '/team/v1/batches',
    auth: 'device',
    handle(ctx, { res, device }) {
      sendOk(res, { batches: ctx.batches.list(device!.userid) });
    },
  },
  {
    method: 'GET',
    path: '/team/v1/batches/:id',
    auth: 'device',
    handle(ctx, { res, params, device }) {
      ctx.batches.visible(device!.userid, params.id!);
      sendOk(res, ctx.batches.get(params.id!));
    },
  },
  {
    method: 'GET',
    path: '/team/v1/batches/:id/items',
    auth: 'device',
    handle(ctx, { res, url, params, device }) {
      ctx.batches.visible(device!.userid, params.id!);
      const status = url.searchParams.get('status');
      const parsed = status ? z.enum(['pending', 'done', 'unchanged', 'failed']).safeParse(status) : null;
      if (parsed && !parsed.success) throw new TeamHttpError('bad_request', 'bad status', '状态参数不正确。');
      const offset = Math.max(0, Number(url.searchParams.get('offset') ?? 0) || 0);
      const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit') ?? 200) || 200));
      sendOk(res, { items: ctx.batches.store.items(params.id!, { ...(parsed?.success ? { status: parsed.data } : {}), offset, limit }) });
    },
  },
  ...(['pause', 'resume', 'cancel'] as const).map((action): Route => ({
    method: 'POST',
    path: `/team/v1/batches/:id/${action}`,
    auth: 'device',
    handle(ctx, { res, params, device }) {
      sendOk(res, ctx.batches[action](device!.userid, params.id!));
    },
  })),
  {
    method: 'POST',
    path: '/team/v1/batches/:id/undo',
    auth: 'device',
    async handle(ctx, { res, params, device }) {
      sendOk(res, await ctx.batches.undo(device!.userid, params.id!), 201);
    },
  },
];
