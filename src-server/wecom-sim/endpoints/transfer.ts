// Customer transfer (DOC 92125, 94088, 92124, 94081, 94082): per-customer errcodes, ≤100 per
// call, takeover after 24 h, on-job transfers at most twice per customer in 90 days, resigned
// members' customers queued in get_unassigned_list.
import type { TransferRecord } from '../runtime';
import { SimError } from '../errors';
import { decodeCursor, encodeCursor, memberId, optInt, optString, optStringArray, reqString, type SimContext, type SimEndpoint } from './types';

const DAY = 86400;
const isPos = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function startTransfers(ctx: SimContext, kind: 'onjob' | 'resigned'): Record<string, unknown> {
  const { rt } = ctx;
  const st = rt.state;
  const handover = reqString(ctx.body, 'handover_userid', 40003);
  const takeover = memberId(ctx, reqString(ctx.body, 'takeover_userid', 40003), 'takeover_userid');
  if (kind === 'onjob') memberId(ctx, handover, 'handover_userid');
  else if (!st.resigned.has(handover)) {
    if (st.members.has(handover)) throw new SimError(40097);
    throw new SimError(40003, `invalid userid: ${handover}`);
  }
  const externals = optStringArray(ctx.body, 'external_userid', 100);
  if (!externals || externals.length === 0) throw new SimError(41035);
  if (kind === 'onjob') optString(ctx.body, 'transfer_success_msg', { maxChars: 200 });
  const customer = externals.map((external) => {
    const errcode = (() => {
      if (!st.customers.has(external)) return 40096;
      if (handover === takeover) return 40130;
      if (!st.relation(handover, external)) return 40131;
      if (rt.transfers.some((t) => t.external === external && t.status === 2)) return 40129;
      if (kind === 'onjob') {
        const recent = rt.transfers.filter((t) => t.kind === 'onjob' && t.external === external && t.startedSec > ctx.nowSec - 90 * DAY);
        if (recent.length >= 2) return 40128;
      }
      return 0;
    })();
    if (errcode === 0) {
      rt.transfers.push({ kind, handover, takeover, external, startedSec: ctx.nowSec, takeoverSec: ctx.nowSec + DAY, status: 2 });
    }
    return { external_userid: external, errcode };
  });
  return { customer };
}

function transferResult(ctx: SimContext, kind: 'onjob' | 'resigned'): Record<string, unknown> {
  const handover = reqString(ctx.body, 'handover_userid', 40003);
  const takeover = reqString(ctx.body, 'takeover_userid', 40003);
  const all = ctx.rt.transfers.filter((t: TransferRecord) => t.kind === kind && t.handover === handover && t.takeover === takeover);
  const start = decodeCursor(optString(ctx.body, 'cursor'), 0, isPos);
  const page = all.slice(start, start + 1000);
  return {
    customer: page.map((t) => ({ external_userid: t.external, status: t.status, takeover_time: t.takeoverSec })),
    next_cursor: start + 1000 < all.length ? encodeCursor(start + 1000) : '',
  };
}

export const transferEndpoints: SimEndpoint[] = [
  {
    path: 'externalcontact/transfer_customer',
    method: 'POST',
    auth: 'token',
    writeKeys: (ctx) => [`handover|${String(ctx.body.handover_userid)}`],
    handle: (ctx) => startTransfers(ctx, 'onjob'),
  },
  { path: 'externalcontact/transfer_result', method: 'POST', auth: 'token', read: true, handle: (ctx) => transferResult(ctx, 'onjob') },
  {
    path: 'externalcontact/resigned/transfer_customer',
    method: 'POST',
    auth: 'token',
    // Concurrent assignment of one resigned member's customers answers 45035 (DOC 90313).
    writeKeys: (ctx) => [`handover|${String(ctx.body.handover_userid)}`],
    handle: (ctx) => startTransfers(ctx, 'resigned'),
  },
  { path: 'externalcontact/resigned/transfer_result', method: 'POST', auth: 'token', read: true, handle: (ctx) => transferResult(ctx, 'resigned') },
  {
    path: 'externalcontact/get_unassigned_list',
    method: 'POST',
    auth: 'token',
    read: true,
    handle(ctx) {
      const st = ctx.rt.state;
      const pageSize = Math.min(optInt(ctx.body, 'page_size', 1, 100000) ?? 1000, 1000);
      const pageId = optInt(ctx.body, 'page_id');
      const pending = new Set(ctx.rt.transfers.filter((t) => t.kind === 'resigned' && t.status !== 3 && t.status !== 4).map((t) => `${t.handover}|${t.external}`));
      const all: { handover_userid: string; external_userid: string; dimission_time: number }[] = [];
      for (const m of st.resigned.values()) {
        for (const external of st.byMember.get(m.userid) ?? []) {
          if (!pending.has(`${m.userid}|${external}`)) all.push({ handover_userid: m.userid, external_userid: external, dimission_time: m.resigned!.dimissionTime });
        }
      }
      if (pageId !== undefined && optString(ctx.body, 'cursor') === undefined) {
        // Legacy paging works only while page_id × page_size < 50,000.
        if (pageId * pageSize >= 50_000) throw new SimError(40058, 'invalid parameter: page_id * page_size must be below 50000, use cursor');
        const info = all.slice(pageId * pageSize, (pageId + 1) * pageSize);
        return { info, is_last: (pageId + 1) * pageSize >= all.length };
      }
      const start = decodeCursor(optString(ctx.body, 'cursor'), 0, isPos);
      const info = all.slice(start, start + pageSize);
      const more = start + pageSize < all.length;
      return { info, is_last: !more, next_cursor: more ? encodeCursor(start + pageSize) : '' };
    },
  },
];
