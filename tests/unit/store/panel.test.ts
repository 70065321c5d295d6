// The panel's single read: own enterprise tags in catalog order with their state, colleagues'
// tags read-only, personal tags — what the salesperson sees beside the chat.
import { describe, it, expect, beforeEach } from 'vitest';
import type { Db } from '../../../src-main/store/database';
import { readPanel } from '../../../src-main/store/panel';
import { enqueueOp } from '../../../src-main/store/outbox';
import { parkOp } from '../../../src-main/store/conflicts';
import { upsertCatalogGroups } from '../../../src-main/store/catalog';
import { assignPersonalTag, createPersonalTag, deletePersonalTag } from '../../../src-main/store/personal-tags';
import { freshStore, load, rec } from './fixtures';

const ME = 'zhangsan';
const C = 'wm-c1';

describe('panel read', () => {
  let db: Db;
  beforeEach(() => {
    db = freshStore();
    load(db, [
      rec('王芳', ME, { ext: C, remark: '王姐', tagIds: ['t-normal', 't-south', 't-new', 't-east'] }),
      rec('王芳', 'lisi', { ext: C, remark: '王总', tagIds: ['t-vip', 'st-rule-1'] }),
    ]);
  });

  it('groups own tags by group in catalog order (higher order first), tags in order too', () => {
    const p = readPanel(db, ME, C)!;
    expect(p.customer.name).toBe('王芳');
    expect(p.own).toMatchObject({ remark: '王姐', memberUserid: ME });
    expect(p.enterpriseTags.map((g) => g.groupName)).toEqual(['客户阶段', '地域', '价值等级']);
    expect(p.enterpriseTags[1]!.tags.map((t) => t.name)).toEqual(['华东', '华南']);
    expect(p.enterpriseTags.flatMap((g) => g.tags).every((t) => t.state === 'applied')).toBe(true);
  });

  it('shows pending adds, pending removes and parked ops at once', () => {
    enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'add', tagId: 't-vip' });
    enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'remove', tagId: 't-south' });
    const parked = enqueueOp(db, { memberUserid: ME, externalUserid: C, kind: 'add', tagId: 't-intent' });
    parkOp(db, { opId: parked.opId, kind: 'single_choice_clash', detail: {}, choices: [{ kind: 'drop' }] });
    const p = readPanel(db, ME, C)!;
    const state = Object.fromEntries(p.enterpriseTags.flatMap((g) => g.tags.map((t) => [t.name, t.state])));
    expect(state).toEqual({ 新客: 'applied', 意向: 'parked', 华东: 'applied', 华南: 'pending-remove', VIP: 'pending-add', 普通: 'applied' });
    expect(p.enterpriseTags.map((g) => g.groupName)).toEqual(['客户阶段', '地域', '价值等级']);
    expect([p.pendingOps, p.parkedOps]).toEqual([2, 1]);
  });

  it('shows colleagues’ relations read-only, with unplaced tags last and a policy filter', () => {
    const p = readPanel(db, ME, C)!;
    expect(p.colleagues).toHaveLength(1);
    expect(p.colleagues[0]).toMatchObject({ memberUserid: 'lisi', memberName: '李四', remark: '王总' });
    expect(p.colleagues[0]!.tags.map((g) => g.groupName)).toEqual(['价值等级', null]);
    const filtered = readPanel(db, ME, C, { canSeeGroup: (g) => g === 'g-region' })!;
    expect(filtered.colleagues[0]!.tags).toEqual([]);
  });

  it('follows a catalog rename and reorder without touching the customer', () => {
    upsertCatalogGroups(db, [{ groupId: 'g-value', name: '客户价值', order: 200, tags: [{ tagId: 't-normal', name: '一般', order: 1 }, { tagId: 't-vip', name: 'VIP', order: 2 }] }]);
    const p = readPanel(db, ME, C)!;
    expect(p.enterpriseTags[0]).toMatchObject({ groupName: '客户价值', tags: [{ name: '一般', state: 'applied' }] });
  });

  it('lists live personal tags only', () => {
    const a = createPersonalTag(db, '爱喝茶');
    const b = createPersonalTag(db, '周末勿扰');
    assignPersonalTag(db, C, a.id);
    assignPersonalTag(db, C, b.id);
    deletePersonalTag(db, b.id);
    expect(readPanel(db, ME, C)!.personalTags.map((t) => t.name)).toEqual(['爱喝茶']);
  });

  it('reads a customer the member does not follow: no own relation, colleagues shown', () => {
    const p = readPanel(db, 'wangwu', C)!;
    expect(p.own).toBeNull();
    expect(p.enterpriseTags).toEqual([]);
    expect(p.colleagues).toHaveLength(2);
    expect(readPanel(db, ME, 'wm-unknown')).toBeUndefined();
  });
});
