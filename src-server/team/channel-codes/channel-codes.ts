// Channel codes (渠道活码): an admin creates a WeCom 「联系我」 code per channel (抖音广告-北京,
// 线下展会-2026秋…) with the enterprise tags it carries. WeCom returns the code's `state` in the
// add_external_contact callback when a customer adds a member through it; the server then puts
// the channel's tags on that new follow relation, once, audited with the code as provenance.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { TeamContext } from '../context';
import { callOk, UpstreamError } from '../upstream';
import { TeamHttpError } from '../http/respond';

export const createChannelCodeSchema = z.object({
  name: z.string().trim().min(1, '请填写渠道名称').max(30, '渠道名称最多 30 个字'),
  /** Enterprise tags a customer gets on adding through the code. */
  tagIds: z.array(z.string().min(1).max(64)).min(1, '请至少选择一个渠道标签').max(20, '一个渠道最多 20 个标签'),
  /** Members a customer may reach through the code (several = in turn). */
  users: z.array(z.string().min(1).max(64)).min(1, '请至少选择一名接待成员').max(100, '最多 100 名接待成员'),
  skipVerify: z.boolean().default(true),
}).strict();
export type CreateChannelCode = z.infer<typeof createChannelCodeSchema>;
export const updateChannelCodeSchema = createChannelCodeSchema.omit({ skipVerify: true });
export type UpdateChannelCode = z.infer<typeof updateChannelCodeSchema>;

export interface ChannelCode {
  id: string;
  name: string;
  state: string;
  configId: string;
  qrCode: string | null;
  tagIds: string[];
  users: string[];
  createdBy: string;
  createdAt: string;
  customers: number;
}

interface Row { id: string; name: string; state: string; config_id: string; qr_code: string | null; tag_ids: string; users: string; created_by: string; created_at: string; n: number }
const toCode = (r: Row): ChannelCode => ({
  id: r.id, name: r.name, state: r.state, configId: r.config_id, qrCode: r.qr_code, tagIds: JSON.parse(r.tag_ids) as string[],
  users: JSON.parse(r.users) as string[], createdBy: r.created_by, createdAt: r.created_at, customers: r.n,
});
const SELECT = `SELECT c.*, (SELECT COUNT(*) FROM channel_code_adds a WHERE a.code_id = c.id) AS n FROM channel_codes c`;

export function listChannelCodes(ctx: TeamContext): ChannelCode[] {
  return (ctx.db.prepare(`${SELECT} WHERE c.deleted_at IS NULL ORDER BY c.created_at DESC`).all() as Row[]).map(toCode);
}

/** Active members who may receive customers through a code (the screen's member picker). */
export function channelCodeMembers(ctx: TeamContext): { userid: string; name: string }[] {
  return ctx.directory.members().filter((m) => m.active).map((m) => ({ userid: m.userid, name: m.name }));
}

async function checkRefs(ctx: TeamContext, input: { tagIds: string[]; users: string[] }): Promise<void> {
  const refs = await ctx.catalog.resolve(input.tagIds);
  const unknown = input.tagIds.filter((id) => !refs.has(id));
  if (unknown.length) throw new TeamHttpError('bad_request', `unknown tags ${unknown.join(',')}`, '所选的渠道标签已不存在，请刷新标签库后重试。');
  const strangers = input.users.filter((u) => !ctx.directory.member(u));
  if (strangers.length) throw new TeamHttpError('bad_request', `unknown members ${strangers.join(',')}`, '接待成员不在通讯录中，请重新选择。');
}

export async function createChannelCode(ctx: TeamContext, input: CreateChannelCode, by: string): Promise<ChannelCode> {
  await checkRefs(ctx, input);
  const id = randomBytes(6).toString('hex');
  // WeCom's state is at most 30 characters; ours names the code, not the channel (names can repeat and change).
  const state = `td-${id}`;
  let res;
  try {
    res = await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/add_contact_way', {}, {
      type: input.users.length === 1 ? 1 : 2, scene: 2, remark: input.name.slice(0, 30), skip_verify: input.skipVerify, state, user: input.users,
    });
  } catch (e) {
    if (e instanceof UpstreamError) throw new TeamHttpError('upstream_unavailable', `add_contact_way refused: ${e.errcode}`, `企业微信未能创建渠道码（错误码 ${e.errcode}），请检查接待成员是否开通了客户联系。`);
    throw e;
  }
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    ctx.db.prepare(`INSERT INTO channel_codes (id, name, state, config_id, qr_code, tag_ids, users, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, input.name, state, String(res.config_id), typeof res.qr_code === 'string' ? res.qr_code : null, JSON.stringify(input.tagIds), JSON.stringify(input.users), by, at);
    ctx.audit.append({ actor: by, source: 'ui', action: 'channelCode.create', target: { kind: 'catalog' }, before: null, after: { channelCode: id, name: input.name, tagIds: input.tagIds, users: input.users } });
  })();
  return toCode(ctx.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Row);
}

/**
 * Renames a code, changes its tags (for customers added from now on; those already tagged keep
 * theirs) or its members. WeCom cannot change a code's type, so a single-member code keeps one member.
 */
export async function updateChannelCode(ctx: TeamContext, id: string, input: UpdateChannelCode, by: string): Promise<ChannelCode> {
  const row = ctx.db.prepare(`SELECT * FROM channel_codes WHERE id = ? AND deleted_at IS NULL`).get(id) as Row | undefined;
  if (!row) throw new TeamHttpError('not_found', `channel code ${id} not found`, '找不到该渠道码，可能已删除。');
  await checkRefs(ctx, input);
  const wasSingle = (JSON.parse(row.users) as string[]).length === 1;
  if (wasSingle && input.users.length !== 1) throw new TeamHttpError('bad_request', 'a single-member code (type 1) takes exactly one user', '单人渠道码只能有一名接待成员；需要多人轮流接待时，请新建一个渠道码。');
  try {
    await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/update_contact_way', {}, { config_id: row.config_id, remark: input.name.slice(0, 30), user: input.users });
  } catch (e) {
    if (e instanceof UpstreamError) throw new TeamHttpError('upstream_unavailable', `update_contact_way refused: ${e.errcode}`, `企业微信未能修改渠道码（错误码 ${e.errcode}），请稍后重试。`);
    throw e;
  }
  ctx.db.transaction(() => {
    ctx.db.prepare(`UPDATE channel_codes SET name = ?, tag_ids = ?, users = ? WHERE id = ?`).run(input.name, JSON.stringify(input.tagIds), JSON.stringify(input.users), id);
    ctx.audit.append({
      actor: by, source: 'ui', action: 'channelCode.update', target: { kind: 'catalog' },
      before: { channelCode: id, name: row.name, tagIds: JSON.parse(row.tag_ids) as string[], users: JSON.parse(row.users) as string[] },
      after: { channelCode: id, name: input.name, tagIds: input.tagIds, users: input.users },
    });
  })();
  return toCode(ctx.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Row);
}

export async function deleteChannelCode(ctx: TeamContext, id: string, by: string): Promise<void> {
  const row = ctx.db.prepare(`SELECT * FROM channel_codes WHERE id = ? AND deleted_at IS NULL`).get(id) as Row | undefined;
  if (!row) throw new TeamHttpError('not_found', `channel code ${id} not found`, '找不到该渠道码，可能已删除。');
  try {
    await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/del_contact_way', {}, { config_id: row.config_id });
  } catch (e) {
    // Already gone in WeCom is fine; anything else must not leave a live code we no longer track.
    if (!(e instanceof UpstreamError) || e.errcode !== 40058) throw new TeamHttpError('upstream_unavailable', `del_contact_way failed: ${(e as Error).message}`, '企业微信暂时无法删除该渠道码，请稍后重试。');
  }
  ctx.db.transaction(() => {
    ctx.db.prepare(`UPDATE channel_codes SET deleted_at = ? WHERE id = ?`).run(ctx.now().toISOString(), id);
    ctx.audit.append({ actor: by, source: 'ui', action: 'channelCode.delete', target: { kind: 'catalog' }, before: { channelCode: id, name: row.name }, after: null });
  })();
}

/**
 * The add_external_contact callback with a State: tags the new relation with the code's tags
 * still in the catalog. Idempotent per relation (WeCom may deliver a callback twice).
 */
export async function applyChannelTags(ctx: TeamContext, userid: string, externalUserid: string, state: string): Promise<string[] | null> {
  const row = ctx.db.prepare(`SELECT * FROM channel_codes WHERE state = ?`).get(state) as Row | undefined;
  if (!row) return null;
  if (ctx.db.prepare(`SELECT 1 FROM channel_code_adds WHERE userid = ? AND external_userid = ?`).get(userid, externalUserid)) return null;
  const wanted = JSON.parse(row.tag_ids) as string[];
  const refs = await ctx.catalog.resolve(wanted);
  const live = wanted.filter((id) => refs.has(id));
  if (live.length === 0) {
    ctx.log.warn({ code: row.id }, 'channel code: none of its tags is in the catalog any more');
    return [];
  }
  await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/mark_tag', {}, { userid, external_userid: externalUserid, add_tag: live });
  ctx.db.transaction(() => {
    ctx.db.prepare(`INSERT OR IGNORE INTO channel_code_adds (code_id, userid, external_userid, tag_ids, at) VALUES (?, ?, ?, ?, ?)`)
      .run(row.id, userid, externalUserid, JSON.stringify(live), ctx.now().toISOString());
    for (const tagId of live) {
      const ref = refs.get(tagId)!;
      ctx.audit.append({
        actor: 'system', onBehalfOf: userid, source: 'channel-code', action: 'tag.add',
        target: { kind: 'relationTag', member: userid, customer: externalUserid, tagId },
        before: null, after: { tagName: ref.tagName, groupName: ref.groupName, channelCode: row.id, channel: row.name },
      });
    }
  })();
  return live;
}
