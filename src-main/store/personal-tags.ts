// Personal tags and their assignments: the employee's own notes-as-tags, kept on this device
// only. Each change writes the row and an event on the device-only 'personal' audit chain in
// one transaction. Deleting is soft, for the 72 h recycle bin.
import type { Db } from './database';
import { appendAuditEvent } from './audit';
import { customerIdOf } from './customers';
import { UnknownCustomerError } from './outbox';
import { inTransaction, nowSeconds, prepared } from './sql';

export interface PersonalTag { id: number; name: string; color: string | null; order: number; deletedAt: number | null }

interface Row { id: number; name: string; color: string | null; sort_order: number; deleted_at: number | null }
const toTag = (r: Row): PersonalTag => ({ id: r.id, name: r.name, color: r.color, order: r.sort_order, deletedAt: r.deleted_at });

export const RECYCLE_BIN_SECONDS = 72 * 3600;

export function createPersonalTag(db: Db, name: string, opts: { color?: string; order?: number } = {}, now = nowSeconds()): PersonalTag {
  return inTransaction(db, () => {
    const id = prepared<unknown[], number>(db, `INSERT INTO personal_tags (name, color, sort_order, created_at) VALUES (?, ?, ?, ?) RETURNING id`)
      .pluck().get(name.trim(), opts.color ?? null, opts.order ?? 0, now)!;
    appendAuditEvent(db, 'personal', { type: 'personal-tag.create', tagId: id, name: name.trim() }, now);
    return getPersonalTag(db, id)!;
  });
}

export function getPersonalTag(db: Db, id: number): PersonalTag | undefined {
  const r = prepared<[number], Row>(db, `SELECT id, name, color, sort_order, deleted_at FROM personal_tags WHERE id = ?`).get(id);
  return r ? toTag(r) : undefined;
}

export function renamePersonalTag(db: Db, id: number, name: string, now = nowSeconds()): void {
  inTransaction(db, () => {
    const before = getPersonalTag(db, id);
    const changed = prepared(db, `UPDATE personal_tags SET name = ? WHERE id = ? AND deleted_at IS NULL`).run(name.trim(), id).changes;
    if (changed > 0) appendAuditEvent(db, 'personal', { type: 'personal-tag.rename', tagId: id, before: before?.name ?? null, after: name.trim() }, now);
  });
}

/** Moves a tag to the recycle bin; its assignments stay, hidden, until it is purged. */
export function deletePersonalTag(db: Db, id: number, now = nowSeconds()): void {
  inTransaction(db, () => {
    const changed = prepared(db, `UPDATE personal_tags SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now, id).changes;
    if (changed > 0) appendAuditEvent(db, 'personal', { type: 'personal-tag.delete', tagId: id }, now);
  });
}

export function restorePersonalTag(db: Db, id: number, now = nowSeconds()): void {
  inTransaction(db, () => {
    const changed = prepared(db, `UPDATE personal_tags SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL`).run(id).changes;
    if (changed > 0) appendAuditEvent(db, 'personal', { type: 'personal-tag.restore', tagId: id }, now);
  });
}

/** Removes tags deleted more than 72 h ago, with their assignments. */
export function purgeRecycleBin(db: Db, now = nowSeconds()): number {
  return inTransaction(db, () => {
    const ids = prepared<[number], number>(db, `SELECT id FROM personal_tags WHERE deleted_at IS NOT NULL AND deleted_at <= ?`).pluck().all(now - RECYCLE_BIN_SECONDS);
    const del = prepared(db, `DELETE FROM personal_tags WHERE id = ?`);
    for (const id of ids) del.run(id);
    if (ids.length > 0) appendAuditEvent(db, 'personal', { type: 'personal-tag.purge', tagIds: ids }, now);
    return ids.length;
  });
}

export function listPersonalTags(db: Db, opts: { includeDeleted?: boolean } = {}): PersonalTag[] {
  return prepared<[number], Row>(db, `SELECT id, name, color, sort_order, deleted_at FROM personal_tags
    WHERE deleted_at IS NULL OR ? ORDER BY sort_order, name`).all(opts.includeDeleted ? 1 : 0).map(toTag);
}

function requireCustomer(db: Db, externalUserid: string): number {
  const id = customerIdOf(db, externalUserid);
  if (id === undefined) throw new UnknownCustomerError(`unknown customer ${externalUserid}`);
  return id;
}

export function assignPersonalTag(db: Db, externalUserid: string, tagId: number, now = nowSeconds()): boolean {
  return inTransaction(db, () => {
    const changed = prepared(db, `INSERT OR IGNORE INTO personal_tag_assignments (customer_id, personal_tag_id, assigned_at) VALUES (?, ?, ?)`)
      .run(requireCustomer(db, externalUserid), tagId, now).changes > 0;
    if (changed) appendAuditEvent(db, 'personal', { type: 'personal-tag.assign', tagId, externalUserid }, now);
    return changed;
  });
}

export function unassignPersonalTag(db: Db, externalUserid: string, tagId: number, now = nowSeconds()): boolean {
  return inTransaction(db, () => {
    const changed = prepared(db, `DELETE FROM personal_tag_assignments WHERE customer_id = ? AND personal_tag_id = ?`)
      .run(requireCustomer(db, externalUserid), tagId).changes > 0;
    if (changed) appendAuditEvent(db, 'personal', { type: 'personal-tag.unassign', tagId, externalUserid }, now);
    return changed;
  });
}

/** Live personal tags on a customer, in the user's order. */
export function personalTagsOfCustomer(db: Db, customerId: number): PersonalTag[] {
  return prepared<[number], Row>(db, `SELECT p.id, p.name, p.color, p.sort_order, p.deleted_at
    FROM personal_tag_assignments a JOIN personal_tags p ON p.id = a.personal_tag_id
    WHERE a.customer_id = ? AND p.deleted_at IS NULL ORDER BY p.sort_order, p.name`).all(customerId).map(toTag);
}
