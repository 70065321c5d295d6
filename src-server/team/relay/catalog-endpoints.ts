// The relay's catalog writes (add/edit/del_corp_tag), authorised like the admin API: the
// permission engine's catalog.manage, and groups known to be created outside Tagdesk are
// read-only. Deletions are not relayed: they go through the admin API, which snapshots first
// and keeps the tag in the recycle bin.
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { Refusal } from './governance';
import type { RelayCall, RelayDeps, RelayEndpoint } from './endpoints';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const READ_ONLY: Refusal = {
  errcode: RELAY_ERRCODES.refusedByPolicy,
  message: 'group created outside Tagdesk is read-only',
  reason: '这个标签组是在企业微信管理后台（或其他应用）创建的，Tagdesk 只能查看和使用，不能修改；请在企业微信管理后台操作。',
};

function isExternal({ ctx }: RelayDeps, id: string): boolean {
  return ctx.db.prepare(`SELECT origin FROM catalog_origin WHERE id = ?`).pluck().get(id) === 'external';
}

async function groupOfId(deps: RelayDeps, id: string): Promise<string | null> {
  const refs = await deps.catalog.resolve([id]);
  return refs.get(id)?.groupId ?? (deps.catalog.groups().some((g) => g.group_id === id) ? id : null);
}

async function announce({ ctx, catalog }: RelayDeps, call: RelayCall, action: string, after: Record<string, string | number | null | string[]>, ids: { groupId?: string; tagId?: string }): Promise<void> {
  ctx.audit.append({ actor: call.caller.userid, source: 'relay', action, target: { kind: 'catalog', ...ids }, before: null, after });
  catalog.invalidate();
  await catalog.refresh().catch(() => undefined);
  ctx.events.publish({ kind: 'catalog.changed', source: 'relay' }, '*');
}

export const catalogRelayEndpoints: readonly RelayEndpoint[] = [
  {
    path: '/cgi-bin/externalcontact/add_corp_tag',
    method: 'POST',
    write: true,
    async authorize(deps, call) {
      const tags = Array.isArray(call.body.tag) ? (call.body.tag as { name?: unknown }[]).map((t) => str(t?.name)) : [];
      let groupId: string | null = str(call.body.group_id) || null;
      const groupName = str(call.body.group_name);
      // WeCom merges a group_name that exists into that group.
      if (!groupId && groupName) groupId = deps.catalog.groups().find((g) => g.group_name === groupName)?.group_id ?? null;
      if (groupId && isExternal(deps, groupId)) return READ_ONLY;
      return deps.governance.manageGroup(call.caller, groupId, [...(groupId ? [] : [groupName]), ...tags]);
    },
    async after(deps, call, response) {
      const g = response.tag_group as { group_id: string; group_name: string; tag?: { id: string; name: string }[] } | undefined;
      if (!g) return;
      const at = deps.ctx.now().toISOString();
      const note = deps.ctx.db.prepare(`INSERT INTO catalog_origin (id, kind, origin, noted_by, noted_at) VALUES (?, ?, 'tagdesk', ?, ?) ON CONFLICT (id) DO NOTHING`);
      deps.ctx.db.transaction(() => {
        note.run(g.group_id, 'group', call.caller.userid, at);
        for (const t of g.tag ?? []) note.run(t.id, 'tag', call.caller.userid, at);
      })();
      await announce(deps, call, 'catalog.create', { groupName: g.group_name, tags: (g.tag ?? []).map((t) => t.name) }, { groupId: g.group_id });
    },
  },
  {
    path: '/cgi-bin/externalcontact/edit_corp_tag',
    method: 'POST',
    write: true,
    async authorize(deps, call) {
      const groupId = await groupOfId(deps, str(call.body.id));
      // Unknown ids are left for WeCom to answer (40068).
      if (groupId === null) return null;
      if (isExternal(deps, groupId)) return READ_ONLY;
      return deps.governance.manageGroup(call.caller, groupId, str(call.body.name) ? [str(call.body.name)] : []);
    },
    async after(deps, call) {
      const id = str(call.body.id);
      await announce(deps, call, typeof call.body.name === 'string' ? 'catalog.rename' : 'catalog.reorder', { name: typeof call.body.name === 'string' ? call.body.name : null, order: typeof call.body.order === 'number' ? call.body.order : null }, { tagId: id });
    },
  },
  {
    path: '/cgi-bin/externalcontact/del_corp_tag',
    method: 'POST',
    write: true,
    authorize: () => ({
      errcode: RELAY_ERRCODES.refusedByPolicy,
      message: 'deletions go through the admin API (snapshot and recycle bin first)',
      reason: '删除标签请在 Tagdesk 的标签管理中操作：删除前会自动拍快照，并放入回收站，72 小时内可恢复。',
    }),
  },
];
