// A small, readable company for store tests: a catalog with a single-choice stage group, two
// sales members, and customers a salesperson would recognise.
import { openDatabase, type Db } from '../../../src-main/store/database';
import { replaceCatalog, type CatalogGroupInput } from '../../../src-main/store/catalog';
import { upsertMembers } from '../../../src-main/store/directory';
import { applyFollowRecords, type FollowRecord } from '../../../src-main/store/customers';

export const CATALOG: CatalogGroupInput[] = [
  { groupId: 'g-stage', name: '客户阶段', order: 100, origin: 'app', tags: [
    { tagId: 't-new', name: '新客', order: 30 },
    { tagId: 't-intent', name: '意向', order: 20 },
    { tagId: 't-deal', name: '成交', order: 10 },
  ] },
  { groupId: 'g-value', name: '价值等级', order: 50, tags: [
    { tagId: 't-vip', name: 'VIP', order: 2 },
    { tagId: 't-normal', name: '普通', order: 1 },
  ] },
  { groupId: 'g-region', name: '地域', order: 80, tags: [
    { tagId: 't-east', name: '华东', order: 5 },
    { tagId: 't-south', name: '华南', order: 4 },
  ] },
];

export function freshStore(): Db {
  const db = openDatabase(':memory:');
  replaceCatalog(db, CATALOG, 1000);
  upsertMembers(db, [{ userid: 'zhangsan', name: '张三' }, { userid: 'lisi', name: '李四' }], 1000);
  return db;
}

let n = 0;
/** One (customer, relation) record; the external id is derived from the name unless given. */
export function rec(name: string, member = 'zhangsan', extra: Partial<FollowRecord['relation']> & { ext?: string; corpName?: string; type?: 1 | 2 } = {}): FollowRecord {
  const { ext, corpName, type, ...relation } = extra;
  return {
    customer: { externalUserid: ext ?? `wm-${name}-${++n}`, name, corpName: corpName ?? null, type: type ?? (corpName ? 2 : 1) },
    relation: { memberUserid: member, addTime: 1_700_000_000, tagIds: [], ...relation },
  };
}

export function load(db: Db, records: FollowRecord[]): FollowRecord[] {
  applyFollowRecords(db, records, 2000);
  return records;
}
