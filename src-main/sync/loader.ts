// Initial full load and incremental refresh from WeCom: the tag catalog, the directory and the
// member's customers with their follow relations and tags (batch/get_by_user), each API page
// applied in one transaction. A pair with live outbox ops keeps its base for the tags they touch.
import type { Db } from '../store/database';
import { replaceCatalog, type CatalogGroupInput } from '../store/catalog';
import { applyFollowRecords, baseTagIds, setBaseTags, type FollowRecord } from '../store/customers';
import { upsertDepartments, upsertMembers } from '../store/directory';
import type { ExternalContact, FollowInfo, FollowUser, WecomClient } from '../../src-shared/wecom';
import { intentOf, rebase } from './merge';
import { liveOpsForPair, pairId, pairsWithLiveOps } from './queue';
import { toSeconds } from './deps';
import { beginBulkLoad, prepared } from '../store/sql';

/** Catalog origins WeCom does not report; the caller (team server policy) may know which groups the app created. */
export type OriginOf = (groupId: string) => 'app' | 'console' | 'rule';

export async function refreshCatalog(db: Db, client: WecomClient, nowMs: number, originOf?: OriginOf): Promise<number> {
  const res = await client.getCorpTagList({});
  const groups: CatalogGroupInput[] = res.tag_group.map((g) => ({
    groupId: g.group_id, name: g.group_name, order: g.order, createTime: g.create_time,
    origin: originOf?.(g.group_id) ?? 'console',
    tags: g.tag.map((t) => ({ tagId: t.id, name: t.name, order: t.order, createTime: t.create_time })),
  }));
  // replaceCatalog marks absent tags deleted by `synced_at < now`; two refreshes inside one
  // second would miss a deletion, so the stamp always moves forward.
  const last = prepared<[], number | null>(db, `SELECT MAX(synced_at) FROM tags`).pluck().get() ?? 0;
  replaceCatalog(db, groups, Math.max(toSeconds(nowMs), last + 1));
  return groups.reduce((n, g) => n + g.tags.length, 0);
}

export async function refreshDirectory(db: Db, client: WecomClient, nowMs: number): Promise<number> {
  const deps = await client.departmentList();
  const now = toSeconds(nowMs);
  upsertDepartments(db, deps.department.map((d) => ({ id: d.id, name: d.name ?? String(d.id), parentId: d.parentid === 0 ? null : d.parentid, order: d.order })), now);
  // user/list is per department; a member in several departments is listed once.
  const seen = new Set<string>();
  for (const d of deps.department) {
    const users = (await client.userList(d.id)).userlist.filter((u) => !seen.has(u.userid));
    for (const u of users) seen.add(u.userid);
    upsertMembers(db, users.map((u) => ({
      userid: u.userid, name: u.name ?? u.userid, active: u.status === undefined || u.status === 1,
      departments: u.department.map((id, i) => ({ id, isLeader: (u.is_leader_in_dept ?? [])[i] === 1 })),
    })), now);
  }
  return seen.size;
}

const corpTagIds = (tags: FollowUser['tags']): string[] => tags.filter((t) => t.type === 1 && t.tag_id).map((t) => t.tag_id!);

export function followRecord(contact: ExternalContact, f: FollowInfo | FollowUser, tagIds: string[]): FollowRecord {
  return {
    customer: {
      externalUserid: contact.external_userid, name: contact.name, type: contact.type, gender: contact.gender,
      corpName: contact.corp_name ?? null, corpFullName: contact.corp_full_name ?? null,
      position: contact.position ?? null, avatar: contact.avatar ?? null,
    },
    relation: {
      memberUserid: f.userid, remark: f.remark, description: f.description,
      remarkCorpName: f.remark_corp_name ?? f.remark_company ?? null, remarkMobiles: f.remark_mobiles,
      addTime: f.createtime, addWay: f.add_way, tagIds,
    },
  };
}

/** Adopts server tags for records whose pair has live ops only where those ops do not look. */
function protectLivePairs(db: Db, records: FollowRecord[], live: Set<string>): void {
  for (const r of records) {
    const key = pairId(r.relation.memberUserid, r.customer.externalUserid);
    if (!live.has(key) || !r.relation.tagIds) continue;
    const ops = liveOpsForPair(db, r.relation.memberUserid, r.customer.externalUserid);
    r.relation.tagIds = rebase(baseTagIds(db, r.relation.memberUserid, r.customer.externalUserid), r.relation.tagIds, intentOf(ops).keys());
  }
}

export interface LoadStats { pages: number; relations: number; applyMs: number }

/** Records per transaction in a load: ten API pages, so a 50,000-customer load commits ~65 times, not 650. */
export const LOAD_BATCH = 1000;

/**
 * Full load (or full refresh) of the given members' customers: API pages are gathered into
 * batches of LOAD_BATCH records, each applied in one transaction, with the WAL allowed to grow
 * between checkpoints meanwhile. `applyMs` is local time only, for the benchmark.
 */
export async function loadCustomers(db: Db, client: WecomClient, members: readonly string[], nowMs: () => number, perf: () => number = () => 0): Promise<LoadStats> {
  const stats: LoadStats = { pages: 0, relations: 0, applyMs: 0 };
  const live = pairsWithLiveOps(db);
  let batch: FollowRecord[] = [];
  const flush = (): void => {
    if (batch.length === 0) return;
    const t0 = perf();
    protectLivePairs(db, batch, live);
    applyFollowRecords(db, batch, toSeconds(nowMs()));
    stats.applyMs += perf() - t0;
    stats.relations += batch.length;
    batch = [];
  };
  const endBulk = beginBulkLoad(db);
  try {
    for await (const page of client.iterateByUser(members, 100)) {
      const t0 = perf();
      for (const item of page) batch.push(followRecord(item.external_contact, item.follow_info, item.follow_info.tag_id));
      stats.applyMs += perf() - t0;
      stats.pages++;
      if (batch.length >= LOAD_BATCH) flush();
    }
    flush();
  } finally {
    endBulk();
  }
  return stats;
}

/** One customer read back (externalcontact/get): every page of follow users. */
export async function readCustomer(client: WecomClient, externalUserid: string): Promise<{ contact: ExternalContact; follows: FollowUser[] }> {
  let res = await client.getExternalContact(externalUserid);
  const follows = [...res.follow_user];
  while (res.next_cursor) {
    res = await client.getExternalContact(externalUserid, res.next_cursor);
    follows.push(...res.follow_user);
  }
  return { contact: res.external_contact, follows };
}

/** Refreshes one pair's base from a read-back, keeping live ops' tags as the user saw them. */
export function adoptServerTags(db: Db, memberUserid: string, externalUserid: string, serverTagIds: readonly string[], nowMs: number): string[] {
  const ops = liveOpsForPair(db, memberUserid, externalUserid);
  const next = rebase(baseTagIds(db, memberUserid, externalUserid), serverTagIds, intentOf(ops).keys());
  setBaseTags(db, memberUserid, externalUserid, next, toSeconds(nowMs));
  return next;
}

export { corpTagIds };
