// Channel codes (渠道活码): an admin creates a 「联系我」 code carrying channel tags; a customer who
// adds a member through it gets those tags in WeCom by themselves (add_external_contact with
// State), once, with the code named as the provenance in the audit; only admins manage codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, openEvents, signIn } from './helpers';

let demo: DemoTeam;
let admin: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 200, faults: true, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
}, 60_000);
afterAll(async () => demo?.close());

const tagsOf = (userid: string, external: string) => demo.sim.runtime.state.relation(userid, external)?.tag_ids ?? [];
const tagIds = (group: string, n: number) => demo.sim.company.tagGroups.find((g) => g.group_name === group)!.tags.slice(0, n).map((t) => t.id);

describe('channel codes', () => {
  it('a customer who scans the code gets the channel tags on the new relation, and the member is told', async () => {
    const channel = tagIds('渠道来源', 1);
    const created = await api<{ id: string; configId: string; qrCode: string | null; state: string }>(demo, admin, 'POST', '/team/v1/channel-codes', {
      name: '抖音广告-北京', tagIds: channel, users: ['liuyang', 'zhaolei'],
    });
    expect(created.status).toBe(201);
    const code = created.body.value;
    expect(code.qrCode).toMatch(/^https:\/\//);
    expect(demo.sim.runtime.contactWays.get(code.configId)?.state).toBe(code.state);

    const stream = await openEvents(demo, await signIn(demo, 'liuyang'));
    const first = demo.sim.faults!.customerAdds(code.configId, '抖音客户甲');
    expect(first.userid).toBe('liuyang');
    await stream.next((e) => e.event.kind === 'customer.tags.changed' && e.event.externalUserid === first.external_userid);
    expect(tagsOf('liuyang', first.external_userid)).toEqual(channel);
    // Round-robin: the next customer reaches the second member, tagged the same way.
    const second = demo.sim.faults!.customerAdds(code.configId, '抖音客户乙');
    expect(second.userid).toBe('zhaolei');
    await expect.poll(() => tagsOf('zhaolei', second.external_userid), { timeout: 10_000 }).toEqual(channel);

    const audit = await api<{ events: Array<{ source: string; action: string; after: { channel?: string } }> }>(demo, admin, 'GET', `/team/v1/audit?customer=${first.external_userid}`);
    const byCode = audit.body.value.events.filter((e) => e.source === 'channel-code' && e.action === 'tag.add');
    expect(byCode.map((e) => e.after.channel)).toEqual(['抖音广告-北京']);
    const list = await api<{ codes: Array<{ id: string; customers: number }> }>(demo, admin, 'GET', '/team/v1/channel-codes');
    expect(list.body.value.codes.find((c) => c.id === code.id)?.customers).toBe(2);
  });

  it('a customer added without a code, or through a deleted one, gets no channel tags', async () => {
    const created = await api<{ id: string; configId: string }>(demo, admin, 'POST', '/team/v1/channel-codes', { name: '线下展会-2026秋', tagIds: tagIds('渠道来源', 2), users: ['sunli'] });
    const { configId, id } = created.body.value;
    const del = await api(demo, admin, 'DELETE', `/team/v1/channel-codes/${id}`);
    expect(del.status).toBe(200);
    expect(demo.sim.runtime.contactWays.has(configId)).toBe(false);
    expect(() => demo.sim.faults!.customerAdds(configId)).toThrow();
  });

  it('only admins manage codes; bad input gets a specific Chinese reason', async () => {
    const sales = await signIn(demo, 'liuyang');
    const denied = await api(demo, sales, 'POST', '/team/v1/channel-codes', { name: 'x', tagIds: tagIds('渠道来源', 1), users: ['liuyang'] });
    expect(denied.status).toBe(403);
    const empty = await api(demo, admin, 'POST', '/team/v1/channel-codes', { name: '空渠道', tagIds: [], users: ['liuyang'] });
    expect(empty.status).toBe(400);
    expect(JSON.stringify((empty.body.error as { issues?: unknown }).issues)).toContain('请至少选择一个渠道标签');
    const ghost = await api(demo, admin, 'POST', '/team/v1/channel-codes', { name: '幽灵标签', tagIds: ['etNoSuchTag'], users: ['liuyang'] });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.userMessage).toContain('渠道标签已不存在');
  });
});
