// Customers, follow relations and the base snapshot of each relation's enterprise tags, as the
// sync engine loads them (one item of batch/get_by_user = one customer + one relation). Search
// terms and pinyin are derived here, at write time, so reads stay index lookups.
import type { Db } from './database';
import { ensureTagRefs } from './catalog';
import { customerSearchTerms, nameSpellings, normalizeText, type TermKind } from './search-terms';
import { beginBulkLoad, inTransaction, nowSeconds, prepared } from './sql';

export interface CustomerInput {
  externalUserid: string;
  name: string;
  /** 1 = WeChat user, 2 = WeCom user (a partner company's staff). */
  type?: 1 | 2;
  corpName?: string | null;
  corpFullName?: string | null;
  position?: string | null;
  gender?: number;
  avatar?: string | null;
}

export interface RelationInput {
  memberUserid: string;
  remark?: string;
  description?: string;
  remarkCorpName?: string | null;
  /** WeCom sometimes sends numbers; both are accepted. */
  remarkMobiles?: ReadonlyArray<string | number>;
  /** Unix seconds when the member added the customer (`createtime`). */
  addTime?: number;
  addWay?: number;
  /** The relation's enterprise tag ids as the server has them; absent = leave the base as is. */
  tagIds?: readonly string[];
}

export interface FollowRecord { customer: CustomerInput; relation: RelationInput }

export interface Customer {
  id: number;
  externalUserid: string;
  name: string;
  type: 1 | 2;
  corpName: string | null;
  corpFullName: string | null;
  position: string | null;
  avatar: string | null;
  namePinyin: string[];
  nameInitials: string[];
}

export interface CustomerRow {
  id: number; external_userid: string; name: string; type: 1 | 2; corp_name: string | null;
  corp_full_name: string | null; position: string | null; avatar: string | null;
  name_pinyin: string; name_initials: string;
}

export const CUSTOMER_COLUMNS = 'id, external_userid, name, type, corp_name, corp_full_name, position, avatar, name_pinyin, name_initials';

export const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id, externalUserid: r.external_userid, name: r.name, type: r.type, corpName: r.corp_name,
  corpFullName: r.corp_full_name, position: r.position, avatar: r.avatar,
  namePinyin: r.name_pinyin ? r.name_pinyin.split(' ') : [], nameInitials: r.name_initials ? r.name_initials.split(' ') : [],
});

const UPSERT_CUSTOMER = `
  INSERT INTO customers (external_userid, name, type, corp_name, corp_full_name, position, gender, avatar,
    name_pinyin, name_initials, synced_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (external_userid) DO UPDATE SET name = excluded.name, type = excluded.type,
    corp_name = excluded.corp_name, corp_full_name = excluded.corp_full_name, position = excluded.position,
    gender = excluded.gender, avatar = excluded.avatar, name_pinyin = excluded.name_pinyin,
    name_initials = excluded.name_initials, synced_at = excluded.synced_at
  RETURNING id`;

const UPSERT_RELATION = `
  INSERT INTO follow_relations (customer_id, member_userid, remark, description, remark_corp_name,
    remark_mobiles, add_time, add_way)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (customer_id, member_userid) DO UPDATE SET remark = excluded.remark,
    description = excluded.description, remark_corp_name = excluded.remark_corp_name,
    remark_mobiles = excluded.remark_mobiles, add_time = excluded.add_time, add_way = excluded.add_way
  RETURNING id`;

function writeCustomer(db: Db, c: CustomerInput, now: number): number {
  const spelled = nameSpellings(normalizeText(c.name));
  return prepared<unknown[], number>(db, UPSERT_CUSTOMER).pluck().get(
    // WeCom documents only 1 and 2; anything else is stored as a WeChat user rather than failing the batch.
    c.externalUserid, c.name, c.type === 2 ? 2 : 1, c.corpName ?? null, c.corpFullName ?? null, c.position ?? null,
    c.gender ?? 0, c.avatar ?? null, spelled.full.join(' '), spelled.initials.join(' '), now,
  )!;
}

/** Replaces a relation's base snapshot with the server's tag set. */
export function writeBaseTags(db: Db, relationId: number, tagIds: readonly string[], now: number): void {
  const refs = ensureTagRefs(db, tagIds, now);
  prepared(db, `DELETE FROM relation_base_tags WHERE relation_id = ?`).run(relationId);
  const ins = prepared(db, `INSERT OR IGNORE INTO relation_base_tags (relation_id, tag_ref) VALUES (?, ?)`);
  for (const ref of refs.values()) ins.run(relationId, ref);
  prepared(db, `UPDATE follow_relations SET tags_synced_at = ? WHERE id = ?`).run(now, relationId);
}

/**
 * Recomputes one customer's search terms from its row and all its relations, and writes only
 * the difference: the previous set is kept on the customer row, so no second index is needed.
 */
export function rebuildSearchTerms(db: Db, customerId: number): void {
  const c = prepared<[number], { name: string; corp_name: string | null; corp_full_name: string | null; search_terms: string }>(db,
    `SELECT name, corp_name, corp_full_name, search_terms FROM customers WHERE id = ?`).get(customerId);
  if (!c) return;
  const relations = prepared<[number], { remark: string; remark_corp_name: string | null; remark_mobiles: string }>(db,
    `SELECT remark, remark_corp_name, remark_mobiles FROM follow_relations WHERE customer_id = ?`).all(customerId);
  const next = customerSearchTerms({
    name: c.name, corpName: c.corp_name, corpFullName: c.corp_full_name,
    relations: relations.map((r) => ({
      remark: r.remark, remarkCorpName: r.remark_corp_name, remarkMobiles: JSON.parse(r.remark_mobiles) as string[],
    })),
  });
  const key = ([kind, term]: readonly [number, string]): string => `${kind}\u0000${term}`;
  const before = JSON.parse(c.search_terms) as Array<[TermKind, string]>;
  const nextKeys = new Set(next.map(key));
  const beforeKeys = new Set(before.map(key));
  const del = prepared(db, `DELETE FROM customer_search_terms WHERE kind = ? AND term = ? AND customer_id = ?`);
  const ins = prepared(db, `INSERT OR IGNORE INTO customer_search_terms (kind, term, customer_id) VALUES (?, ?, ?)`);
  for (const t of before) if (!nextKeys.has(key(t))) del.run(t[0], t[1], customerId);
  for (const t of next) if (!beforeKeys.has(key(t))) ins.run(t[0], t[1], customerId);
  prepared(db, `UPDATE customers SET search_terms = ? WHERE id = ?`).run(JSON.stringify(next), customerId);
}

/**
 * Applies one batch of (customer, relation) records in one transaction: the load path of a
 * full or incremental refresh. Call it once per API page; the caller yields between batches.
 */
export function applyFollowRecords(db: Db, records: readonly FollowRecord[], now = nowSeconds()): { customers: number; relations: number } {
  return inTransaction(db, () => {
    const touched = new Map<string, number>();
    const rel = prepared<unknown[], number>(db, UPSERT_RELATION).pluck();
    for (const { customer, relation } of records) {
      const customerId = touched.get(customer.externalUserid) ?? writeCustomer(db, customer, now);
      touched.set(customer.externalUserid, customerId);
      const mobiles = (relation.remarkMobiles ?? []).map(String).filter((m) => m.length > 0);
      const relationId = rel.get(customerId, relation.memberUserid, relation.remark ?? '', relation.description ?? '',
        relation.remarkCorpName ?? null, JSON.stringify(mobiles), relation.addTime ?? 0, relation.addWay ?? null)!;
      if (relation.tagIds) writeBaseTags(db, relationId, relation.tagIds, now);
    }
    for (const id of touched.values()) rebuildSearchTerms(db, id);
    return { customers: touched.size, relations: records.length };
  });
}

/**
 * A full load's records, split into transactions of `perTransaction` records. Synchronous: a
 * caller that must stay responsive hands over one API page at a time to applyFollowRecords.
 */
export function applyFollowRecordsInBatches(db: Db, records: readonly FollowRecord[], perTransaction = 1000, now = nowSeconds()): { customers: number; relations: number } {
  let customers = 0;
  const endBulk = beginBulkLoad(db);
  try {
    for (let i = 0; i < records.length; i += perTransaction) {
      customers += applyFollowRecords(db, records.slice(i, i + perTransaction), now).customers;
    }
  } finally {
    endBulk();
  }
  return { customers, relations: records.length };
}

/** Upserts customers without relations (e.g. a refreshed profile). */
export function upsertCustomers(db: Db, customers: readonly CustomerInput[], now = nowSeconds()): void {
  inTransaction(db, () => {
    for (const c of customers) rebuildSearchTerms(db, writeCustomer(db, c, now));
  });
}

/** The member no longer follows the customer (deleted, transferred): drops the relation and its base. */
export function removeRelation(db: Db, memberUserid: string, externalUserid: string): boolean {
  return inTransaction(db, () => {
    const id = customerIdOf(db, externalUserid);
    if (id === undefined) return false;
    const changed = prepared(db, `DELETE FROM follow_relations WHERE customer_id = ? AND member_userid = ?`).run(id, memberUserid).changes;
    if (changed > 0) rebuildSearchTerms(db, id);
    return changed > 0;
  });
}

/** The customers a member follows (external ids), for an incremental refresh or a hand-over. */
export function externalUseridsOfMember(db: Db, memberUserid: string): string[] {
  return prepared<[string], string>(db, `SELECT c.external_userid FROM follow_relations r
    JOIN customers c ON c.id = r.customer_id WHERE r.member_userid = ? ORDER BY r.customer_id`).pluck().all(memberUserid);
}

export function customerIdOf(db: Db, externalUserid: string): number | undefined {
  return prepared<[string], number>(db, `SELECT id FROM customers WHERE external_userid = ?`).pluck().get(externalUserid);
}

export function getCustomer(db: Db, externalUserid: string): Customer | undefined {
  const r = prepared<[string], CustomerRow>(db, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE external_userid = ?`).get(externalUserid);
  return r ? toCustomer(r) : undefined;
}

export interface FollowRelation {
  id: number;
  memberUserid: string;
  remark: string;
  description: string;
  remarkCorpName: string | null;
  remarkMobiles: string[];
  addTime: number;
  tagsSyncedAt: number | null;
}

export interface RelationRow {
  id: number; member_userid: string; remark: string; description: string; remark_corp_name: string | null;
  remark_mobiles: string; add_time: number; tags_synced_at: number | null;
}

export const toRelation = (r: RelationRow): FollowRelation => ({
  id: r.id, memberUserid: r.member_userid, remark: r.remark, description: r.description,
  remarkCorpName: r.remark_corp_name, remarkMobiles: JSON.parse(r.remark_mobiles) as string[],
  addTime: r.add_time, tagsSyncedAt: r.tags_synced_at,
});

export const RELATION_COLUMNS = 'id, member_userid, remark, description, remark_corp_name, remark_mobiles, add_time, tags_synced_at';

/** The relations on one customer, the member's own first is not implied: ordered by add time. */
export function relationsOf(db: Db, customerId: number): FollowRelation[] {
  return prepared<[number], RelationRow>(db,
    `SELECT ${RELATION_COLUMNS} FROM follow_relations WHERE customer_id = ? ORDER BY add_time, id`).all(customerId).map(toRelation);
}

/** The server's tag ids on a (member, customer) relation: the merge base B. */
export function baseTagIds(db: Db, memberUserid: string, externalUserid: string): string[] {
  return prepared<[string, string], string>(db, `
    SELECT t.tag_id FROM customers c
    JOIN follow_relations r ON r.customer_id = c.id AND r.member_userid = ?
    JOIN relation_base_tags b ON b.relation_id = r.id
    JOIN tags t ON t.ref = b.tag_ref
    WHERE c.external_userid = ? ORDER BY t.ref`).pluck().all(memberUserid, externalUserid);
}

/** Replaces the base of one relation after a read-back (B := S′). */
export function setBaseTags(db: Db, memberUserid: string, externalUserid: string, tagIds: readonly string[], now = nowSeconds()): void {
  inTransaction(db, () => {
    const relationId = prepared<[string, string], number>(db, `
      SELECT r.id FROM follow_relations r JOIN customers c ON c.id = r.customer_id
      WHERE c.external_userid = ? AND r.member_userid = ?`).pluck().get(externalUserid, memberUserid);
    if (relationId === undefined) throw new Error(`no follow relation ${memberUserid} → ${externalUserid}`);
    writeBaseTags(db, relationId, tagIds, now);
  });
}
