// Customer hand-over (在职继承 / 离职继承) through WeCom's transfer APIs: pick the leaver's
// customers and successors (all to one, round-robin, or by tag), transfer at most 100 per call
// (WeCom's limit; per-customer errcodes such as "twice in 90 days" are kept), follow WeCom's
// status (waiting, taken over, refused by the customer, successor at limit), and after the
// takeover check that the leaver's enterprise tags are on the successor's relation — missing
// ones are re-applied through one batch (source `handover`).
import { letterId } from './ids';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { callOk, UpstreamError } from '../upstream';
import { loadRelations, relationKey } from './relations';
import type { BatchChange } from '../batches/batch-store';

export type HandoverKind = 'onjob' | 'resigned';
export type SuccessorPlan =
  | { mode: 'one'; userid: string }
  | { mode: 'roundRobin'; userids: string[] }
  /** The first rule whose tag the customer carries (on the leaver's relation) decides; else the fallback. */
  | { mode: 'byTag'; rules: { tagId: string; userid: string }[]; fallback: string };

interface LeaverCustomer { name: string; tags: string[] }

export interface HandoverPreview {
  calls: number;
  perSuccessor: { userid: string; name: string; customers: number }[];
  customers: { externalUserid: string; customerName: string; tagIds: string[]; takeoverUserid: string; blockedReason: string | null }[];
}

export type HandoverItemStatus = 'waiting' | 'taken_over' | 'refused' | 'successor_at_limit' | 'failed';

export interface HandoverView {
  id: string;
  kind: HandoverKind;
  handoverUserid: string;
  handoverName: string;
  createdBy: string;
  createdAt: string;
  counts: Record<HandoverItemStatus, number>;
  items: { externalUserid: string; customerName: string; takeoverUserid: string; takeoverName: string; status: HandoverItemStatus; errcode: number | null; errorText: string | null; repairBatchId: string | null; beforeTagIds: string[]; checkedAt: string | null; repairedTagIds: string[] }[];
}

/** WeCom's per-customer transfer errcodes, in words. */
const TRANSFER_ERRORS: Record<number, string> = {
  40096: '客户不存在',
  40128: '同一客户 90 天内最多转接两次',
  40129: '该客户正在转接中',
  40130: '原跟进人与接替成员不能相同',
  40131: '原跟进人没有跟进这位客户',
};
export const transferErrorText = (errcode: number): string => TRANSFER_ERRORS[errcode] ?? `企业微信拒绝转接（错误码 ${errcode}）`;

const STATUS_OF: Record<number, HandoverItemStatus> = { 1: 'taken_over', 2: 'waiting', 3: 'refused', 4: 'successor_at_limit' };

export function createHandovers(ctx: TeamContext) {
  const insertItem = ctx.db.prepare(`INSERT INTO handover_items (handover_id, external_userid, takeover_userid, status, errcode, before_tags, customer_name) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  function authorize(actor: string, kind: HandoverKind, leaver: string, successors: string[]): void {
    const me = ctx.directory.member(actor);
    if (!me || (me.role !== 'admin' && me.role !== 'supervisor')) throw new TeamHttpError('forbidden', 'handover needs a supervisor or admin', '只有主管或管理员可以分配离职或转岗成员的客户。');
    if (me.role === 'supervisor') {
      if (kind === 'resigned') throw new TeamHttpError('forbidden', 'resigned handovers are for admins', '离职成员的客户由管理员分配。');
      const team = new Set(ctx.directory.teamOf(me).map((m) => m.userid));
      if (!team.has(leaver)) throw new TeamHttpError('forbidden', `${leaver} is not in the supervisor's team`, '只能分配自己团队成员的客户。');
      const outside = successors.find((s) => !team.has(s));
      if (outside) throw new TeamHttpError('forbidden', `${outside} is not in the supervisor's team`, `接替成员「${outside}」不在你的团队中。`);
    }
    for (const s of successors) {
      if (!ctx.directory.member(s)?.active) throw new TeamHttpError('bad_request', `successor ${s} is not an active member`, `接替成员「${s}」不在通讯录中或已停用。`);
      if (s === leaver) throw new TeamHttpError('bad_request', 'successor is the leaver', '接替成员不能是原跟进人。');
    }
  }

  /** The leaver's customers and their enterprise tags on the leaver's relation. */
  async function leaverRelations(kind: HandoverKind, leaver: string, only?: string[]): Promise<Map<string, LeaverCustomer>> {
    const out = new Map<string, LeaverCustomer>();
    if (kind === 'onjob') {
      for (const r of await loadRelations(ctx, [leaver])) out.set(r.externalUserid, { name: r.customerName, tags: r.tagIds });
    } else {
      let cursor = '';
      do {
        const page = await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/get_unassigned_list', {}, { cursor, page_size: 1000 });
        for (const i of (page.info as { handover_userid: string; external_userid: string }[] | undefined) ?? []) if (i.handover_userid === leaver) out.set(i.external_userid, { name: '', tags: [] });
        cursor = typeof page.next_cursor === 'string' ? page.next_cursor : '';
      } while (cursor);
      for (const ext of only ? [...out.keys()].filter((e) => only.includes(e)) : [...out.keys()]) {
        const c = await callOk(ctx.upstream, 'GET', '/cgi-bin/externalcontact/get', { external_userid: ext }).catch(() => null);
        const follow = ((c?.follow_user as { userid: string; tags?: { tag_id?: string; type?: number }[] }[] | undefined) ?? []).find((f) => f.userid === leaver);
        out.set(ext, { name: (c?.external_contact as { name?: string } | undefined)?.name ?? '', tags: (follow?.tags ?? []).filter((t) => t.type === 1 && t.tag_id).map((t) => t.tag_id!) });
      }
    }
    if (only) for (const ext of [...out.keys()]) if (!only.includes(ext)) out.delete(ext);
    return out;
  }

  /** Which successor takes which customer, by the plan (in the leaver's customer order). */
  function assign(plan: SuccessorPlan, customers: Map<string, LeaverCustomer>): Map<string, string[]> {
    const assigned = new Map<string, string[]>();
    let i = 0;
    for (const [ext, c] of customers) {
      const to = plan.mode === 'one' ? plan.userid : plan.mode === 'roundRobin' ? plan.userids[i++ % plan.userids.length]! : (plan.rules.find((r) => c.tags.includes(r.tagId))?.userid ?? plan.fallback);
      assigned.set(to, [...(assigned.get(to) ?? []), ext]);
    }
    return assigned;
  }

  /** Transfers of each customer started through Tagdesk in the last 90 days and not refused by WeCom. */
  function recentTransfers(exts: string[]): Map<string, number> {
    const since = new Date(ctx.now().getTime() - 90 * 24 * 3600 * 1000).toISOString();
    const q = ctx.db.prepare(`SELECT COUNT(*) FROM handover_items i JOIN handovers h ON h.id = i.handover_id WHERE i.external_userid = ? AND i.status <> 'failed' AND h.created_at >= ?`).pluck();
    return new Map(exts.map((e) => [e, q.get(e, since) as number]));
  }

  const successorsOf = (plan: SuccessorPlan): string[] => [...new Set(plan.mode === 'one' ? [plan.userid] : plan.mode === 'roundRobin' ? plan.userids : [...plan.rules.map((r) => r.userid), plan.fallback])];

  const handovers = {
    async start(actor: string, input: { kind: HandoverKind; handoverUserid: string; externalUserids?: string[]; successors: SuccessorPlan; message?: string }): Promise<HandoverView> {
      const plan = input.successors;
      authorize(actor, input.kind, input.handoverUserid, successorsOf(plan));
      const customers = await leaverRelations(input.kind, input.handoverUserid, input.externalUserids);
      if (customers.size === 0) throw new TeamHttpError('bad_request', 'no customers to hand over', '没有可分配的客户。');
      const assigned = assign(plan, customers);
      const id = letterId('ho');
      ctx.db.prepare(`INSERT INTO handovers (id, kind, handover_userid, created_by, created_at, message) VALUES (?, ?, ?, ?, ?, ?)`).run(id, input.kind, input.handoverUserid, actor, ctx.now().toISOString(), input.message ?? null);
      const path = input.kind === 'onjob' ? '/cgi-bin/externalcontact/transfer_customer' : '/cgi-bin/externalcontact/resigned/transfer_customer';
      for (const [takeover, list] of assigned) {
        for (let k = 0; k < list.length; k += 100) {
          const chunk = list.slice(k, k + 100);
          let answer: { external_userid: string; errcode: number }[];
          try {
            const r = await callOk(ctx.upstream, 'POST', path, {}, {
              handover_userid: input.handoverUserid, takeover_userid: takeover, external_userid: chunk,
              ...(input.kind === 'onjob' && input.message ? { transfer_success_msg: input.message } : {}),
            });
            answer = (r.customer as { external_userid: string; errcode: number }[] | undefined) ?? [];
          } catch (e) {
            const errcode = e instanceof UpstreamError ? e.errcode : -1;
            answer = chunk.map((external_userid) => ({ external_userid, errcode }));
          }
          ctx.db.transaction(() => {
            for (const a of answer) insertItem.run(id, a.external_userid, takeover, a.errcode === 0 ? 'waiting' : 'failed', a.errcode || null, JSON.stringify(customers.get(a.external_userid)?.tags ?? []), customers.get(a.external_userid)?.name ?? null);
          })();
        }
      }
      ctx.audit.append({ actor, source: 'handover', action: 'handover.start', target: { kind: 'relation', member: input.handoverUserid, customer: '' }, before: null, after: { handoverId: id, kind: input.kind, customers: customers.size, successors: [...assigned.keys()] } });
      return handovers.get(actor, id);
    },

    /** Who may be handed over by this actor: team members (supervisors), everyone and the resigned (admins). */
    async candidates(actor: string): Promise<{ userid: string; name: string; kind: HandoverKind; department: string }[]> {
      const me = ctx.directory.member(actor);
      if (!me || (me.role !== 'admin' && me.role !== 'supervisor')) throw new TeamHttpError('forbidden', 'handover needs a supervisor or admin', '只有主管或管理员可以分配离职或转岗成员的客户。');
      const out: { userid: string; name: string; kind: HandoverKind; department: string }[] = ctx.directory.teamOf(me).filter((m) => m.active && m.userid !== actor)
        .map((m) => ({ userid: m.userid, name: m.name, kind: 'onjob' as const, department: ctx.directory.departmentName(m.departmentIds[0] ?? null) }));
      if (me.role === 'admin') {
        const seen = new Set<string>();
        let cursor = '';
        do {
          const page = await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/get_unassigned_list', {}, { cursor, page_size: 1000 });
          for (const i of (page.info as { handover_userid: string }[] | undefined) ?? []) seen.add(i.handover_userid);
          cursor = typeof page.next_cursor === 'string' ? page.next_cursor : '';
        } while (cursor);
        for (const u of seen) out.push({ userid: u, name: ctx.directory.member(u)?.name ?? u, kind: 'resigned', department: '' });
      }
      return out;
    },

    /** The leaver's customers with their enterprise tags and transfers in the last 90 days. */
    async customers(actor: string, kind: HandoverKind, leaver: string): Promise<{ externalUserid: string; customerName: string; tagIds: string[]; transfers90d: number }[]> {
      authorize(actor, kind, leaver, []);
      const customers = await leaverRelations(kind, leaver);
      const recent = recentTransfers([...customers.keys()]);
      return [...customers].map(([ext, c]) => ({ externalUserid: ext, customerName: c.name, tagIds: c.tags, transfers90d: recent.get(ext) ?? 0 }));
    },

    /** What a start would do: who takes whom, how many WeCom calls, and who WeCom will refuse (twice in 90 days). Changes nothing. */
    async preview(actor: string, input: { kind: HandoverKind; handoverUserid: string; externalUserids?: string[]; successors: SuccessorPlan }): Promise<HandoverPreview> {
      authorize(actor, input.kind, input.handoverUserid, successorsOf(input.successors));
      const customers = await leaverRelations(input.kind, input.handoverUserid, input.externalUserids);
      const assigned = assign(input.successors, customers);
      const recent = recentTransfers([...customers.keys()]);
      const to = new Map([...assigned].flatMap(([u, list]) => list.map((e) => [e, u] as const)));
      return {
        calls: [...assigned.values()].reduce((n, list) => n + Math.ceil(list.length / 100), 0),
        perSuccessor: [...assigned].map(([userid, list]) => ({ userid, name: ctx.directory.member(userid)?.name ?? userid, customers: list.length })),
        customers: [...customers].map(([ext, c]) => ({
          externalUserid: ext, customerName: c.name, tagIds: c.tags, takeoverUserid: to.get(ext)!,
          blockedReason: (recent.get(ext) ?? 0) >= 2 ? `${transferErrorText(40128)}（90 天内已转接 ${recent.get(ext)} 次）` : null,
        })),
      };
    },

    get(actor: string, id: string): HandoverView {
      const h = ctx.db.prepare(`SELECT * FROM handovers WHERE id = ?`).get(id) as { id: string; kind: HandoverKind; handover_userid: string; created_by: string; created_at: string } | undefined;
      const me = ctx.directory.member(actor);
      if (!h || !me || (me.role !== 'admin' && h.created_by !== actor && !ctx.directory.overseersOf(h.created_by).includes(actor))) throw new TeamHttpError('not_found', `no handover ${id}`, '找不到这次客户分配。');
      const items = (ctx.db.prepare(`SELECT * FROM handover_items WHERE handover_id = ? ORDER BY external_userid`).all(id) as { external_userid: string; takeover_userid: string; status: HandoverItemStatus; errcode: number | null; repair_batch_id: string | null; before_tags: string; checked_at: string | null; repaired_tags: string | null; customer_name: string | null }[])
        .map((r) => ({
          externalUserid: r.external_userid, customerName: r.customer_name ?? '', takeoverUserid: r.takeover_userid, takeoverName: ctx.directory.member(r.takeover_userid)?.name ?? r.takeover_userid, status: r.status, errcode: r.errcode, errorText: r.errcode ? transferErrorText(r.errcode) : null, repairBatchId: r.repair_batch_id,
          beforeTagIds: JSON.parse(r.before_tags) as string[], checkedAt: r.checked_at, repairedTagIds: r.repaired_tags ? (JSON.parse(r.repaired_tags) as string[]) : [],
        }));
      const counts: Record<HandoverItemStatus, number> = { waiting: 0, taken_over: 0, refused: 0, successor_at_limit: 0, failed: 0 };
      for (const i of items) counts[i.status]++;
      return { id: h.id, kind: h.kind, handoverUserid: h.handover_userid, handoverName: ctx.directory.member(h.handover_userid)?.name ?? h.handover_userid, createdBy: h.created_by, createdAt: h.created_at, counts, items };
    },

    list(actor: string): { id: string; kind: HandoverKind; handoverUserid: string; handoverName: string; createdAt: string; customers: number }[] {
      const me = ctx.directory.member(actor);
      const rows = (ctx.db.prepare(`SELECT id, kind, handover_userid AS handoverUserid, created_by AS createdBy, created_at AS createdAt FROM handovers ORDER BY created_at DESC LIMIT 200`).all() as { id: string; kind: HandoverKind; handoverUserid: string; createdBy: string; createdAt: string }[]);
      const count = ctx.db.prepare(`SELECT COUNT(*) FROM handover_items WHERE handover_id = ?`).pluck();
      return rows.filter((r) => me?.role === 'admin' || r.createdBy === actor).map((r) => ({ ...r, handoverName: ctx.directory.member(r.handoverUserid)?.name ?? r.handoverUserid, customers: count.get(r.id) as number }));
    },

    /**
     * Asks WeCom how each transfer stands; for customers taken over, checks the successor's
     * relation carries the leaver's enterprise tags and re-applies missing ones in one batch.
     */
    async refresh(actor: string, id: string): Promise<HandoverView> {
      const view = handovers.get(actor, id);
      const path = view.kind === 'onjob' ? '/cgi-bin/externalcontact/transfer_result' : '/cgi-bin/externalcontact/resigned/transfer_result';
      const update = ctx.db.prepare(`UPDATE handover_items SET status = ?, takeover_time = ? WHERE handover_id = ? AND external_userid = ? AND status <> 'failed'`);
      for (const takeover of new Set(view.items.map((i) => i.takeoverUserid))) {
        let cursor = '';
        do {
          const r = await callOk(ctx.upstream, 'POST', path, {}, { handover_userid: view.handoverUserid, takeover_userid: takeover, cursor });
          ctx.db.transaction(() => {
            for (const c of (r.customer as { external_userid: string; status: number; takeover_time?: number }[] | undefined) ?? []) {
              const status = STATUS_OF[c.status];
              if (status) update.run(status, c.takeover_time ?? null, id, c.external_userid);
            }
          })();
          cursor = typeof r.next_cursor === 'string' ? r.next_cursor : '';
        } while (cursor);
      }
      // Enterprise tags move with the customer in WeCom; check, and repair what did not.
      const unchecked = ctx.db.prepare(`SELECT external_userid, takeover_userid, before_tags FROM handover_items WHERE handover_id = ? AND status = 'taken_over' AND checked_at IS NULL`).all(id) as { external_userid: string; takeover_userid: string; before_tags: string }[];
      if (unchecked.length > 0) {
        const successors = [...new Set(unchecked.map((u) => u.takeover_userid))];
        const now = new Map((await loadRelations(ctx, successors)).map((r) => [relationKey(r.userid, r.externalUserid), r.tagIds] as const));
        const live = new Set((await ctx.catalog.resolve([...new Set(unchecked.flatMap((u) => JSON.parse(u.before_tags) as string[]))])).keys());
        const changes: BatchChange[] = [];
        for (const u of unchecked) {
          const has = new Set(now.get(relationKey(u.takeover_userid, u.external_userid)) ?? []);
          const missing = (JSON.parse(u.before_tags) as string[]).filter((t) => live.has(t) && !has.has(t));
          if (missing.length) changes.push({ userid: u.takeover_userid, externalUserid: u.external_userid, add: missing, remove: [] });
        }
        let batchId: string | null = null;
        if (changes.length > 0) {
          const batch = await ctx.batches.create({
            kind: 'handover-repair', source: 'handover', title: `客户分配后补回标签（${changes.length} 位客户）`, actor, trusted: true,
            changes, current: new Map(changes.map((c) => [relationKey(c.userid, c.externalUserid), now.get(relationKey(c.userid, c.externalUserid)) ?? []] as const)), meta: { handoverId: id },
          });
          batchId = batch.id;
        }
        const mark = ctx.db.prepare(`UPDATE handover_items SET checked_at = ?, repair_batch_id = ?, repaired_tags = ? WHERE handover_id = ? AND external_userid = ?`);
        const repaired = new Map(changes.map((c) => [c.externalUserid, c.add] as const));
        ctx.db.transaction(() => {
          for (const u of unchecked) mark.run(ctx.now().toISOString(), repaired.has(u.external_userid) ? batchId : null, JSON.stringify(repaired.get(u.external_userid) ?? []), id, u.external_userid);
        })();
      }
      return handovers.get(actor, id);
    },
  };
  return handovers;
}

export type Handovers = ReturnType<typeof createHandovers>;

/**
 * Reads WeCom's status of the transfers still waiting for this successor, so what they took
 * over is known without anyone opening the hand-over. Only statuses change here: the tag check
 * and repair stay with the hand-over's refresh (it picks up every taken-over item not yet checked).
 */
export async function updateWaitingFor(ctx: TeamContext, takeover: string): Promise<void> {
  const open = ctx.db.prepare(`SELECT DISTINCT h.id, h.kind, h.handover_userid FROM handover_items i JOIN handovers h ON h.id = i.handover_id WHERE i.takeover_userid = ? AND i.status = 'waiting'`)
    .all(takeover) as { id: string; kind: HandoverKind; handover_userid: string }[];
  const update = ctx.db.prepare(`UPDATE handover_items SET status = ?, takeover_time = ? WHERE handover_id = ? AND external_userid = ? AND takeover_userid = ? AND status = 'waiting'`);
  for (const h of open) {
    const path = h.kind === 'onjob' ? '/cgi-bin/externalcontact/transfer_result' : '/cgi-bin/externalcontact/resigned/transfer_result';
    let cursor = '';
    do {
      const r = await callOk(ctx.upstream, 'POST', path, {}, { handover_userid: h.handover_userid, takeover_userid: takeover, cursor });
      ctx.db.transaction(() => {
        for (const c of (r.customer as { external_userid: string; status: number; takeover_time?: number }[] | undefined) ?? []) {
          const status = STATUS_OF[c.status];
          if (status) update.run(status, c.takeover_time ?? null, h.id, c.external_userid, takeover);
        }
      })();
      cursor = typeof r.next_cursor === 'string' ? r.next_cursor : '';
    } while (cursor);
  }
}
