// The catalog mirror, personal tags with their device-only audit chain, the caches, and the
// append-only, tamper-evident audit rows.
import { describe, it, expect, beforeEach } from 'vitest';
import type { Db } from '../../../src-main/store/database';
import { findLiveTagsByName, readCatalog, replaceCatalog, tagById, liveTagsOfGroup } from '../../../src-main/store/catalog';
import { departmentSubtree, getMember, membersInDepartments, upsertDepartments, upsertMembers } from '../../../src-main/store/directory';
import { assignPersonalTag, createPersonalTag, deletePersonalTag, listPersonalTags, purgeRecycleBin, restorePersonalTag, unassignPersonalTag, personalTagsOfCustomer } from '../../../src-main/store/personal-tags';
import { appendAuditEvent, auditEvents, markAuditUploaded, unuploadedAuditEvents, verifyAuditChain } from '../../../src-main/store/audit';
import { approvalsByState, currentPolicy, prunePolicy, putApprovals, putPolicy } from '../../../src-main/store/caches';
import { customerIdOf } from '../../../src-main/store/customers';
import { CATALOG, freshStore, load, rec } from './fixtures';

describe('catalog', () => {
  let db: Db;
  beforeEach(() => { db = freshStore(); });

  it('marks tags absent from a full refresh as deleted, keeping them resolvable by id', () => {
    replaceCatalog(db, CATALOG.map((g) => (g.groupId === 'g-value' ? { ...g, tags: g.tags.filter((t) => t.tagId !== 't-vip') } : g)), 3000);
    expect(tagById(db, 't-vip')).toMatchObject({ deleted: true, groupName: '价值等级', name: 'VIP' });
    expect(readCatalog(db).find((g) => g.groupId === 'g-value')!.tags.map((t) => t.name)).toEqual(['普通']);
    expect(readCatalog(db, { includeDeleted: true }).find((g) => g.groupId === 'g-value')!.tags).toHaveLength(2);
  });

  it('re-resolves a dead tag by exact (group name, tag name) among live tags only', () => {
    replaceCatalog(db, [...CATALOG.map((g) => (g.groupId === 'g-value' ? { ...g, tags: [{ tagId: 't-vip2', name: 'VIP', order: 2 }] } : g))], 3000);
    expect(findLiveTagsByName(db, '价值等级', 'VIP').map((t) => t.tagId)).toEqual(['t-vip2']);
    expect(findLiveTagsByName(db, '地域', 'VIP')).toEqual([]);
  });

  it('says which groups Tagdesk may edit (created by the app) and which are read-only', () => {
    const cat = readCatalog(db);
    expect(cat.map((g) => [g.name, g.readOnly])).toEqual([['客户阶段', false], ['地域', true], ['价值等级', true]]);
    expect(liveTagsOfGroup(db, 'g-stage').map((t) => t.name)).toEqual(['新客', '意向', '成交']);
  });

  it('keeps a stub for a tag seen on a customer before the catalog, and fills it in later', () => {
    load(db, [rec('张伟', 'zhangsan', { ext: 'wm1', tagIds: ['t-later'] })]);
    expect(tagById(db, 't-later')).toMatchObject({ groupId: null, deleted: false });
    replaceCatalog(db, [...CATALOG, { groupId: 'g-new', name: '渠道来源', tags: [{ tagId: 't-later', name: '展会' }] }], 4000);
    expect(tagById(db, 't-later')).toMatchObject({ groupId: 'g-new', name: '展会' });
  });
});

describe('directory', () => {
  it('knows members, their departments and a department subtree', () => {
    const db = freshStore();
    upsertDepartments(db, [{ id: 1, name: '公司' }, { id: 2, name: '华东销售', parentId: 1 }, { id: 3, name: '上海组', parentId: 2 }, { id: 4, name: '客服', parentId: 1 }]);
    upsertMembers(db, [{ userid: 'zhangsan', name: '张三', departments: [{ id: 3 }] }, { userid: 'kefu', name: '客服小王', departments: [{ id: 4 }] }]);
    expect(getMember(db, 'zhangsan')).toEqual({ userid: 'zhangsan', name: '张三', active: true, departmentIds: [3] });
    expect(departmentSubtree(db, 2).sort()).toEqual([2, 3]);
    expect(membersInDepartments(db, departmentSubtree(db, 2))).toEqual(['zhangsan']);
  });
});

describe('personal tags', () => {
  it('assign, delete to the recycle bin, restore, and purge after 72 h — each on the personal chain', () => {
    const db = freshStore();
    load(db, [rec('张伟', 'zhangsan', { ext: 'wm1' })]);
    const tea = createPersonalTag(db, '爱喝茶', {}, 100);
    expect(assignPersonalTag(db, 'wm1', tea.id, 101)).toBe(true);
    expect(assignPersonalTag(db, 'wm1', tea.id, 102)).toBe(false);
    expect(() => createPersonalTag(db, '爱喝茶')).toThrow(/UNIQUE/);
    deletePersonalTag(db, tea.id, 200);
    expect(listPersonalTags(db)).toEqual([]);
    restorePersonalTag(db, tea.id, 201);
    expect(personalTagsOfCustomer(db, customerIdOf(db, 'wm1')!).map((t) => t.name)).toEqual(['爱喝茶']);
    deletePersonalTag(db, tea.id, 300);
    deletePersonalTag(db, tea.id, 301); // already in the bin: no second event
    expect(purgeRecycleBin(db, 300 + 71 * 3600)).toBe(0);
    expect(purgeRecycleBin(db, 300 + 72 * 3600)).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM personal_tag_assignments').pluck().get()).toBe(0);
    expect(unassignPersonalTag(db, 'wm1', tea.id)).toBe(false);
    expect(auditEvents(db, 'personal').map((e) => e.body.type)).toEqual([
      'personal-tag.create', 'personal-tag.assign', 'personal-tag.delete', 'personal-tag.restore', 'personal-tag.delete', 'personal-tag.purge',
    ]);
    // personal events never enter the chain that is uploaded
    expect(unuploadedAuditEvents(db)).toEqual([]);
    expect(verifyAuditChain(db, 'personal').ok).toBe(true);
  });
});

describe('audit chain rows', () => {
  it('are append-only, detect tampering, and track uploads', () => {
    const db = freshStore();
    for (let i = 0; i < 3; i++) appendAuditEvent(db, 'enterprise', { type: 'test', i });
    expect(() => db.prepare(`DELETE FROM audit_events`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE audit_events SET body = '{}' WHERE seq = 2`).run()).toThrow(/append-only/);
    markAuditUploaded(db, 2);
    expect(unuploadedAuditEvents(db).map((e) => e.seq)).toEqual([3]);
    // someone bypasses the triggers: verification finds the edited event
    db.exec(`DROP TRIGGER audit_events_no_rewrite`);
    db.prepare(`UPDATE audit_events SET body = '{"i":99,"type":"test"}' WHERE seq = 2`).run();
    expect(verifyAuditChain(db, 'enterprise')).toEqual({ ok: false, brokenAt: 2 });
  });
});

describe('caches', () => {
  it('keeps versioned policy blobs, newest current, and approvals by state', () => {
    const db = freshStore();
    putPolicy(db, 'tag-policy', 1, { a: 1 });
    putPolicy(db, 'tag-policy', 3, { a: 3 });
    putPolicy(db, 'tag-policy', 2, { a: 2 });
    expect(currentPolicy(db, 'tag-policy')).toMatchObject({ version: 3, body: { a: 3 } });
    prunePolicy(db, 'tag-policy', 1);
    expect(db.prepare(`SELECT COUNT(*) FROM policy_cache`).pluck().get()).toBe(1);
    putApprovals(db, [{ requestId: 'r1', state: 'pending', memberUserid: 'zhangsan', externalUserid: 'wm1', body: {}, updatedAt: 10 }]);
    putApprovals(db, [{ requestId: 'r1', state: 'approved', memberUserid: 'zhangsan', externalUserid: 'wm1', body: {}, updatedAt: 5 }]);
    expect(approvalsByState(db, 'pending').map((a) => a.requestId)).toEqual(['r1']);
  });
});
