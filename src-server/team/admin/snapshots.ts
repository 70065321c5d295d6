// The time machine: snapshots of the catalog and every relation's enterprise tags, taken on a
// schedule and before every destructive action. "Customer X's tags as of T" starts from the
// newest snapshot at or before T and replays the audited tag changes up to T, or from the
// oldest snapshot after T (or WeCom now) and rolls the audited changes after T back.
import { letterId } from './ids';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { loadRelations, type RelationRow } from './relations';
import { callOk } from '../upstream';

export interface SnapshotSummary {
  id: string;
  takenAt: string;
  reason: string;
  takenBy: string;
  groups: number;
  tags: number;
  relations: number;
}

interface CatalogGroup { group_id: string; group_name: string; tag?: { id: string; name: string; deleted?: boolean }[] }
type Assignment = [userid: string, externalUserid: string, tagIds: string[]];

export interface TagsAsOf {
  externalUserid: string;
  at: string;
  basis: 'snapshot' | 'current';
  snapshotId: string | null;
  relations: { userid: string; tags: { tagId: string; tagName: string | null; groupName: string | null }[] }[];
}

export interface CatalogDiff {
  snapshotId: string;
  takenAt: string;
  /** In the snapshot, gone now (restorable from the recycle bin within 72 h). */
  removed: { groupName: string; tagName: string; tagId: string }[];
  /** New since the snapshot. */
  added: { groupName: string; tagName: string; tagId: string }[];
  renamed: { tagId: string; from: string; to: string }[];
}

export const DEFAULT_SNAPSHOT_INTERVAL_MS = 24 * 3600_000;

export function createSnapshots(ctx: TeamContext) {
  const insert = ctx.db.prepare(`INSERT INTO snapshots (id, taken_at, reason, taken_by, catalog, assignments) VALUES (?, ?, ?, ?, ?, ?)`);
  const get = ctx.db.prepare(`SELECT * FROM snapshots WHERE id = ?`);
  const latestBefore = ctx.db.prepare(`SELECT * FROM snapshots WHERE taken_at <= ? ORDER BY taken_at DESC LIMIT 1`);
  const earliestAfter = ctx.db.prepare(`SELECT * FROM snapshots WHERE taken_at > ? ORDER BY taken_at LIMIT 1`);
  type Row = { id: string; taken_at: string; reason: string; taken_by: string; catalog: string; assignments: string };

  const summary = (r: Row): SnapshotSummary => {
    const catalog = JSON.parse(r.catalog) as CatalogGroup[];
    return { id: r.id, takenAt: r.taken_at, reason: r.reason, takenBy: r.taken_by, groups: catalog.length, tags: catalog.reduce((n, g) => n + (g.tag ?? []).length, 0), relations: (JSON.parse(r.assignments) as unknown[]).length };
  };

  const names = (catalog: readonly CatalogGroup[]) => new Map(catalog.flatMap((g) => (g.tag ?? []).map((t) => [t.id, { tagName: t.name, groupName: g.group_name }] as const)));

  const snapshots = {
    /** Stores a snapshot of the catalog copy and the given relations (already read from WeCom). */
    takeFrom(actor: string, reason: string, relations: readonly RelationRow[]): SnapshotSummary {
      const id = letterId('snap');
      const catalog = ctx.catalog.groups().map((g) => ({ group_id: g.group_id, group_name: g.group_name, tag: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ id: t.id, name: t.name })) }));
      const assignments: Assignment[] = relations.filter((r) => r.tagIds.length > 0).map((r) => [r.userid, r.externalUserid, r.tagIds]);
      ctx.db.transaction(() => {
        insert.run(id, ctx.now().toISOString(), reason, actor, JSON.stringify(catalog), JSON.stringify(assignments));
        ctx.audit.append({ actor, source: 'ui', action: 'snapshot.take', target: { kind: 'catalog' }, before: null, after: { snapshotId: id, reason, relations: assignments.length } });
      })();
      return summary(get.get(id) as Row);
    },

    async take(actor: string, reason: string): Promise<SnapshotSummary> {
      await ctx.catalog.refresh();
      const relations = await loadRelations(ctx, ctx.directory.members().filter((m) => m.active).map((m) => m.userid));
      return snapshots.takeFrom(actor, reason, relations);
    },

    list(limit = 200): SnapshotSummary[] {
      return (ctx.db.prepare(`SELECT * FROM snapshots ORDER BY taken_at DESC LIMIT ?`).all(limit) as Row[]).map(summary);
    },

    /** One customer's enterprise tags as of `at`, on the relations and groups `viewer` may see. */
    async tagsAsOf(viewer: string, externalUserid: string, at: string): Promise<TagsAsOf> {
      const caller = { userid: viewer, deviceId: 'time-machine' };
      const visible = ctx.governance.visibleGroups(caller);
      const mayRead = (userid: string): boolean => ctx.governance.readRelations(caller, userid) === null;
      const state = new Map<string, Set<string>>();
      type Change = { at: string; member: string; action: string; tagId: string };
      const changes = (ctx.db.prepare(`SELECT at, member, action, body FROM audit_events WHERE customer = ? AND action IN ('tag.add', 'tag.remove') ORDER BY at, chain_id, seq`).all(externalUserid) as { at: string; member: string; action: string; body: string }[])
        .map((r): Change => ({ at: r.at, member: r.member, action: r.action, tagId: (JSON.parse(r.body) as { target: { tagId?: string } }).target.tagId ?? '' }));
      let catalog: CatalogGroup[] = ctx.catalog.groups() as CatalogGroup[];
      const apply = (c: Change, forward: boolean): void => {
        const s = state.get(c.member) ?? new Set<string>();
        if ((c.action === 'tag.add') === forward) s.add(c.tagId);
        else s.delete(c.tagId);
        state.set(c.member, s);
      };
      // Prefer the newest snapshot at or before T (replay forward); else the oldest after T (roll
      // back to T) — it also covers tags deleted since; else WeCom now, rolled back to T.
      // "Now" is WeCom's own state, not a snapshot replayed (deletes and changes made in WeCom's
      // client leave no tag-level audit events to replay).
      const isNow = Date.parse(at) >= ctx.now().getTime() - 1000;
      const snap = isNow ? undefined : ((latestBefore.get(at) as Row | undefined) ?? (earliestAfter.get(at) as Row | undefined));
      if (snap) {
        for (const [userid, ext, tags] of JSON.parse(snap.assignments) as Assignment[]) if (ext === externalUserid) state.set(userid, new Set(tags));
        if (snap.taken_at <= at) {
          for (const c of changes) if (c.at > snap.taken_at && c.at <= at) apply(c, true);
        } else {
          for (const c of [...changes].reverse()) if (c.at > at && c.at <= snap.taken_at) apply(c, false);
        }
        catalog = JSON.parse(snap.catalog) as CatalogGroup[];
      } else {
        let r;
        try {
          r = await callOk(ctx.upstream, 'GET', '/cgi-bin/externalcontact/get', { external_userid: externalUserid });
        } catch {
          throw new TeamHttpError('not_found', `customer ${externalUserid} not readable`, '找不到这位客户。');
        }
        for (const f of (r.follow_user as { userid: string; tags?: { tag_id?: string; type?: number }[] }[] | undefined) ?? []) {
          state.set(f.userid, new Set((f.tags ?? []).filter((t) => t.type === 1 && t.tag_id).map((t) => t.tag_id!)));
        }
        for (const c of [...changes].reverse()) if (c.at > at) apply(c, false);
      }
      // A tag deleted at or before T was on nobody at T (a delete writes no per-relation events).
      const deletedBy = ctx.db.prepare(`SELECT tag_id FROM recycle_bin WHERE deleted_at <= ?`).pluck().all(at) as string[];
      for (const tags of state.values()) for (const id of deletedBy) tags.delete(id);
      // Names of tags deleted since come from the snapshot's catalog or the recycle bin.
      const known = names([...catalog, ...(ctx.catalog.groups() as CatalogGroup[])]);
      for (const r of ctx.db.prepare(`SELECT tag_id, tag_name, group_name, group_id FROM recycle_bin`).all() as { tag_id: string; tag_name: string; group_name: string }[]) {
        if (!known.has(r.tag_id)) known.set(r.tag_id, { tagName: r.tag_name, groupName: r.group_name });
      }
      const groupOf = new Map(catalog.flatMap((g) => (g.tag ?? []).map((t) => [t.id, g.group_id] as const)));
      return {
        externalUserid, at, basis: snap ? 'snapshot' : 'current', snapshotId: snap?.id ?? null,
        relations: [...state.entries()].filter(([userid]) => mayRead(userid)).map(([userid, tags]) => ({
          userid,
          tags: [...tags].filter((id) => !visible || !groupOf.has(id) || visible(groupOf.get(id)!)).map((tagId) => ({ tagId, tagName: known.get(tagId)?.tagName ?? null, groupName: known.get(tagId)?.groupName ?? null })),
        })),
      };
    },

    /** What restoring the catalog as of a snapshot would change: a preview, nothing is written. */
    async diff(snapshotId: string): Promise<CatalogDiff> {
      const snap = get.get(snapshotId) as Row | undefined;
      if (!snap) throw new TeamHttpError('not_found', `no snapshot ${snapshotId}`, '找不到这个快照。');
      await ctx.catalog.refresh();
      const then = JSON.parse(snap.catalog) as CatalogGroup[];
      const flat = (c: readonly CatalogGroup[]) => new Map(c.flatMap((g) => (g.tag ?? []).filter((t) => !t.deleted).map((t) => [t.id, { groupName: g.group_name, tagName: t.name, tagId: t.id }] as const)));
      const a = flat(then);
      const b = flat(ctx.catalog.groups());
      return {
        snapshotId, takenAt: snap.taken_at,
        removed: [...a.values()].filter((t) => !b.has(t.tagId)),
        added: [...b.values()].filter((t) => !a.has(t.tagId)),
        renamed: [...a.values()].filter((t) => b.has(t.tagId) && b.get(t.tagId)!.tagName !== t.tagName).map((t) => ({ tagId: t.tagId, from: t.tagName, to: b.get(t.tagId)!.tagName })),
      };
    },
  };
  return snapshots;
}

export type Snapshots = ReturnType<typeof createSnapshots>;

export const DEFAULT_SNAPSHOT_RETENTION_DAYS = 30;
/** Snapshots always kept, however old (a quiet company still has a point to go back to). */
const KEEP_NEWEST = 3;
export const SCHEDULED_REASON = '定时快照';
/** setTimeout's longest delay. */
const MAX_DELAY = 2 ** 31 - 1;

export interface SnapshotSchedule {
  /** How long snapshots are kept (scheduled, manual and pre-delete alike); the newest three always stay. */
  retentionDays?: number;
  /** The wait after a start before a snapshot that is due (or the first one ever) is taken. */
  graceMs?: number;
}

/** Deletes snapshots older than the retention, keeping the newest few; returns how many went. */
export function pruneSnapshots(ctx: TeamContext, retentionDays = DEFAULT_SNAPSHOT_RETENTION_DAYS): number {
  const cutoff = new Date(ctx.now().getTime() - retentionDays * 24 * 3600_000).toISOString();
  return ctx.db.transaction(() => {
    const gone = ctx.db.prepare(`DELETE FROM snapshots WHERE taken_at < ? AND id NOT IN (SELECT id FROM snapshots ORDER BY taken_at DESC LIMIT ?)`).run(cutoff, KEEP_NEWEST).changes;
    if (gone > 0) ctx.audit.append({ actor: 'system', source: 'automation', action: 'snapshot.prune', target: { kind: 'catalog' }, before: null, after: { removed: gone, olderThan: cutoff } });
    return gone;
  })();
}

/**
 * Takes a snapshot every `intervalMs` (default daily), counted from the last scheduled one in
 * the database, so a server restarted every few hours still snapshots once a day; then prunes
 * what is past the retention. Returns the stop function.
 */
export function scheduleSnapshots(ctx: TeamContext, intervalMs = DEFAULT_SNAPSHOT_INTERVAL_MS, opts: SnapshotSchedule = {}): () => void {
  if (intervalMs <= 0) return () => undefined;
  const snaps = createSnapshots(ctx);
  const grace = opts.graceMs ?? Math.min(intervalMs, 10 * 60_000);
  const lastScheduled = ctx.db.prepare(`SELECT taken_at FROM snapshots WHERE taken_by = 'system' AND reason = ? ORDER BY taken_at DESC LIMIT 1`).pluck();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = (earliest: number): void => {
    if (stopped) return;
    const last = lastScheduled.get(SCHEDULED_REASON) as string | undefined;
    const due = Math.max(earliest, last ? Date.parse(last) + intervalMs : earliest);
    timer = setTimeout(run, Math.min(MAX_DELAY, Math.max(0, due - ctx.now().getTime())));
    timer.unref();
  };
  const run = (): void => {
    const last = lastScheduled.get(SCHEDULED_REASON) as string | undefined;
    // Woken early (a delay past setTimeout's limit): wait on.
    if (last && Date.parse(last) + intervalMs > ctx.now().getTime()) return arm(ctx.now().getTime());
    snaps
      .take('system', SCHEDULED_REASON)
      .then(() => pruneSnapshots(ctx, opts.retentionDays))
      .catch((e: unknown) => ctx.log.warn({ err: e }, 'scheduled snapshot failed'))
      // A failure (WeCom unreachable) is retried after the grace, not a whole interval later.
      .finally(() => arm(ctx.now().getTime() + grace));
  };
  arm(ctx.now().getTime() + grace);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
