// Editing a channel code (渠道活码): renaming and changing its tags and members reaches WeCom's
// 「联系我」 configuration, customers added afterwards get the new tags, a single-member code
// keeps one member, and the list names the members a code may send customers to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from './helpers';

let demo: DemoTeam;
let admin: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 200, faults: true, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
}, 60_000);
afterAll(async () => demo?.close());

const tagIds = (group: string) => demo.sim.company.tagGroups.find((g) => g.group_name === group)!.tags.map((t) => t.id);

describe('editing channel codes', () => {
  it('an edited code sends new customers to its new members with its new tags', async () => {
    const [first, second] = tagIds('渠道来源');
    const created = await api<{ id: string; configId: string }>(demo, admin, 'POST', '/team/v1/channel-codes', { name: '线下展会', tagIds: [first], users: ['liuyang', 'zhaolei'] });
    const { id, configId } = created.body.value;
    const edited = await api<{ name: string; tagIds: string[]; users: string[] }>(demo, admin, 'PUT', `/team/v1/channel-codes/${id}`, { name: '线下展会-2026秋', tagIds: [second], users: ['sunli', 'zhaolei'] });
    expect(edited.status).toBe(200);
    expect(edited.body.value).toMatchObject({ name: '线下展会-2026秋', tagIds: [second], users: ['sunli', 'zhaolei'] });
    expect(demo.sim.runtime.contactWays.get(configId)).toMatchObject({ remark: '线下展会-2026秋', user: ['sunli', 'zhaolei'] });

    const added = demo.sim.faults!.customerAdds(configId, '展会客户');
    expect(added.userid).toBe('sunli');
    await expect.poll(() => demo.sim.runtime.state.relation('sunli', added.external_userid)?.tag_ids ?? [], { timeout: 10_000 }).toEqual([second]);

    const list = await api<{ codes: Array<{ id: string; name: string }>; members: Array<{ userid: string; name: string }> }>(demo, admin, 'GET', '/team/v1/channel-codes');
    expect(list.body.value.codes.find((c) => c.id === id)?.name).toBe('线下展会-2026秋');
    expect(list.body.value.members.map((m) => m.userid)).toEqual(expect.arrayContaining(['liuyang', 'sunli', 'zhaolei']));
  });

  it('a single-member code keeps one member, and only admins edit', async () => {
    const [tag] = tagIds('渠道来源');
    const created = await api<{ id: string }>(demo, admin, 'POST', '/team/v1/channel-codes', { name: '个人名片', tagIds: [tag], users: ['liuyang'] });
    const two = await api(demo, admin, 'PUT', `/team/v1/channel-codes/${created.body.value.id}`, { name: '个人名片', tagIds: [tag], users: ['liuyang', 'sunli'] });
    expect(two.status).toBe(400);
    expect(two.body.error.userMessage).toContain('单人渠道码只能有一名接待成员');
    const sales = await signIn(demo, 'liuyang');
    const denied = await api(demo, sales, 'PUT', `/team/v1/channel-codes/${created.body.value.id}`, { name: 'x', tagIds: [tag], users: ['liuyang'] });
    expect(denied.status).toBe(403);
    const gone = await api(demo, admin, 'PUT', '/team/v1/channel-codes/nosuchcode', { name: 'x', tagIds: [tag], users: ['liuyang'] });
    expect(gone.status).toBe(404);
  });
});
