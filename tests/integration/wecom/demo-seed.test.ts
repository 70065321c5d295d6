// The demo company: same seed, same company; a realistic organisation and catalog; sizes from
// 2,000 to 200,000 customers generated in seconds; roles kept apart from WeCom's data.
import { describe, expect, it } from 'vitest';
import { generateDemoCompany } from '../../../src-server/demo/company';

describe('seeded demo company', () => {
  it('is identical for the same seed and differs for another', () => {
    const a = generateDemoCompany({ seed: 7, customers: 3000 });
    const b = generateDemoCompany({ seed: 7, customers: 3000 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = generateDemoCompany({ seed: 8, customers: 3000 });
    expect(c.customers[0]!.external_userid).not.toBe(a.customers[0]!.external_userid);
    expect(c.credentials.corpid).not.toBe(a.credentials.corpid);
  });

  it('grows by appending: a small company is a prefix of a large one with the same seed', () => {
    const small = generateDemoCompany({ seed: 3, customers: 2000 });
    const large = generateDemoCompany({ seed: 3, customers: 20_000 });
    expect(large.customers.slice(0, 2000)).toEqual(small.customers);
    expect(large.tagGroups).toEqual(small.tagGroups);
  });

  it('has the departments, ~40 members in every role with a supervisor chain, and roles as separate metadata', () => {
    const co = generateDemoCompany({ seed: 1, customers: 2000 });
    expect(co.departments.map((d) => d.name)).toEqual(expect.arrayContaining(['销售一部', '销售二部', '客服部', '市场部', '采购部']));
    const active = co.staff.filter((s) => !s.resigned);
    expect(active.length).toBeGreaterThanOrEqual(38);
    expect(active.length).toBeLessThanOrEqual(42);
    expect(new Set(Object.values(co.roles))).toEqual(new Set(['sales', 'service', 'supervisor', 'admin']));
    // Every chain of direct leaders ends at the general manager.
    const byId = new Map(co.staff.map((s) => [s.userid, s]));
    for (const s of active) {
      let cur = s;
      for (let i = 0; cur.leader && i < 10; i++) cur = byId.get(cur.leader)!;
      expect(cur.userid, s.userid).toBe('zhouwei');
    }
    expect(co.staff.filter((s) => s.resigned)).toHaveLength(2);
  });

  it('has ~120 tags in the expected groups, some read-only to the app', () => {
    const co = generateDemoCompany({ seed: 1, customers: 10 });
    const tags = co.tagGroups.flatMap((g) => g.tags);
    expect(tags.length).toBeGreaterThanOrEqual(110);
    expect(tags.length).toBeLessThanOrEqual(130);
    expect(co.tagGroups.map((g) => g.group_name)).toEqual(expect.arrayContaining(['客户阶段', '渠道来源', '产品偏好', '价值等级', '地域', '服务偏好']));
    expect(co.tagGroups.filter((g) => g.origin === 'admin_console').map((g) => g.group_name)).toContain('地域');
    expect(co.tagGroups.filter((g) => g.origin === 'app').length).toBeGreaterThan(co.tagGroups.length / 2);
    for (const t of tags) expect([...t.name].length).toBeLessThanOrEqual(30);
    expect(new Set(tags.map((t) => t.id)).size).toBe(tags.length);
  });

  it('has realistic customers and distributions', () => {
    const co = generateDemoCompany({ seed: 11, customers: 20_000 });
    const n = co.customers.length;
    expect(co.customers.every((c) => /^[\u4e00-\u9fa5]{2,4}$/.test(c.name))).toBe(true);
    const partners = co.customers.filter((c) => c.type === 2);
    expect(partners.length / n).toBeGreaterThan(0.02);
    expect(partners.length / n).toBeLessThan(0.07);
    expect(partners.every((c) => c.corp_name && c.corp_full_name && c.position)).toBe(true);
    const perCustomer = new Map<string, number>();
    for (const r of co.relations) perCustomer.set(r.external_userid, (perCustomer.get(r.external_userid) ?? 0) + 1);
    const multi = [...perCustomer.values()].filter((k) => k > 1).length;
    expect(multi / n).toBeGreaterThan(0.1);
    expect(co.relations.filter((r) => r.remark_mobiles.length > 0).every((r) => r.remark_mobiles.every((m) => /^1[3-9]\d{9}$/.test(m)))).toBe(true);
    // Value levels form a pyramid: ordinary customers far outnumber VIPs.
    const value = co.tagGroups.find((g) => g.group_name === '价值等级')!;
    const count = (name: string) => co.relations.filter((r) => r.tag_ids.includes(value.tags.find((t) => t.name === name)!.id)).length;
    expect(count('普通客户')).toBeGreaterThan(count('VIP') * 5);
    // Channels are skewed: referrals lead.
    const channel = co.tagGroups.find((g) => g.group_name === '渠道来源')!;
    const ch = channel.tags.map((t) => co.relations.filter((r) => r.tag_ids.includes(t.id)).length);
    expect(ch[0]).toBe(Math.max(...ch));
  });

  // How long this takes is a benchmark's business (npm run bench), not a test's.
  it('generates 200,000 distinct customers', () => {
    const co = generateDemoCompany({ seed: 5, customers: 200_000 });
    expect(co.customers).toHaveLength(200_000);
    expect(new Set(co.customers.map((c) => c.external_userid)).size).toBe(200_000);
  });
});
