// A salesperson's and an admin's everyday WeCom traffic, client against the simulator over real
// HTTP: token, tag catalog CRUD, tagging a customer, reading customers, remarks, directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomApiError } from '../../../src-shared/wecom/index';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { clientFor, groupsByOrigin, memberWithCustomers, startSim } from './harness';

let sim: WecomSimulator;
beforeAll(async () => { sim = await startSim(); });
afterAll(async () => { await sim.close(); });

const apiError = async (p: Promise<unknown>): Promise<WecomApiError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof WecomApiError) return e;
    throw e;
  }
  throw new Error('expected a WeCom error');
};

describe('access token', () => {
  it('is fetched once and reused while valid', async () => {
    let gettokens = 0;
    const client = clientFor(sim, { fetch: (url, init) => { if (url.includes('/gettoken')) gettokens++; return fetch(url, init); } });
    await Promise.all([client.getCorpTagList(), client.getFollowUserList(), client.departmentList()]);
    await client.getCorpTagList();
    expect(gettokens).toBe(1);
    expect((await client.accessToken()).length).toBeGreaterThan(20);
  });
});

describe('enterprise tag catalog', () => {
  it('lists the seeded groups in WeCom shape without deleted flags', async () => {
    const { tag_group } = await clientFor(sim).getCorpTagList();
    expect(tag_group.map((g) => g.group_name)).toEqual(expect.arrayContaining(['客户阶段', '渠道来源', '产品偏好', '价值等级', '地域', '服务偏好']));
    expect(tag_group.reduce((n, g) => n + g.tag.length, 0)).toBeGreaterThanOrEqual(100);
    expect(tag_group.every((g) => g.deleted === undefined && g.tag.every((t) => t.deleted === undefined))).toBe(true);
  });

  it('adds a group, renames a tag, deletes it, and the emptied group vanishes', async () => {
    const client = clientFor(sim);
    const added = await client.addCorpTag({ group_name: '试用反馈', tag: [{ name: '满意' }, { name: '满意' }, { name: '一般', order: 5 }] });
    expect(added.tag_group.tag.map((t) => t.name)).toEqual(['满意', '一般']);
    const [good, meh] = added.tag_group.tag;
    await client.editCorpTag({ id: good!.id, name: '非常满意' });
    await client.delCorpTag({ tag_id: [good!.id] });
    let list = await client.getCorpTagList();
    expect(list.tag_group.find((g) => g.group_name === '试用反馈')?.tag.map((t) => t.name)).toEqual(['一般']);
    await client.delCorpTag({ tag_id: [meh!.id] });
    list = await client.getCorpTagList();
    expect(list.tag_group.some((g) => g.group_name === '试用反馈')).toBe(false);
    // Deleted tags stay resolvable by id, flagged deleted.
    const byId = await client.getCorpTagList({ tag_id: [good!.id] });
    expect(byId.tag_group[0]?.tag[0]).toMatchObject({ id: good!.id, name: '非常满意', deleted: true });
    expect(byId.tag_group[0]?.deleted).toBe(true);
  });

  it('merges tags into an existing group named by group_name and refuses duplicates', async () => {
    const client = clientFor(sim);
    const r = await client.addCorpTag({ group_name: '客户阶段', tag: [{ name: '待激活' }] });
    expect(r.tag_group.group_id).toBe(sim.company.tagGroups.find((g) => g.group_name === '客户阶段')!.group_id);
    expect((await apiError(client.addCorpTag({ group_name: '客户阶段', tag: [{ name: '待激活' }] }))).errcode).toBe(40071);
  });

  it('lets the app edit only tags it created: admin-console groups are read-only (60011)', async () => {
    const client = clientFor(sim);
    const { app, console: adminGroup } = groupsByOrigin(sim);
    await client.editCorpTag({ id: app.tags[0]!.id, order: 77 });
    const e = await apiError(client.editCorpTag({ id: adminGroup.tags[0]!.id, name: '改名' }));
    expect(e.errcode).toBe(60011);
    expect(e.retryClass).toBe('park-for-person');
    expect((await apiError(client.delCorpTag({ group_id: [adminGroup.group_id] }))).errcode).toBe(60011);
  });

  it('answers 40126 when the corp tag cap is reached', async () => {
    const capped = await startSim({ limits: { corpTagLimit: 122 } });
    try {
      const client = clientFor(capped);
      const have = capped.company.tagGroups.reduce((n, g) => n + g.tags.length, 0);
      expect(have).toBe(120);
      await client.addCorpTag({ group_name: '新分组', tag: [{ name: '一' }, { name: '二' }] });
      const e = await apiError(client.addCorpTag({ group_name: '新分组', tag: [{ name: '三' }] }));
      expect([e.errcode, e.retryClass]).toEqual([40126, 'park-for-person']);
      await client.delCorpTag({ tag_id: [(await client.getCorpTagList()).tag_group.find((g) => g.group_name === '新分组')!.tag[0]!.id] });
      await client.addCorpTag({ group_name: '新分组', tag: [{ name: '三' }] });
    } finally {
      await capped.close();
    }
  });

  it('enforces 30-character names on the client and on the server', async () => {
    const client = clientFor(sim);
    await expect(client.addCorpTag({ group_name: '测试', tag: [{ name: '长'.repeat(31) }] })).rejects.toThrow(/at most 30 characters/);
    const ok30 = await client.addCorpTag({ group_name: '长名测试', tag: [{ name: '长'.repeat(30) }] });
    expect(ok30.tag_group.tag[0]!.name).toHaveLength(30);
  });
});

describe('tagging a customer (mark_tag)', () => {
  it('adds and removes tags on the member’s own relation only', async () => {
    const client = clientFor(sim);
    const { userid, external } = memberWithCustomers(sim);
    const stage = sim.company.tagGroups.find((g) => g.group_name === '客户阶段')!;
    await client.markTag({ userid, external_userid: external, add_tag: [stage.tags[5]!.id], remove_tag: [stage.tags[0]!.id] });
    const detail = await client.getExternalContact(external);
    const mine = detail.follow_user.find((f) => f.userid === userid)!;
    expect(mine.tags.some((t) => t.tag_id === stage.tags[5]!.id && t.group_name === '客户阶段' && t.tag_name === '已成交' && t.type === 1)).toBe(true);
    expect(mine.tags.some((t) => t.tag_id === stage.tags[0]!.id)).toBe(false);
  });

  it('answers 40068 naming the dead id and changes nothing (all or nothing)', async () => {
    const client = clientFor(sim);
    const { userid, external } = memberWithCustomers(sim);
    const before = [...sim.runtime.state.relation(userid, external)!.tag_ids];
    const live = sim.company.tagGroups[2]!.tags[3]!.id;
    const e = await apiError(client.markTag({ userid, external_userid: external, add_tag: [live, 'etDOESNOTEXIST000000000000000000'] }));
    expect(e.errcode).toBe(40068);
    expect(e.errmsg).toMatch(/^invalid tagid: etDOESNOTEXIST0+, hint: \[\d+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40068$/);
    expect(sim.runtime.state.relation(userid, external)!.tag_ids).toEqual(before);
  });

  it('answers 84061 when the member does not follow the customer', async () => {
    const client = clientFor(sim);
    const st = sim.runtime.state;
    const { userid } = memberWithCustomers(sim);
    const stranger = [...st.customers.keys()].find((x) => !st.relation(userid, x))!;
    const e = await apiError(client.markTag({ userid, external_userid: stranger, add_tag: [sim.company.tagGroups[0]!.tags[0]!.id] }));
    expect(e.errcode).toBe(84061);
  });

  it('answers 40144 beyond the per-relation cap', async () => {
    const small = await startSim({ limits: { tagsPerRelation: 12 } });
    try {
      const client = clientFor(small);
      const { userid, external } = memberWithCustomers(small);
      const all = small.company.tagGroups.flatMap((g) => g.tags.map((t) => t.id));
      expect((await apiError(client.markTag({ userid, external_userid: external, add_tag: all.slice(0, 20) }))).errcode).toBe(40144);
    } finally {
      await small.close();
    }
  });
});

describe('reading customers', () => {
  it('lists a member’s customers and turns 84061 for a member without any into []', async () => {
    const client = clientFor(sim);
    const { userid } = memberWithCustomers(sim, 5);
    expect((await client.listExternalContacts(userid)).length).toBe(sim.runtime.state.byMember.get(userid)!.length);
    expect(await client.listExternalContacts('zhouwei')).toEqual([]);
  });

  it('reads every (customer, member) pair through batch/get_by_user with cursors', async () => {
    const client = clientFor(sim);
    const { follow_user } = await client.getFollowUserList();
    let pairs = 0;
    const partners = new Set<string>();
    for await (const page of client.iterateByUser(follow_user, 100)) {
      expect(page.length).toBeLessThanOrEqual(100);
      pairs += page.length;
      for (const item of page) if (item.external_contact.type === 2) partners.add(item.external_contact.corp_name ?? '');
    }
    const active = [...sim.runtime.state.relations.values()].filter((r) => sim.runtime.state.members.has(r.userid)).length;
    expect(pairs).toBe(active);
    expect(partners.size).toBeGreaterThan(1);
  });

  it('clamps batch/get_by_user limit to 100 and defaults it to 50', async () => {
    const client = clientFor(sim);
    const busy = [...sim.runtime.state.byMember.entries()].filter(([u]) => sim.runtime.state.members.has(u)).map(([u]) => u);
    const token = await client.accessToken();
    const page = async (body: unknown) => (await (await fetch(`${sim.url}/cgi-bin/externalcontact/batch/get_by_user?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })).json()) as { external_contact_list: unknown[] };
    expect((await page({ userid_list: busy, limit: 500 })).external_contact_list).toHaveLength(100);
    expect((await page({ userid_list: busy })).external_contact_list).toHaveLength(50);
  });

  it('updates remarks; remark_company shows as remark_corp_name; [""] clears mobiles', async () => {
    const client = clientFor(sim);
    const st = sim.runtime.state;
    const r = [...st.relations.values()].find((x) => st.members.has(x.userid) && st.customers.get(x.external_userid)!.type === 1)!;
    await client.remark({ userid: r.userid, external_userid: r.external_userid, remark: '王总（老客户）', remark_company: '鑫达物流', remark_mobiles: [''] });
    const mine = (await client.getExternalContact(r.external_userid)).follow_user.find((f) => f.userid === r.userid)!;
    expect(mine).toMatchObject({ remark: '王总（老客户）', remark_corp_name: '鑫达物流', remark_mobiles: [] });
    await expect(client.remark({ userid: r.userid, external_userid: r.external_userid, remark: '超'.repeat(21) })).rejects.toThrow(/20 characters/);
  });
});

describe('directory', () => {
  it('lists departments and members with a supervisor chain', async () => {
    const client = clientFor(sim);
    const deps = (await client.departmentList()).department;
    expect(deps.map((d) => d.name)).toEqual(expect.arrayContaining(['销售一部', '销售二部', '客服部', '市场部', '采购部']));
    const sales1 = deps.find((d) => d.name === '销售一部')!;
    const users = (await client.userList(sales1.id)).userlist;
    expect(users.length).toBeGreaterThanOrEqual(10);
    expect(users.find((u) => u.userid === 'liuyang')?.direct_leader).toEqual(['chenjing']);
    const all = (await client.userList(1)).userlist;
    expect(all).toHaveLength(0);
    const everyone = await Promise.all(deps.map((d) => client.userList(d.id)));
    expect(everyone.flatMap((u) => u.userlist).length).toBeGreaterThanOrEqual(38);
  });
});
