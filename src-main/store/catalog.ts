// The enterprise tag catalog: full and partial refreshes from get_corp_tag_list, catalog-order
// reads, and lookups the sync engine needs (by id, by (group name, tag name) for re-resolving
// a dead tag id). WeCom sorts by `order` with higher first; ties fall back to creation time.
import type { Db } from './database';
import { inTransaction, nowSeconds, prepared } from './sql';

/** Who created a tag: this app (editable by it), the admin console, or a rule group (read-only). */
export type TagOrigin = 'app' | 'console' | 'rule';

export interface CatalogTagInput {
  tagId: string;
  name: string;
  order?: number;
  createTime?: number;
  deleted?: boolean;
  origin?: TagOrigin;
}

export interface CatalogGroupInput {
  groupId: string;
  name: string;
  order?: number;
  createTime?: number;
  deleted?: boolean;
  origin?: TagOrigin;
  tags: CatalogTagInput[];
}

export interface CatalogTag {
  ref: number;
  tagId: string;
  groupId: string | null;
  name: string;
  order: number;
  origin: TagOrigin;
  /** Tagdesk may edit or delete only tags its app created (WeCom rule). */
  readOnly: boolean;
  deleted: boolean;
}

export interface CatalogGroup {
  groupId: string;
  name: string;
  order: number;
  origin: TagOrigin;
  readOnly: boolean;
  deleted: boolean;
  tags: CatalogTag[];
}

interface TagRow { ref: number; tag_id: string; group_id: string | null; name: string; sort_order: number; origin: TagOrigin; deleted: number }
interface GroupRow { group_id: string; name: string; sort_order: number; origin: TagOrigin; deleted: number }

const toTag = (r: TagRow): CatalogTag => ({
  ref: r.ref, tagId: r.tag_id, groupId: r.group_id, name: r.name, order: r.sort_order,
  origin: r.origin, readOnly: r.origin !== 'app', deleted: r.deleted === 1,
});

const UPSERT_GROUP = `
  INSERT INTO tag_groups (group_id, name, sort_order, create_time, origin, deleted, synced_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (group_id) DO UPDATE SET name = excluded.name, sort_order = excluded.sort_order,
    create_time = excluded.create_time, origin = excluded.origin, deleted = excluded.deleted,
    synced_at = excluded.synced_at`;
const UPSERT_TAG = `
  INSERT INTO tags (tag_id, group_id, name, sort_order, create_time, origin, deleted, synced_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (tag_id) DO UPDATE SET group_id = excluded.group_id, name = excluded.name,
    sort_order = excluded.sort_order, create_time = excluded.create_time, origin = excluded.origin,
    deleted = excluded.deleted, synced_at = excluded.synced_at`;

function writeGroups(db: Db, groups: readonly CatalogGroupInput[], now: number): void {
  const g = prepared(db, UPSERT_GROUP);
  const t = prepared(db, UPSERT_TAG);
  for (const group of groups) {
    const origin = group.origin ?? 'console';
    g.run(group.groupId, group.name, group.order ?? 0, group.createTime ?? 0, origin, group.deleted ? 1 : 0, now);
    for (const tag of group.tags) {
      t.run(tag.tagId, group.groupId, tag.name, tag.order ?? 0, tag.createTime ?? 0, tag.origin ?? origin,
        group.deleted || tag.deleted ? 1 : 0, now);
    }
  }
}

/**
 * Applies a complete catalog listing: everything listed is upserted, everything absent is
 * marked deleted (the unfiltered list omits deleted tags). Rows are never removed, because
 * outbox ops, base snapshots and audit events still name them.
 */
export function replaceCatalog(db: Db, groups: readonly CatalogGroupInput[], now = nowSeconds()): void {
  inTransaction(db, () => {
    writeGroups(db, groups, now);
    prepared(db, `UPDATE tag_groups SET deleted = 1 WHERE synced_at < ? AND deleted = 0`).run(now);
    prepared(db, `UPDATE tags SET deleted = 1 WHERE synced_at < ? AND deleted = 0 AND group_id IS NOT NULL`).run(now);
  });
}

/** Applies part of the catalog (a change notice, a filtered get_corp_tag_list). */
export function upsertCatalogGroups(db: Db, groups: readonly CatalogGroupInput[], now = nowSeconds()): void {
  inTransaction(db, () => writeGroups(db, groups, now));
}

/**
 * Local refs for WeCom tag ids, creating stub rows for ids the catalog does not know yet
 * (rule-group tags, a tag created a moment ago), so a base snapshot never loses a tag.
 */
export function ensureTagRefs(db: Db, tagIds: Iterable<string>, now = nowSeconds()): Map<string, number> {
  const find = prepared<[string], number>(db, `SELECT ref FROM tags WHERE tag_id = ?`).pluck();
  const stub = prepared<[string, number], number>(db, `INSERT INTO tags (tag_id, synced_at) VALUES (?, ?) RETURNING ref`).pluck();
  const out = new Map<string, number>();
  for (const id of tagIds) {
    if (out.has(id)) continue;
    out.set(id, find.get(id) ?? stub.get(id, now)!);
  }
  return out;
}

const GROUPS_IN_ORDER = `SELECT group_id, name, sort_order, origin, deleted FROM tag_groups
  WHERE deleted = 0 OR ? ORDER BY sort_order DESC, create_time, group_id`;
const TAGS_IN_ORDER = `SELECT ref, tag_id, group_id, name, sort_order, origin, deleted FROM tags
  WHERE group_id IS NOT NULL AND (deleted = 0 OR ?) ORDER BY group_id, sort_order DESC, create_time, ref`;

/** The catalog in display order: groups and tags by `order`, higher first. */
export function readCatalog(db: Db, opts: { includeDeleted?: boolean } = {}): CatalogGroup[] {
  const incl = opts.includeDeleted ? 1 : 0;
  const byGroup = new Map<string, CatalogTag[]>();
  for (const r of prepared<[number], TagRow>(db, TAGS_IN_ORDER).all(incl)) {
    const list = byGroup.get(r.group_id!) ?? [];
    list.push(toTag(r));
    byGroup.set(r.group_id!, list);
  }
  return prepared<[number], GroupRow>(db, GROUPS_IN_ORDER).all(incl).map((g) => ({
    groupId: g.group_id, name: g.name, order: g.sort_order, origin: g.origin,
    readOnly: g.origin !== 'app', deleted: g.deleted === 1, tags: byGroup.get(g.group_id) ?? [],
  }));
}

export function tagById(db: Db, tagId: string): (CatalogTag & { groupName: string | null }) | undefined {
  const r = prepared<[string], TagRow & { group_name: string | null }>(db, `
    SELECT t.ref, t.tag_id, t.group_id, t.name, t.sort_order, t.origin, t.deleted, g.name AS group_name
    FROM tags t LEFT JOIN tag_groups g ON g.group_id = t.group_id WHERE t.tag_id = ?`).get(tagId);
  return r ? { ...toTag(r), groupName: r.group_name } : undefined;
}

/** Live tags with exactly this (group name, tag name): one match re-resolves a dead id; none or several park the op. */
export function findLiveTagsByName(db: Db, groupName: string, tagName: string): CatalogTag[] {
  return prepared<[string, string], TagRow>(db, `
    SELECT t.ref, t.tag_id, t.group_id, t.name, t.sort_order, t.origin, t.deleted
    FROM tags t JOIN tag_groups g ON g.group_id = t.group_id
    WHERE t.name = ? AND g.name = ? AND t.deleted = 0 AND g.deleted = 0`).all(tagName, groupName).map(toTag);
}

/** Live tags of a group, for single-choice groups (choosing one removes its siblings). */
export function liveTagsOfGroup(db: Db, groupId: string): CatalogTag[] {
  return prepared<[string], TagRow>(db, `
    SELECT ref, tag_id, group_id, name, sort_order, origin, deleted FROM tags
    WHERE group_id = ? AND deleted = 0 ORDER BY sort_order DESC, create_time, ref`).all(groupId).map(toTag);
}
