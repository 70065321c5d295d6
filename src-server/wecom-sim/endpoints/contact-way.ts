// 「联系我」 (channel QR codes, official page 92228): add, get, list, update, delete. A code
// carries a `state` (≤ 30 characters) that WeCom returns in the add_external_contact callback
// when a customer adds a member through it. Type 1 = one member, 2 = several (round-robin);
// scene 1 = mini-program button, 2 = QR code (only scene 2 returns qr_code).
import { SimError } from '../errors';
import type { ContactWay } from '../runtime';
import { charLen, optString, optStringArray, reqString, type SimContext, type SimEndpoint } from './types';

const MAX_WAYS = 50_000;

function members(ctx: SimContext, type: 1 | 2): { user: string[]; party: number[] } {
  const user = optStringArray(ctx.body, 'user', 100) ?? [];
  const rawParty = ctx.body.party ?? [];
  if (!Array.isArray(rawParty) || rawParty.some((d) => typeof d !== 'number') || rawParty.length > 100) throw new SimError(40058, 'invalid parameter: party');
  const party = rawParty as number[];
  if (user.length === 0 && party.length === 0) throw new SimError(40063, 'user and party are both empty');
  if (type === 1 && (user.length !== 1 || party.length > 0)) throw new SimError(40058, 'invalid parameter: a single-member code (type 1) takes exactly one user');
  for (const u of user) if (!ctx.rt.state.members.has(u)) throw new SimError(40003, `invalid userid: ${u}`);
  for (const d of party) if (!ctx.rt.company.departments.some((x) => x.id === d)) throw new SimError(60123);
  return { user, party };
}

function wayOf(ctx: SimContext): ContactWay {
  const id = reqString(ctx.body, 'config_id');
  const way = ctx.rt.contactWays.get(id);
  if (!way) throw new SimError(40058, `invalid parameter: config_id ${id} does not exist`);
  return way;
}

const view = (w: ContactWay) => ({
  config_id: w.config_id, type: w.type, scene: w.scene, remark: w.remark, skip_verify: w.skip_verify, state: w.state,
  user: w.user, party: w.party, ...(w.scene === 2 ? { qr_code: w.qr_code } : {}),
});

function stateOf(ctx: SimContext): string | undefined {
  const state = optString(ctx.body, 'state');
  if (state !== undefined && charLen(state) > 30) throw new SimError(40058, 'invalid parameter: state exceeds 30 characters');
  return state;
}

export const contactWayEndpoints: SimEndpoint[] = [
  {
    path: 'externalcontact/add_contact_way',
    method: 'POST',
    auth: 'token',
    handle(ctx) {
      const type = ctx.body.type;
      const scene = ctx.body.scene;
      if (type !== 1 && type !== 2) throw new SimError(40058, 'invalid parameter: type must be 1 or 2');
      if (scene !== 1 && scene !== 2) throw new SimError(40058, 'invalid parameter: scene must be 1 or 2');
      if (ctx.rt.contactWays.size >= MAX_WAYS) throw new SimError(40058, 'invalid parameter: too many contact ways');
      const { user, party } = members(ctx, type);
      const remark = optString(ctx.body, 'remark', { maxChars: 30 }) ?? '';
      const id = ctx.rt.state.newId('', 32);
      const way: ContactWay = {
        config_id: id, type, scene, remark, skip_verify: ctx.body.skip_verify !== false, state: stateOf(ctx) ?? '', user, party,
        qr_code: `https://wework.qpic.cn/wwpic/sim/${id}/0`, next: 0,
      };
      ctx.rt.contactWays.set(id, way);
      return { config_id: id, ...(scene === 2 ? { qr_code: way.qr_code } : {}) };
    },
  },
  {
    path: 'externalcontact/get_contact_way',
    method: 'POST',
    auth: 'token',
    read: true,
    handle(ctx) {
      return { contact_way: view(wayOf(ctx)) };
    },
  },
  {
    path: 'externalcontact/list_contact_way',
    method: 'POST',
    auth: 'token',
    read: true,
    handle(ctx) {
      const limit = typeof ctx.body.limit === 'number' ? Math.min(1000, Math.max(1, ctx.body.limit)) : 100;
      const cursor = typeof ctx.body.cursor === 'string' && ctx.body.cursor ? Number(ctx.body.cursor) : 0;
      const all = [...ctx.rt.contactWays.values()];
      const page = all.slice(cursor, cursor + limit);
      return { contact_way: page.map((w) => ({ config_id: w.config_id })), ...(cursor + limit < all.length ? { next_cursor: String(cursor + limit) } : {}) };
    },
  },
  {
    path: 'externalcontact/update_contact_way',
    method: 'POST',
    auth: 'token',
    writeKeys: (ctx) => [`contact_way:${String(ctx.body.config_id)}`],
    handle(ctx) {
      const way = wayOf(ctx);
      if (ctx.body.user !== undefined || ctx.body.party !== undefined) Object.assign(way, members(ctx, way.type));
      const remark = optString(ctx.body, 'remark', { maxChars: 30 });
      if (remark !== undefined) way.remark = remark;
      const state = stateOf(ctx);
      if (state !== undefined) way.state = state;
      if (typeof ctx.body.skip_verify === 'boolean') way.skip_verify = ctx.body.skip_verify;
      return {};
    },
  },
  {
    path: 'externalcontact/del_contact_way',
    method: 'POST',
    auth: 'token',
    handle(ctx) {
      const way = wayOf(ctx);
      ctx.rt.contactWays.delete(way.config_id);
      return {};
    },
  },
];
