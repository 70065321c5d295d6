// Finding a customer the way a salesperson types: Chinese name, pinyin, initials, remark,
// company, the last digits of a mobile; polyphonic surnames; recent customers first.
import { describe, it, expect, beforeEach } from 'vitest';
import type { Db } from '../../../src-main/store/database';
import { searchCustomers } from '../../../src-main/store/search';
import { nameSpellings } from '../../../src-main/store/search-terms';
import { applyFollowRecords, externalUseridsOfMember, removeRelation } from '../../../src-main/store/customers';
import { freshStore, load, rec } from './fixtures';

const names = (db: Db, q: string, opts = {}): string[] => searchCustomers(db, q, opts).map((h) => h.name);

describe('customer search', () => {
  let db: Db;
  beforeEach(() => {
    db = freshStore();
    load(db, [
      rec('赵文文', 'zhangsan', { ext: 'wm-zww' }),
      rec('张伟', 'zhangsan', { ext: 'wm-zw', remark: '老客户', remarkMobiles: ['13800001234'] }),
      rec('张伟华', 'zhangsan', { ext: 'wm-zwh' }),
      rec('周伟', 'zhangsan', { ext: 'wm-zhouwei' }),
      rec('王芳', 'zhangsan', { ext: 'wm-wf', remark: '李部长', corpName: '腾讯' }),
      rec('刘洋', 'zhangsan', { ext: 'wm-ly', remarkCorpName: '深圳市腾讯计算机系统有限公司', remarkMobiles: [13912345678] }),
      rec('单田芳', 'zhangsan', { ext: 'wm-shan' }),
      rec('曾小贤', 'zhangsan', { ext: 'wm-zeng' }),
      rec('解晓东', 'zhangsan', { ext: 'wm-xie' }),
      rec('Tony', 'zhangsan', { ext: 'wm-tony', remark: 'Tony 王 采购' }),
      rec('安琪', 'zhangsan', { ext: 'wm-anqi' }),
      rec('艾娜', 'zhangsan', { ext: 'wm-aina' }),
    ]);
  });

  it('puts the exact name first, then names starting with it', () => {
    expect(names(db, '张伟')).toEqual(['张伟', '张伟华']);
    expect(searchCustomers(db, '张伟').map((h) => h.matchedBy)).toEqual(['name-exact', 'name-prefix']);
  });

  it('"zw" finds 张伟 before 张伟华 and 赵文文: exact initials beat longer ones', () => {
    const hits = names(db, 'zw');
    expect(hits[0]).toBe('张伟');
    expect(hits).toEqual(expect.arrayContaining(['张伟华', '赵文文', '周伟']));
    expect(hits.indexOf('张伟')).toBeLessThan(hits.indexOf('赵文文'));
    expect(hits.indexOf('周伟')).toBeLessThan(hits.indexOf('张伟华'));
  });

  it('matches full pinyin and pinyin prefixes, ignoring spaces and case', () => {
    expect(names(db, 'zhangwei')).toEqual(['张伟', '张伟华']);
    expect(names(db, 'Zhang Wei Hua')).toEqual(['张伟华']);
    expect(names(db, 'zhaow')).toEqual(['赵文文']);
  });

  it('ranks initials above full pinyin: "an" is 艾娜 (a-n) before 安琪 (an-qi)', () => {
    expect(searchCustomers(db, 'an').map((h) => [h.name, h.matchedBy])).toEqual([['艾娜', 'initials'], ['安琪', 'pinyin']]);
  });

  it('ranks initials above full pinyin', () => {
    // "zww" is 赵文文's initials and nobody's pinyin prefix; "zhou" is only pinyin
    expect(searchCustomers(db, 'zww')[0]).toMatchObject({ name: '赵文文', matchedBy: 'initials' });
    expect(searchCustomers(db, 'zhou')[0]).toMatchObject({ name: '周伟', matchedBy: 'pinyin' });
  });

  it('finds polyphonic surnames by the surname reading and the everyday one', () => {
    expect(nameSpellings('单田芳').full).toEqual(['shantianfang', 'dantianfang']);
    for (const q of ['shantianfang', 'stf', 'dantianfang', 'dtf']) expect(names(db, q)).toContain('单田芳');
    for (const q of ['zengxiaoxian', 'zxx']) expect(names(db, q)[0]).toBe('曾小贤');
    for (const q of ['xiexiaodong', 'xxd']) expect(names(db, q)[0]).toBe('解晓东');
    expect(names(db, 'jiexiaodong')).toContain('解晓东');
  });

  it('finds a customer by the last four digits of a mobile, and by the whole number', () => {
    expect(searchCustomers(db, '1234')).toEqual([expect.objectContaining({ name: '张伟', matchedBy: 'mobile-tail' })]);
    expect(names(db, '5678')).toEqual(['刘洋']);
    expect(names(db, '138 0000 1234')).toEqual(['张伟']);
    expect(names(db, '0001')).toEqual([]);
  });

  it('finds by remark and by any part of the company name, below name matches', () => {
    expect(searchCustomers(db, '李部长')[0]).toMatchObject({ name: '王芳', matchedBy: 'remark' });
    expect(names(db, 'lbz')).toEqual(['王芳']);
    expect(names(db, '腾讯')).toEqual(['王芳', '刘洋']);
    expect(searchCustomers(db, '计算机')[0]).toMatchObject({ name: '刘洋', matchedBy: 'company' });
    expect(names(db, '采购')).toEqual(['Tony']);
  });

  it('finds a name by its given name, after everything matching from the start', () => {
    const hits = searchCustomers(db, '伟');
    expect(hits.map((h) => h.name)).toEqual(expect.arrayContaining(['张伟', '周伟', '张伟华']));
    expect(hits.every((h) => h.matchedBy === 'name-part')).toBe(true);
  });

  it('accepts full-width input', () => {
    expect(names(db, 'ｚｗ')[0]).toBe('张伟');
    expect(names(db, '１２３４')).toEqual(['张伟']);
  });

  it('lets a recent customer lead its tier, but not jump above a better match', () => {
    expect(names(db, 'zw', { recent: ['wm-zww'] })[0]).toBe('赵文文');
    const hits = searchCustomers(db, 'zw', { recent: ['wm-zww'] });
    expect(hits[0]).toMatchObject({ recent: true, matchedBy: 'initials' });
    // 张伟 matches "张伟" exactly; a recent prefix match (张伟华) stays below it
    expect(names(db, '张伟', { recent: ['wm-zwh'] })).toEqual(['张伟', '张伟华']);
  });

  it('honours the limit and returns each customer once', () => {
    load(db, Array.from({ length: 30 }, (_, i) => rec(`张${'一二三四五六七八九十'[i % 10]}${i}`)));
    const hits = searchCustomers(db, 'z', { limit: 10 });
    expect(hits).toHaveLength(10);
    expect(new Set(hits.map((h) => h.externalUserid)).size).toBe(10);
  });

  it('shows the member’s own remark', () => {
    applyFollowRecords(db, [{ customer: { externalUserid: 'wm-wf', name: '王芳', corpName: '腾讯', type: 2 }, relation: { memberUserid: 'lisi', remark: '王姐' } }]);
    expect(searchCustomers(db, '王芳', { memberUserid: 'lisi' })[0]!.remark).toBe('王姐');
    expect(searchCustomers(db, '王芳', { memberUserid: 'zhangsan' })[0]!.remark).toBe('李部长');
    expect(names(db, '王姐')).toEqual(['王芳']);
  });

  it('forgets a remark once the relation is gone, and follows a rename', () => {
    removeRelation(db, 'zhangsan', 'wm-wf');
    expect(names(db, '李部长')).toEqual([]);
    applyFollowRecords(db, [{ customer: { externalUserid: 'wm-zw', name: '张薇' }, relation: { memberUserid: 'zhangsan' } }]);
    expect(names(db, '张伟')).toEqual(['张伟华']);
    expect(names(db, '张薇')).toEqual(['张薇']);
  });

  it('lists the customers a member follows', () => {
    applyFollowRecords(db, [{ customer: { externalUserid: 'wm-wf', name: '王芳' }, relation: { memberUserid: 'lisi' } }]);
    expect(externalUseridsOfMember(db, 'lisi')).toEqual(['wm-wf']);
    expect(externalUseridsOfMember(db, 'zhangsan')).toHaveLength(12);
  });

  it('returns nothing for an empty or blank query', () => {
    expect(searchCustomers(db, '')).toEqual([]);
    expect(searchCustomers(db, '   ')).toEqual([]);
  });
});
