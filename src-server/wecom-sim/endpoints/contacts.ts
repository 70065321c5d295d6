// Customers and their follow relations: list, get, batch/get_by_user, remark, mark_tag and the
// follow-user list (DOC 92113, 92114, 92994, 92115, 92118). API writes produce no callbacks.
import type { DemoCustomer, DemoRelation } from '../../demo/company';
import { SimError } from '../errors';
import { pairKey } from '../state';
import {
  decodeCursor, encodeCursor, memberId, optInt, optString, optStringArray, queryString, reqString,
  type SimContext, type SimEndpoint,
} from './types';

function contactJson(c: DemoCustomer): Record<string, unknown> {
  const out: Record<string, unknown> = { external_userid: c.external_userid, name: c.name, type: c.type, gender: c.gender, avatar: c.avatar };
  if (c.unionid) out.unionid = c.unionid;
  if (c.type === 2) Object.assign(out, { position: c.position, corp_name: c.corp_name, corp_full_name: c.corp_full_name });
  return out;
}

function followCommon(r: DemoRelation): Record<string, unknown> {
  const out: Record<string, unknown> = { userid: r.userid, remark: r.remark, description: r.description, createtime: r.createtime };
  if (r.remark_corp_name !== undefined) out.remark_corp_name = r.remark_corp_name;
  out.remark_mobiles = r.remark_mobiles;
  out.oper_userid = r.oper_userid;
  out.add_way = r.add_way;
  if (r.state !== undefined) out.state = r.state;
  return out;
}

function customerOf(ctx: SimContext, external: string): DemoCustomer {
  const c = ctx.rt.state.customers.get(external);
  if (!c) throw new SimError(40096, `invalid external userid: ${external}`);
  return c;
}

function relationOf(ctx: SimContext, userid: string, external: string): DemoRelation {
  customerOf(ctx, external);
  const r = ctx.rt.state.relation(userid, external);
  if (!r) throw new SimError(84061);
  return r;
}

const FOLLOW_PAGE = 500;
const isPos = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isBatchCursor = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isPos);

export const contactEndpoints: SimEndpoint[] = [
  {
    path: 'externalcontact/get_follow_user_list',
    method: 'GET',
    auth: 'token',
    handle: (ctx) => ({ follow_user: [...ctx.rt.state.members.values()].filter((m) => m.customerContact).map((m) => m.userid) }),
  },
  {
    path: 'externalcontact/list',
    method: 'GET',
    auth: 'token',
    read: true,
    handle(ctx) {
      const userid = memberId(ctx, ctx.query.get('userid') ?? undefined);
      const list = ctx.rt.state.byMember.get(userid) ?? [];
      // A member without customers gets 84061 rather than an empty list (WxJava#1528).
      if (list.length === 0) throw new SimError(84061, undefined, { external_userid: [] });
      return { external_userid: [...list] };
    },
  },
  {
    path: 'externalcontact/get',
    method: 'GET',
    auth: 'token',
    read: true,
    handle(ctx) {
      const st = ctx.rt.state;
      const external = queryString(ctx, 'external_userid', 41035);
      const c = customerOf(ctx, external);
      const followers = (st.byCustomer.get(external) ?? []).filter((u) => st.members.has(u));
      const start = decodeCursor(ctx.query.get('cursor') ?? undefined, 0, isPos);
      const page = followers.slice(start, start + FOLLOW_PAGE).map((u) => {
        const r = st.relation(u, external)!;
        const tags = r.tag_ids.map((id) => st.activeTag(id)).filter((t) => t !== undefined)
          .map((t) => ({ group_name: st.groups.get(t.groupId)!.group_name, tag_name: t.name, tag_id: t.id, type: 1 }));
        return { ...followCommon(r), ...(tags.length ? { tags } : {}) };
      });
      const next = start + FOLLOW_PAGE < followers.length ? encodeCursor(start + FOLLOW_PAGE) : '';
      return { external_contact: contactJson(c), follow_user: page, ...(next ? { next_cursor: next } : {}) };
    },
  },
  {
    path: 'externalcontact/batch/get_by_user',
    method: 'POST',
    auth: 'token',
    read: true,
    handle(ctx) {
      const st = ctx.rt.state;
      // userid_list is current; a single "userid" is what older SDKs send.
      let users = optStringArray(ctx.body, 'userid_list', 100);
      const legacy = optString(ctx.body, 'userid');
      if ((!users || users.length === 0) && legacy) users = [legacy];
      if (!users || users.length === 0) throw new SimError(40003, 'userid_list missing');
      for (const u of users) memberId(ctx, u);
      const limit = Math.min(optInt(ctx.body, 'limit', 0) ?? 50, 100) || 50;
      let [ui, off] = decodeCursor(optString(ctx.body, 'cursor'), [0, 0] as [number, number], isBatchCursor);
      const out: Record<string, unknown>[] = [];
      while (ui < users.length && out.length < limit) {
        const list = st.byMember.get(users[ui]!) ?? [];
        while (off < list.length && out.length < limit) {
          const r = st.relations.get(pairKey(users[ui]!, list[off]!))!;
          const tag_id = r.tag_ids.filter((id) => st.activeTag(id) !== undefined);
          out.push({ external_contact: contactJson(st.customers.get(r.external_userid)!), follow_info: { ...followCommon(r), tag_id } });
          off++;
        }
        if (off >= list.length) { ui++; off = 0; }
      }
      return { external_contact_list: out, next_cursor: ui < users.length ? encodeCursor([ui, off]) : '' };
    },
  },
  {
    path: 'externalcontact/remark',
    method: 'POST',
    auth: 'token',
    lateApplicable: true,
    writeKeys: (ctx) => [`pair|${String(ctx.body.userid)}|${String(ctx.body.external_userid)}`],
    handle(ctx) {
      const userid = memberId(ctx, optString(ctx.body, 'userid'));
      const external = reqString(ctx.body, 'external_userid', 41035);
      const remark = optString(ctx.body, 'remark', { maxChars: 20 });
      const description = optString(ctx.body, 'description', { maxChars: 150 });
      const company = optString(ctx.body, 'remark_company', { maxChars: 20 });
      const pic = optString(ctx.body, 'remark_pic_mediaid');
      // The doc says "an empty string" clears the numbers; accept both "" and [""].
      const rawMobiles = ctx.body.remark_mobiles;
      const mobiles = rawMobiles === '' ? [''] : optStringArray(ctx.body, 'remark_mobiles');
      if ([remark, description, company, pic, mobiles].every((v) => v === undefined)) throw new SimError(40063, 'remark, description, remark_company, remark_mobiles and remark_pic_mediaid are all empty');
      const r = relationOf(ctx, userid, external);
      if (remark !== undefined) r.remark = remark;
      if (description !== undefined) r.description = description;
      // remark_company applies to WeChat customers only; read back as remark_corp_name.
      if (company !== undefined && ctx.rt.state.customers.get(external)!.type === 1) r.remark_corp_name = company;
      if (mobiles !== undefined) r.remark_mobiles = mobiles.filter((m) => m !== '');
      return {};
    },
  },
  {
    path: 'externalcontact/mark_tag',
    method: 'POST',
    auth: 'token',
    lateApplicable: true,
    writeKeys: (ctx) => [`pair|${String(ctx.body.userid)}|${String(ctx.body.external_userid)}`],
    handle(ctx) {
      const st = ctx.rt.state;
      const userid = memberId(ctx, optString(ctx.body, 'userid'));
      const external = reqString(ctx.body, 'external_userid', 41035);
      const add = optStringArray(ctx.body, 'add_tag') ?? [];
      const remove = optStringArray(ctx.body, 'remove_tag') ?? [];
      if (add.length === 0 && remove.length === 0) throw new SimError(41017, 'tagid missing: add_tag and remove_tag are both empty');
      const r = relationOf(ctx, userid, external);
      // All or nothing (assumption, reference §13.5): one dead id refuses the whole call.
      const bad = add.find((id) => st.activeTag(id) === undefined);
      if (bad !== undefined) throw new SimError(40068, `invalid tagid: ${bad}`);
      const next = new Set(r.tag_ids.filter((id) => !remove.includes(id)));
      for (const id of add) next.add(id);
      if ([...next].filter((id) => st.activeTag(id)).length > ctx.rt.limits.tagsPerRelation) throw new SimError(40144);
      r.tag_ids = [...next];
      return {};
    },
  },
];
