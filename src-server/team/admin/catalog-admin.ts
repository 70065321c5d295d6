// Catalog administration through the team server, so WeCom stays the source of truth: create,
// rename, reorder and delete groups and tags with add/edit/del_corp_tag. The permission
// engine decides (catalog.manage); groups WeCom says were created elsewhere (60011) are
// read-only to Tagdesk and say so. Deleting a tag first takes a snapshot and keeps the tag
// and every assignment in the recycle bin for 72 h; a tag on more than 200 customers needs an
// admin and a second confirmation, and alerts the security contacts.
import { createHmac, randomBytes } from 'node:crypto';
import { letterId } from './ids';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { callOk, UpstreamError, type WeComJson } from '../upstream';
import { loadRelations } from './relations';
import { createSnapshots } from './snapshots';
import type { BatchProgress } from '../batches/batch-service';

/** Deleting a tag on more customers than this needs an admin and a second confirmation. */
export const WIDE_DELETE_THRESHOLD = 200;
export const RECYCLE_HOURS = 72;
const CONFIRM_TTL_MS = 10 * 60 * 1000;
const confirmKey = randomBytes(32);

export interface RecycleEntry {
  id: string;
  tagId: string;
  tagName: string;
  groupId: string;
  groupName: string;
  assignments: number;
  deletedBy: string;
  deletedAt: string;
  expiresAt: string;
  restoredAt: string | null;
  restoredTagId: string | null;
  restoreBatchId: string | null;
}

interface RecycleRow {
  id: string; tag_id: string; tag_name: string; tag_order: number; group_id: string; group_name: string; assignments: string;
  deleted_by: string; deleted_at: string; expires_at: string; snapshot_id: string | null; restored_at: string | null; restored_tag_id: string | null; restore_batch_id: string | null;
}

interface WeComGroupFull { group_id: string; group_name: string; order?: number; tag?: { id: string; name: string; order?: number; deleted?: boolean }[] }

const READ_ONLY_REASON = '这个标签组是在企业微信管理后台（或其他应用）创建的，Tagdesk 只能查看和使用，不能修改或删除；请在企业微信管理后台操作。';

export type DeleteOutcome =
  | { status: 'confirmation_required'; usage: number; confirmToken: string; message: string }
  | { status: 'deleted'; usage: number; recycled: RecycleEntry[]; snapshotId: string };

export function createCatalogAdmin(ctx: TeamContext) {
  const snapshots = createSnapshots(ctx);
  const originOf = ctx.db.prepare(`SELECT origin FROM catalog_origin WHERE id = ?`).pluck();
  const noteOrigin = ctx.db.prepare(`INSERT INTO catalog_origin (id, kind, origin, noted_by, noted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET origin = excluded.origin`);
  const caller = (userid: string) => ({ userid, deviceId: 'admin' });

  const toEntry = (r: RecycleRow): RecycleEntry => ({
    id: r.id, tagId: r.tag_id, tagName: r.tag_name, groupId: r.group_id, groupName: r.group_name, assignments: (JSON.parse(r.assignments) as unknown[]).length,
    deletedBy: r.deleted_by, deletedAt: r.deleted_at, expiresAt: r.expires_at, restoredAt: r.restored_at, restoredTagId: r.restored_tag_id, restoreBatchId: r.restore_batch_id,
  });

  function requireManage(actor: string, groupId: string | null, names: string[]): void {
    if (groupId && originOf.get(groupId) === 'external') throw new TeamHttpError('forbidden', `group ${groupId} was created outside Tagdesk`, READ_ONLY_REASON);
    const refusal = ctx.governance.manageGroup(caller(actor), groupId, names);
    if (refusal) throw new TeamHttpError('forbidden', refusal.message, refusal.reason);
  }

  /** Calls WeCom; 60011 marks the group read-only and says why, other refusals keep WeCom's errcode. */
  async function wecom(path: string, body: unknown, groupId: string | null, actor: string): Promise<WeComJson> {
    try {
      return await callOk(ctx.upstream, 'POST', path, {}, body);
    } catch (e) {
      if (e instanceof UpstreamError) {
        if (e.errcode === 60011) {
          if (groupId) noteOrigin.run(groupId, 'group', 'external', actor, ctx.now().toISOString());
          throw new TeamHttpError('forbidden', `WeCom: ${e.message}`, READ_ONLY_REASON);
        }
        if (e.errcode === 40071) throw new TeamHttpError('conflict', `WeCom: ${e.message}`, '同名的标签或标签组已经存在。');
        if (e.errcode === 40068) throw new TeamHttpError('not_found', `WeCom: ${e.message}`, '标签或标签组不存在，可能已被删除。');
        throw new TeamHttpError('bad_request', `WeCom: ${e.message}`, `企业微信拒绝了这次修改（错误码 ${e.errcode}）。`);
      }
      throw new TeamHttpError('upstream_unavailable', `WeCom unreachable: ${(e as Error).message}`, '暂时无法连接企业微信，请稍后重试。');
    }
  }

  async function changed(): Promise<void> {
    ctx.catalog.invalidate();
    await ctx.catalog.refresh().catch(() => undefined);
    ctx.events.publish({ kind: 'catalog.changed', source: 'tagdesk' }, '*');
  }

  async function fullGroup(groupId: string): Promise<WeComGroupFull | null> {
    const r = await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/get_corp_tag_list', {}, { group_id: [groupId] });
    return ((r.tag_group as WeComGroupFull[] | undefined) ?? [])[0] ?? null;
  }

  /** Which group a tag id is in, or null for a group id; 404 for neither. */
  async function locate(id: string): Promise<{ kind: 'tag'; groupId: string; name: string } | { kind: 'group'; groupId: string; name: string }> {
    const refs = await ctx.catalog.resolve([id]);
    const ref = refs.get(id);
    if (ref) return { kind: 'tag', groupId: ref.groupId, name: ref.tagName };
    const g = ctx.catalog.groups().find((x) => x.group_id === id);
    if (g) return { kind: 'group', groupId: g.group_id, name: g.group_name };
    throw new TeamHttpError('not_found', `no tag or group ${id}`, '标签或标签组不存在，可能已被删除。');
  }

  const confirmToken = (actor: string, tagIds: string[], usage: number, at: number): string => {
    const mac = createHmac('sha256', confirmKey).update(`${actor}|${tagIds.join(',')}|${usage}|${at}`).digest('base64url');
    return `${at}.${mac}`;
  };
  const confirmOk = (token: string, actor: string, tagIds: string[], usage: number): boolean => {
    const [at, mac] = token.split('.');
    const t = Number(at);
    if (!Number.isFinite(t) || ctx.now().getTime() - t > CONFIRM_TTL_MS || !mac) return false;
    return confirmToken(actor, tagIds, usage, t) === token;
  };

  const admin = {
    snapshots,

    async createGroup(actor: string, input: { groupName: string; order?: number; tags: { name: string; order?: number }[] }): Promise<WeComGroupFull> {
      requireManage(actor, null, [input.groupName, ...input.tags.map((t) => t.name)]);
      if (ctx.catalog.groups().some((g) => g.group_name === input.groupName)) throw new TeamHttpError('conflict', 'group exists', `标签组「${input.groupName}」已经存在，请直接在其中添加标签。`);
      const r = await wecom('/cgi-bin/externalcontact/add_corp_tag', { group_name: input.groupName, order: input.order ?? 0, tag: input.tags.map((t) => ({ name: t.name, order: t.order ?? 0 })) }, null, actor);
      const group = r.tag_group as WeComGroupFull;
      const at = ctx.now().toISOString();
      ctx.db.transaction(() => {
        noteOrigin.run(group.group_id, 'group', 'tagdesk', actor, at);
        for (const t of group.tag ?? []) noteOrigin.run(t.id, 'tag', 'tagdesk', actor, at);
        ctx.audit.append({ actor, source: 'ui', action: 'catalog.create', target: { kind: 'catalog', groupId: group.group_id }, before: null, after: { groupName: group.group_name, tags: (group.tag ?? []).map((t) => t.name) } });
      })();
      await changed();
      return group;
    },

    async createTags(actor: string, groupId: string, tags: { name: string; order?: number }[]): Promise<WeComGroupFull> {
      requireManage(actor, groupId, tags.map((t) => t.name));
      const r = await wecom('/cgi-bin/externalcontact/add_corp_tag', { group_id: groupId, tag: tags.map((t) => ({ name: t.name, order: t.order ?? 0 })) }, groupId, actor);
      const group = r.tag_group as WeComGroupFull;
      const at = ctx.now().toISOString();
      ctx.db.transaction(() => {
        for (const t of group.tag ?? []) {
          noteOrigin.run(t.id, 'tag', 'tagdesk', actor, at);
          ctx.audit.append({ actor, source: 'ui', action: 'catalog.create', target: { kind: 'catalog', groupId, tagId: t.id }, before: null, after: { groupName: group.group_name, tagName: t.name } });
        }
      })();
      await changed();
      return group;
    },

    /** Renames and/or reorders a group or a tag (edit_corp_tag). */
    async edit(actor: string, id: string, change: { name?: string; order?: number }): Promise<void> {
      const where = await locate(id);
      requireManage(actor, where.groupId, change.name ? [change.name] : []);
      await wecom('/cgi-bin/externalcontact/edit_corp_tag', { id, ...(change.name !== undefined ? { name: change.name } : {}), ...(change.order !== undefined ? { order: change.order } : {}) }, where.groupId, actor);
      ctx.audit.append({
        actor, source: 'ui', action: change.name !== undefined ? 'catalog.rename' : 'catalog.reorder',
        target: where.kind === 'tag' ? { kind: 'catalog', groupId: where.groupId, tagId: id } : { kind: 'catalog', groupId: id },
        before: { name: where.name }, after: { ...(change.name !== undefined ? { name: change.name } : {}), ...(change.order !== undefined ? { order: change.order } : {}) },
      });
      await changed();
    },

    /**
     * Deletes tags (or a whole group): snapshot first, then WeCom, then the recycle bin. More
     * than 200 customers: admins only, and only with the token the first call returned.
     */
    async delete(actor: string, ids: { tagIds?: string[]; groupId?: string }, confirm?: string): Promise<DeleteOutcome> {
      let groupId: string;
      let tags: { id: string; name: string; order: number }[];
      const groupFull = async (gid: string) => {
        const g = await fullGroup(gid);
        if (!g) throw new TeamHttpError('not_found', `no group ${gid}`, '标签组不存在，可能已被删除。');
        return g;
      };
      if (ids.groupId) {
        const g = await groupFull(ids.groupId);
        groupId = g.group_id;
        tags = (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name, order: t.order ?? 0 }));
      } else {
        const list = ids.tagIds ?? [];
        if (list.length === 0) throw new TeamHttpError('bad_request', 'no tag ids', '请选择要删除的标签。');
        const first = await locate(list[0]!);
        if (first.kind !== 'tag') throw new TeamHttpError('bad_request', 'use groupId to delete a group', '删除整个标签组请指定标签组。');
        groupId = first.groupId;
        const g = await groupFull(groupId);
        tags = list.map((id) => {
          const t = (g.tag ?? []).find((x) => x.id === id && !x.deleted);
          if (!t) throw new TeamHttpError('bad_request', `tag ${id} is not in group ${groupId}`, '一次只能删除同一标签组里的标签。');
          return { id: t.id, name: t.name, order: t.order ?? 0 };
        });
      }
      requireManage(actor, groupId, []);
      const group = ctx.catalog.groups().find((g) => g.group_id === groupId);
      const members = ctx.directory.members().filter((m) => m.active).map((m) => m.userid);
      const relations = await loadRelations(ctx, members);
      const tagIds = tags.map((t) => t.id);
      const assignments = new Map(tagIds.map((id) => [id, [] as [string, string][]]));
      for (const r of relations) for (const id of r.tagIds) assignments.get(id)?.push([r.userid, r.externalUserid]);
      const usage = new Set([...assignments.values()].flatMap((a) => a.map(([, c]) => c))).size;
      const wide = usage > WIDE_DELETE_THRESHOLD;
      if (wide) {
        if (ctx.directory.member(actor)?.role !== 'admin') {
          throw new TeamHttpError('forbidden', `deleting tags used by ${usage} customers needs an admin`, `这些标签正被 ${usage} 位客户使用（超过 ${WIDE_DELETE_THRESHOLD} 位），只有管理员可以删除。`);
        }
        if (!confirm || !confirmOk(confirm, actor, tagIds, usage)) {
          const at = ctx.now().getTime();
          return { status: 'confirmation_required', usage, confirmToken: confirmToken(actor, tagIds, usage, at), message: `这些标签正被 ${usage} 位客户使用。删除前会自动拍快照，72 小时内可从回收站恢复，并会通知安全联系人。确定要删除吗？` };
        }
      }
      const snapshot = snapshots.takeFrom(actor, `删除标签前：${tags.map((t) => t.name).join('、')}`, relations);
      await wecom('/cgi-bin/externalcontact/del_corp_tag', ids.groupId ? { group_id: [groupId] } : { tag_id: tagIds }, groupId, actor);
      const now = ctx.now();
      const expires = new Date(now.getTime() + RECYCLE_HOURS * 3600_000).toISOString();
      const insert = ctx.db.prepare(`INSERT INTO recycle_bin (id, tag_id, tag_name, tag_order, group_id, group_name, assignments, deleted_by, deleted_at, expires_at, snapshot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const entryIds: string[] = [];
      ctx.db.transaction(() => {
        for (const t of tags) {
          const id = letterId('rb');
          entryIds.push(id);
          insert.run(id, t.id, t.name, t.order, groupId, group?.group_name ?? '', JSON.stringify(assignments.get(t.id) ?? []), actor, now.toISOString(), expires, snapshot.id);
          ctx.audit.append({ actor, source: 'ui', action: 'catalog.delete', target: { kind: 'catalog', groupId, tagId: t.id }, before: { tagName: t.name, groupName: group?.group_name ?? null, assignments: assignments.get(t.id)?.length ?? 0 }, after: { recycleId: id, snapshotId: snapshot.id, expiresAt: expires } });
        }
        if (wide) {
          ctx.audit.append({ actor, source: 'ui', action: 'security.alert', target: { kind: 'catalog', groupId }, before: null, after: { code: 'wide_tag_delete', customers: usage, tags: tags.map((t) => t.name) } });
          const contacts = ctx.directory.members().filter((m) => m.active && m.role === 'admin').map((m) => m.userid);
          ctx.events.append({ kind: 'admin.alert', code: 'wide_tag_delete', message: `${ctx.directory.member(actor)?.name ?? actor} 删除了标签「${tags.map((t) => t.name).join('、')}」，涉及 ${usage} 位客户；可在 72 小时内从回收站恢复。` }, contacts);
        }
      })();
      ctx.events.flush();
      await changed();
      return { status: 'deleted', usage, recycled: entryIds.map((id) => toEntry(ctx.db.prepare(`SELECT * FROM recycle_bin WHERE id = ?`).get(id) as RecycleRow)), snapshotId: snapshot.id };
    },

    recycleBin(includeDone = false): RecycleEntry[] {
      const rows = ctx.db.prepare(`SELECT * FROM recycle_bin ${includeDone ? '' : 'WHERE restored_at IS NULL AND expires_at > ?'} ORDER BY deleted_at DESC LIMIT 500`).all(...(includeDone ? [] : [ctx.now().toISOString()])) as RecycleRow[];
      return rows.map(toEntry);
    },

    /**
     * Recreates a deleted tag in WeCom (in its group, or a group of the same name if that went
     * too) and re-applies every assignment through a batch (source `restore`), old id → new id.
     */
    async restore(actor: string, entryId: string): Promise<{ entry: RecycleEntry; batch: BatchProgress | null }> {
      const row = ctx.db.prepare(`SELECT * FROM recycle_bin WHERE id = ?`).get(entryId) as RecycleRow | undefined;
      if (!row) throw new TeamHttpError('not_found', `no recycle entry ${entryId}`, '回收站里没有这个标签。');
      if (row.restored_at) throw new TeamHttpError('conflict', 'already restored', '这个标签已经恢复过了。');
      if (row.expires_at <= ctx.now().toISOString()) throw new TeamHttpError('conflict', 'expired', `已超过 ${RECYCLE_HOURS} 小时，不能再从回收站恢复；可以查看快照中的记录。`);
      await ctx.catalog.refresh();
      const groupAlive = ctx.catalog.groups().some((g) => g.group_id === row.group_id);
      requireManage(actor, groupAlive ? row.group_id : null, [row.tag_name]);
      const r = await wecom('/cgi-bin/externalcontact/add_corp_tag', groupAlive ? { group_id: row.group_id, tag: [{ name: row.tag_name, order: row.tag_order }] } : { group_name: row.group_name, tag: [{ name: row.tag_name, order: row.tag_order }] }, groupAlive ? row.group_id : null, actor);
      const group = r.tag_group as WeComGroupFull;
      const newTag = (group.tag ?? []).find((t) => t.name === row.tag_name)!;
      const at = ctx.now().toISOString();
      ctx.db.transaction(() => {
        noteOrigin.run(newTag.id, 'tag', 'tagdesk', actor, at);
        if (!groupAlive) noteOrigin.run(group.group_id, 'group', 'tagdesk', actor, at);
        ctx.db.prepare(`UPDATE recycle_bin SET restored_at = ?, restored_by = ?, restored_tag_id = ? WHERE id = ?`).run(at, actor, newTag.id, entryId);
        ctx.audit.append({ actor, source: 'restore', action: 'catalog.restore', target: { kind: 'catalog', groupId: group.group_id, tagId: newTag.id }, before: { tagId: row.tag_id, groupId: row.group_id }, after: { tagId: newTag.id, groupId: group.group_id, tagName: row.tag_name, recycleId: entryId } });
      })();
      await changed();
      const assignments = JSON.parse(row.assignments) as [string, string][];
      let batch: BatchProgress | null = null;
      if (assignments.length > 0) {
        batch = await ctx.batches.create({
          kind: 'restore', source: 'restore', title: `从回收站恢复标签「${row.tag_name}」`, actor, trusted: true,
          changes: assignments.map(([userid, externalUserid]) => ({ userid, externalUserid, add: [newTag.id], remove: [] })),
          current: new Map(), meta: { recycleId: entryId, oldTagId: row.tag_id, newTagId: newTag.id },
        });
        ctx.db.prepare(`UPDATE recycle_bin SET restore_batch_id = ? WHERE id = ?`).run(batch.id, entryId);
      }
      return { entry: toEntry(ctx.db.prepare(`SELECT * FROM recycle_bin WHERE id = ?`).get(entryId) as RecycleRow), batch };
    },

    /** Ids Tagdesk knows were created elsewhere (read-only), for the UI's lock icons and reasons. */
    readOnlyGroups(): { groupId: string; reason: string }[] {
      return (ctx.db.prepare(`SELECT id FROM catalog_origin WHERE kind = 'group' AND origin = 'external'`).pluck().all() as string[]).map((groupId) => ({ groupId, reason: READ_ONLY_REASON }));
    },
  };
  return admin;
}

export type CatalogAdmin = ReturnType<typeof createCatalogAdmin>;
