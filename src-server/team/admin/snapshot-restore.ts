// Restoring the catalog and its assignments as of a snapshot (the time machine's "restore as
// of T"). The plan compares the snapshot with WeCom now: groups and tags to recreate, rename
// back or delete, and per relation the tags to re-apply or take off. Restoring snapshots the
// present first, changes the catalog in WeCom (recreated tags get new ids, remapped as the
// recycle bin does; deleted ones land in the recycle bin), then re-applies the assignments as
// one undoable batch (source `restore`). Relations the member added after T are left alone.
import { createHash } from 'node:crypto';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { callOk, UpstreamError, type WeComJson } from '../upstream';
import type { BatchProgress } from '../batches/batch-service';
import type { BatchChange } from '../batches/batch-store';
import type { CatalogAdmin } from './catalog-admin';
import { loadRelations, relationKey, type RelationRow } from './relations';

interface SnapGroup { group_id: string; group_name: string; tag?: { id: string; name: string }[] }
type Assignment = [userid: string, externalUserid: string, tagIds: string[]];

/** Customers shown per tag in the preview. */
const SAMPLE = 5;

export interface RestorePlan {
  snapshotId: string;
  takenAt: string;
  reason: string;
  /** Fingerprint of what the plan would do: the restore refuses if WeCom moved on since the preview. */
  planToken: string;
  groups: {
    /** In the snapshot, gone now: recreated (by name) with their missing tags. */
    recreate: { groupId: string; groupName: string }[];
    /** Created after T: deleted (into the recycle bin). */
    remove: { groupId: string; groupName: string; tags: number }[];
    rename: { groupId: string; now: string; then: string }[];
  };
  tags: {
    /** In the snapshot, gone now: recreated under a new id (`existingTagId` when a tag of that name is back already). */
    recreate: { tagId: string; tagName: string; groupName: string; existingTagId: string | null }[];
    /** Created after T (in groups that stay): deleted into the recycle bin. */
    remove: { tagId: string; tagName: string; groupName: string; customers: number }[];
    rename: { tagId: string; groupName: string; now: string; then: string }[];
  };
  /** Catalog changes Tagdesk may not make (groups created in WeCom's admin console). */
  skipped: { name: string; reason: string }[];
  assignments: {
    relations: number;
    customers: number;
    add: number;
    remove: number;
    /** Relations tagged at T whose member no longer follows the customer (or left): nothing to restore. */
    gone: number;
    /** Relations added after T: left as they are. */
    newer: number;
    perTag: { tagId: string; tagName: string; groupName: string; add: number; remove: number; sample: { externalUserid: string; name: string }[] }[];
  };
}

export interface RestoreOutcome {
  plan: RestorePlan;
  preRestoreSnapshotId: string;
  /** Old tag id → the id it has now (recreated or found under its name). */
  remap: Record<string, string>;
  /** Catalog changes WeCom refused as made in its admin console (the plan's, and any found while restoring). */
  skipped: { name: string; reason: string }[];
  batch: BatchProgress | null;
}

/** Batch titles are read in China: the company's time, not the server's. */
const chinaTime = (iso: string): string => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
};

const READ_ONLY = '这个标签组是在企业微信管理后台创建的，Tagdesk 不能修改，恢复时跳过。';

export function createSnapshotRestore(ctx: TeamContext, admin: CatalogAdmin) {
  const getSnap = ctx.db.prepare(`SELECT id, taken_at, reason, catalog, assignments FROM snapshots WHERE id = ?`);
  const originOf = ctx.db.prepare(`SELECT origin FROM catalog_origin WHERE id = ?`).pluck();
  const noteOrigin = ctx.db.prepare(`INSERT INTO catalog_origin (id, kind, origin, noted_by, noted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET origin = excluded.origin`);
  const recycledOrder = ctx.db.prepare(`SELECT tag_order FROM recycle_bin WHERE tag_id = ? ORDER BY deleted_at DESC LIMIT 1`).pluck();
  const readOnly = (groupId: string): boolean => originOf.get(groupId) === 'external';

  interface Working {
    plan: RestorePlan;
    snapCatalog: SnapGroup[];
    snapAssignments: Map<string, string[]>;
    relations: RelationRow[];
    /** Old id → current id, for tags found again under their name. */
    found: Map<string, string>;
    /** Tags to recreate, grouped by the group they go into (an existing group id, or a name to create). */
    creates: { groupId: string | null; groupName: string; tags: { oldId: string; name: string; order: number }[] }[];
    cutoff: number;
  }

  async function compute(snapshotId: string): Promise<Working> {
    const snap = getSnap.get(snapshotId) as { id: string; taken_at: string; reason: string; catalog: string; assignments: string } | undefined;
    if (!snap) throw new TeamHttpError('not_found', `no snapshot ${snapshotId}`, '找不到这个快照。');
    ctx.catalog.invalidate();
    await ctx.catalog.refresh();
    const then = JSON.parse(snap.catalog) as SnapGroup[];
    const nowGroups = ctx.catalog.groups().map((g) => ({ group_id: g.group_id, group_name: g.group_name, tag: (g.tag ?? []).filter((t) => !t.deleted) }));
    const nowTag = new Map(nowGroups.flatMap((g) => g.tag.map((t) => [t.id, { ...t, groupId: g.group_id, groupName: g.group_name }] as const)));
    const thenTagIds = new Set(then.flatMap((g) => (g.tag ?? []).map((t) => t.id)));
    const plan: RestorePlan = {
      snapshotId, takenAt: snap.taken_at, reason: snap.reason, planToken: '',
      groups: { recreate: [], remove: [], rename: [] },
      tags: { recreate: [], remove: [], rename: [] },
      skipped: [],
      assignments: { relations: 0, customers: 0, add: 0, remove: 0, gone: 0, newer: 0, perTag: [] },
    };
    const found = new Map<string, string>();
    const creates: Working['creates'] = [];
    /** Current groups that stand for a snapshot group (same id, or same name when the id went). */
    const claimed = new Set<string>();
    for (const g of then) {
      const sameId = nowGroups.find((x) => x.group_id === g.group_id);
      const target = sameId ?? nowGroups.find((x) => x.group_name === g.group_name && !then.some((y) => y.group_id === x.group_id));
      if (target) claimed.add(target.group_id);
      if (target && readOnly(target.group_id)) {
        const differs = (g.tag ?? []).some((t) => nowTag.get(t.id)?.name !== t.name) || sameId?.group_name !== g.group_name;
        if (differs) plan.skipped.push({ name: g.group_name, reason: READ_ONLY });
        continue;
      }
      if (!target) plan.groups.recreate.push({ groupId: g.group_id, groupName: g.group_name });
      else if (sameId && sameId.group_name !== g.group_name) plan.groups.rename.push({ groupId: g.group_id, now: sameId.group_name, then: g.group_name });
      const missing: { oldId: string; name: string; order: number }[] = [];
      for (const t of g.tag ?? []) {
        const cur = nowTag.get(t.id);
        if (cur) {
          if (cur.name !== t.name) plan.tags.rename.push({ tagId: t.id, groupName: g.group_name, now: cur.name, then: t.name });
          continue;
        }
        // Back already under its name (restored from the recycle bin, or recreated by hand): remap.
        const again = target?.tag.find((x) => x.name === t.name && !thenTagIds.has(x.id));
        if (again) found.set(t.id, again.id);
        else missing.push({ oldId: t.id, name: t.name, order: (recycledOrder.get(t.id) as number | undefined) ?? 0 });
        plan.tags.recreate.push({ tagId: t.id, tagName: t.name, groupName: g.group_name, existingTagId: again?.id ?? null });
      }
      if (missing.length > 0) creates.push({ groupId: target?.group_id ?? null, groupName: g.group_name, tags: missing });
    }
    const foundIds = new Set(found.values());
    const foundBack = new Map([...found].map(([oldId, nowId]) => [nowId, oldId]));
    const relations = await loadRelations(ctx, ctx.directory.members().filter((m) => m.active).map((m) => m.userid));
    const customersOf = (tagId: string) => new Set(relations.filter((r) => r.tagIds.includes(tagId)).map((r) => r.externalUserid)).size;
    for (const g of nowGroups) {
      if (!claimed.has(g.group_id)) {
        if (readOnly(g.group_id)) plan.skipped.push({ name: g.group_name, reason: READ_ONLY });
        else plan.groups.remove.push({ groupId: g.group_id, groupName: g.group_name, tags: g.tag.length });
        continue;
      }
      if (readOnly(g.group_id)) continue;
      for (const t of g.tag) {
        if (!thenTagIds.has(t.id) && !foundIds.has(t.id)) plan.tags.remove.push({ tagId: t.id, tagName: t.name, groupName: g.group_name, customers: customersOf(t.id) });
      }
    }

    // Assignments: each relation that existed at T gets back exactly the snapshot's tags among
    // those the restore manages (the snapshot's catalog, outside read-only groups).
    const snapAssignments = new Map((JSON.parse(snap.assignments) as Assignment[]).map(([u, c, tags]) => [relationKey(u, c), tags] as const));
    const cutoff = Date.parse(snap.taken_at);
    // Assignments of read-only groups' tags can still be changed (mark_tag takes any tag).
    const managed = new Set(then.flatMap((g) => (g.tag ?? []).map((t) => t.id)));
    const names = new Map(then.flatMap((g) => (g.tag ?? []).map((t) => [t.id, { tagName: t.name, groupName: g.group_name }] as const)));
    const perTag = new Map<string, RestorePlan['assignments']['perTag'][number]>();
    const tally = (tagId: string, kind: 'add' | 'remove', r: RelationRow) => {
      const n = names.get(tagId) ?? { tagName: tagId, groupName: '' };
      const e = perTag.get(tagId) ?? { tagId, ...n, add: 0, remove: 0, sample: [] };
      e[kind]++;
      if (e.sample.length < SAMPLE && !e.sample.some((s) => s.externalUserid === r.externalUserid)) e.sample.push({ externalUserid: r.externalUserid, name: r.customerName });
      perTag.set(tagId, e);
    };
    const seen = new Set<string>();
    const touched = new Set<string>();
    for (const r of relations) {
      const key = relationKey(r.userid, r.externalUserid);
      seen.add(key);
      if (r.createtime * 1000 > cutoff) {
        plan.assignments.newer++;
        continue;
      }
      const want = new Set((snapAssignments.get(key) ?? []).filter((id) => managed.has(id)));
      // A current tag counts as the old one it stands for (remapped after a recycle-bin restore).
      const has = new Set(r.tagIds.map((id) => foundBack.get(id) ?? id));
      const add = [...want].filter((id) => !has.has(id));
      const remove = [...has].filter((id) => managed.has(id) && !want.has(id));
      if (add.length + remove.length === 0) continue;
      plan.assignments.relations++;
      touched.add(r.externalUserid);
      plan.assignments.add += add.length;
      plan.assignments.remove += remove.length;
      for (const id of add) tally(id, 'add', r);
      for (const id of remove) tally(id, 'remove', r);
    }
    for (const key of snapAssignments.keys()) if (!seen.has(key)) plan.assignments.gone++;
    plan.assignments.customers = touched.size;
    plan.assignments.perTag = [...perTag.values()].sort((a, b) => b.add + b.remove - (a.add + a.remove));
    plan.planToken = createHash('sha256').update(JSON.stringify({ ...plan, planToken: '' })).digest('base64url').slice(0, 32);
    return { plan, snapCatalog: then, snapAssignments, relations, found, creates, cutoff };
  }

  /** Calls WeCom; null when WeCom says the group was made in its admin console (60011), noted as read-only. */
  async function wecom(path: string, body: unknown, groupId: string | null, actor: string): Promise<WeComJson | null> {
    try {
      return await callOk(ctx.upstream, 'POST', path, {}, body);
    } catch (e) {
      if (e instanceof UpstreamError && e.errcode === 60011) {
        if (groupId) noteOrigin.run(groupId, 'group', 'external', actor, ctx.now().toISOString());
        return null;
      }
      if (e instanceof UpstreamError) throw new TeamHttpError('bad_request', `WeCom: ${e.message}`, `企业微信拒绝了恢复中的一步（错误码 ${e.errcode}），已完成的部分保留；请重新预览后再试。`);
      throw new TeamHttpError('upstream_unavailable', `WeCom unreachable: ${(e as Error).message}`, '暂时无法连接企业微信，请稍后重试。');
    }
  }

  return {
    async preview(snapshotId: string): Promise<RestorePlan> {
      return (await compute(snapshotId)).plan;
    },

    async restore(actor: string, snapshotId: string, planToken: string): Promise<RestoreOutcome> {
      const w = await compute(snapshotId);
      const { plan } = w;
      if (plan.planToken !== planToken) throw new TeamHttpError('conflict', 'the state changed since the preview', '预览之后标签或客户又有了变化，请重新预览后再恢复。');
      const nothing = plan.groups.recreate.length + plan.groups.remove.length + plan.groups.rename.length + plan.tags.recreate.filter((t) => !t.existingTagId).length + plan.tags.remove.length + plan.tags.rename.length + plan.assignments.relations === 0;
      if (nothing) throw new TeamHttpError('conflict', 'nothing to restore', '现在的标签和分配与这个快照一致，无需恢复。');
      const when = plan.takenAt;
      // The present first, so the restore itself can be looked at and undone from the time machine.
      const pre = admin.snapshots.takeFrom(actor, `时光机恢复前（恢复到 ${chinaTime(when)}）`, w.relations);

      // 1. What was created after T goes to the recycle bin (the delete path: alerts included).
      for (const g of plan.groups.remove) {
        const out = await admin.delete(actor, { groupId: g.groupId });
        if (out.status === 'confirmation_required') await admin.delete(actor, { groupId: g.groupId }, out.confirmToken);
      }
      const byGroup = new Map<string, string[]>();
      for (const t of plan.tags.remove) {
        const gid = ctx.catalog.groupIdOf(t.tagId);
        if (gid) byGroup.set(gid, [...(byGroup.get(gid) ?? []), t.tagId]);
      }
      for (const ids of byGroup.values()) {
        const out = await admin.delete(actor, { tagIds: ids });
        if (out.status === 'confirmation_required') await admin.delete(actor, { tagIds: ids }, out.confirmToken);
      }
      // 2. Names back.
      const skipped = [...plan.skipped];
      for (const g of plan.groups.rename) {
        if (!(await wecom('/cgi-bin/externalcontact/edit_corp_tag', { id: g.groupId, name: g.then }, g.groupId, actor))) {
          skipped.push({ name: g.now, reason: READ_ONLY });
          continue;
        }
        ctx.audit.append({ actor, source: 'restore', action: 'catalog.rename', target: { kind: 'catalog', groupId: g.groupId }, before: { name: g.now }, after: { name: g.then, snapshotId } });
      }
      for (const t of plan.tags.rename) {
        if (!(await wecom('/cgi-bin/externalcontact/edit_corp_tag', { id: t.tagId, name: t.then }, ctx.catalog.groupIdOf(t.tagId) ?? null, actor))) {
          skipped.push({ name: t.now, reason: READ_ONLY });
          continue;
        }
        ctx.audit.append({ actor, source: 'restore', action: 'catalog.rename', target: { kind: 'catalog', groupId: ctx.catalog.groupIdOf(t.tagId) ?? '', tagId: t.tagId }, before: { name: t.now }, after: { name: t.then, snapshotId } });
      }
      // 3. Tags gone since T come back under new ids.
      const remap = new Map(w.found);
      for (const c of w.creates) {
        const tags = c.tags.map((t) => ({ name: t.name, order: t.order }));
        const r = await wecom('/cgi-bin/externalcontact/add_corp_tag', c.groupId ? { group_id: c.groupId, tag: tags } : { group_name: c.groupName, tag: tags }, c.groupId, actor);
        if (!r) {
          skipped.push({ name: c.groupName, reason: READ_ONLY });
          continue;
        }
        const group = r.tag_group as { group_id: string; group_name: string; tag?: { id: string; name: string }[] };
        const at = ctx.now().toISOString();
        ctx.db.transaction(() => {
          if (!c.groupId) noteOrigin.run(group.group_id, 'group', 'tagdesk', actor, at);
          for (const t of c.tags) {
            const made = (group.tag ?? []).find((x) => x.name === t.name);
            if (!made) continue;
            remap.set(t.oldId, made.id);
            noteOrigin.run(made.id, 'tag', 'tagdesk', actor, at);
            ctx.audit.append({ actor, source: 'restore', action: 'catalog.restore', target: { kind: 'catalog', groupId: group.group_id, tagId: made.id }, before: { tagId: t.oldId }, after: { tagId: made.id, groupId: group.group_id, tagName: t.name, snapshotId } });
          }
        })();
      }
      ctx.catalog.invalidate();
      await ctx.catalog.refresh().catch(() => undefined);
      ctx.events.publish({ kind: 'catalog.changed', source: 'tagdesk' }, '*');

      // 4. Assignments as of T, with the new ids, as one batch.
      const managed = new Set(w.snapCatalog.flatMap((g) => (g.tag ?? []).map((t) => t.id)));
      const toNow = (id: string) => remap.get(id) ?? id;
      const nowToOld = new Map([...remap].map(([o, n]) => [n, o]));
      const changes: BatchChange[] = [];
      const current = new Map<string, readonly string[]>();
      for (const r of w.relations) {
        if (r.createtime * 1000 > w.cutoff) continue;
        const key = relationKey(r.userid, r.externalUserid);
        const want = new Set((w.snapAssignments.get(key) ?? []).filter((id) => managed.has(id)));
        const has = new Set(r.tagIds.map((id) => nowToOld.get(id) ?? id));
        const add = [...want].filter((id) => !has.has(id) && (remap.has(id) || ctx.catalog.groupIdOf(id))).map(toNow);
        const remove = [...has].filter((id) => managed.has(id) && !want.has(id)).map(toNow);
        if (add.length + remove.length === 0) continue;
        changes.push({ userid: r.userid, externalUserid: r.externalUserid, add, remove });
        current.set(key, r.tagIds);
      }
      let batch: BatchProgress | null = null;
      if (changes.length > 0) {
        batch = await ctx.batches.create({
          kind: 'restore', source: 'restore', title: `恢复到 ${chinaTime(when)} 的快照（${plan.assignments.customers} 位客户）`, actor, trusted: true,
          changes, current, meta: { snapshotId, asOf: when, remap: Object.fromEntries(remap) },
        });
      }
      // Recycle-bin entries of the tags now back are settled: they cannot be restored twice.
      const at = ctx.now().toISOString();
      ctx.db.transaction(() => {
        for (const [oldId, newId] of remap) {
          ctx.db.prepare(`UPDATE recycle_bin SET restored_at = ?, restored_by = ?, restored_tag_id = ?, restore_batch_id = ? WHERE tag_id = ? AND restored_at IS NULL`).run(at, actor, newId, batch?.id ?? null, oldId);
        }
        ctx.audit.append({
          actor, source: 'restore', action: 'snapshot.restore', target: { kind: 'catalog' }, before: { snapshotId: pre.id },
          after: { snapshotId, asOf: when, batchId: batch?.id ?? null, recreated: remap.size, renamed: plan.tags.rename.length + plan.groups.rename.length, removed: plan.tags.remove.length + plan.groups.remove.length, relations: changes.length },
        });
      })();
      return { plan, preRestoreSnapshotId: pre.id, remap: Object.fromEntries(remap), skipped, batch };
    },
  };
}
