// The dashboard's figures against what the simulator and the team server's store hold: a
// supervisor of 销售一部 and an admin each get exactly their scope's counts — tag distribution,
// tag changes, rule hits, approvals, devices, RFM quadrants and shared descriptors — and the
// supervisor gets nothing of 销售二部's work.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import type { Dashboard } from '../../../src-shared/team-api/dashboard';
import { api, relayClient, signIn } from '../team/helpers';
import { hoursAgo, ingest, ownerOf, rule, saveRule, tagIdOf } from '../automation/helpers';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 150, reconcileIntervalMs: 0 });
});
afterAll(async () => {
  await demo?.close();
});

const SUPERVISOR = 'chenjing';
const ADMIN = 'linxue';

/** Active members of a department, from the simulator. */
const membersOf = (dept: number): string[] => [...demo.sim.runtime.state.members.values()].filter((m) => m.department === dept).map((m) => m.userid).sort();
const followers = (external: string): string[] => (demo.sim.runtime.state.byCustomer.get(external) ?? []).filter((u) => demo.sim.runtime.state.members.has(u));
/** Customers of `member` followed by members of `dept` and by no one else. */
function onlyFollowedBy(dept: number, member: string): string[] {
  const team = new Set(membersOf(dept));
  return [...(demo.sim.runtime.state.byMember.get(member) ?? [])].sort().filter((c) => followers(c).every((u) => team.has(u)));
}

/** What the simulator says the dashboard's tag figures must be for these members. */
function expectedTags(members: readonly string[]) {
  const st = demo.sim.runtime.state;
  const customers = new Set<string>();
  const byTag = new Map<string, Set<string>>();
  const tagged = new Set<string>();
  for (const u of members) {
    for (const c of st.byMember.get(u) ?? []) {
      customers.add(c);
      for (const t of st.relation(u, c)!.tag_ids) {
        if (!st.activeTag(t)) continue;
        byTag.set(t, (byTag.get(t) ?? new Set()).add(c));
        tagged.add(c);
      }
    }
  }
  return { customers: customers.size, tagged: tagged.size, byTag: new Map([...byTag].map(([t, s]) => [t, s.size])) };
}

const flatTags = (d: Dashboard): Map<string, number> => new Map(d.tagDistribution.flatMap((g) => g.tags.map((t) => [t.tagId, t.customers] as const)).filter(([, n]) => n > 0));

/** Tag changes per member today, straight from the team server's audit table. */
function auditCount(action: 'tag.add' | 'tag.remove', members: readonly string[], since: string): number {
  return demo.team.ctx.db.prepare(`SELECT count(*) FROM audit_events WHERE chain_id = 'server' AND action = ? AND at >= ? AND member IN (${members.map(() => '?').join(',')})`)
    .pluck().get(action, since, ...members) as number;
}

describe('dashboard figures', () => {
  it('equal the store\'s and the simulator\'s counts for a supervisor\'s team and for an admin, and never leak another team', { timeout: 120_000 }, async () => {
    const team1 = membersOf(3);
    const team2 = membersOf(4);
    const sales1 = team1.find((u) => u !== SUPERVISOR && (demo.sim.runtime.state.byMember.get(u)?.length ?? 0) > 3)!;
    const sales2 = team2.find((u) => u !== 'yangfan' && (demo.sim.runtime.state.byMember.get(u)?.length ?? 0) > 3)!;
    const [supToken, adminToken, s1Token, s2Token] = await Promise.all([signIn(demo, SUPERVISOR), signIn(demo, ADMIN), signIn(demo, sales1), signIn(demo, sales2)]);
    const x = onlyFollowedBy(3, sales1)[0]!;
    const y = onlyFollowedBy(4, sales2)[0]!;
    expect(x && y).toBeTruthy();

    // Tag changes through the relay: one by each team.
    const product = demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags;
    for (const [token, u] of [[s1Token, sales1], [s2Token, sales2]] as const) {
      const c = demo.sim.runtime.state.byMember.get(u)![0]!;
      const tag = product.find((t) => !demo.sim.runtime.state.relation(u, c)!.tag_ids.includes(t.id))!;
      await relayClient(demo, token).markTag({ userid: u, external_userid: c, add_tag: [tag.id] });
    }

    // An approval request in each team.
    const vip = tagIdOf(demo, '价值等级', 'VIP');
    for (const [token, u] of [[s1Token, sales1], [s2Token, sales2]] as const) {
      const c = demo.sim.runtime.state.byMember.get(u)!.find((e) => !demo.sim.runtime.state.relation(u, e)!.tag_ids.includes(vip))!;
      const r = await api(demo, token, 'POST', '/team/v1/approvals', { requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: u, externalUserid: c, tagId: vip, reason: '年采购额超过50万', findings: [] });
      expect(r.status).toBe(201);
    }

    // A rule fires once for a customer of each team; purchases give each of them an RFM quadrant.
    const saved = await saveRule(demo, adminToken, rule('dash-visit', { name: '到店即需上门安装', trigger: { kind: 'event', event: 'store_visit' }, actions: [{ kind: 'addTag', tag: { groupName: '服务偏好', tagName: '需上门安装' } }] }));
    expect(saved.status).toBe(200);
    await ingest(demo, [
      { id: 'dash-visit-x', kind: 'store_visit', externalUserid: x, at: hoursAgo(3), storeId: 'hz-01' },
      { id: 'dash-visit-y', kind: 'store_visit', externalUserid: y, at: hoursAgo(3), storeId: 'hz-01' },
      { id: 'dash-buy-x', kind: 'purchase', externalUserid: x, at: hoursAgo(2), orderId: 'dash-x', amount: 6800, product: '按摩椅' },
      { id: 'dash-buy-y', kind: 'purchase', externalUserid: y, at: hoursAgo(2), orderId: 'dash-y', amount: 120, product: '滤芯' },
    ]);
    expect(ownerOf(demo, x)).toSatisfy((u: string) => team1.includes(u));

    // Descriptors shared from each team's customers (the grant carries no member).
    const share = (token: string, grant: string, ids: string[]) => api(demo, token, 'PUT', `/team/v1/descriptors/grants/${grant}`, { descriptorId: 'price-sensitive', externalUserids: ids });
    const s1Customers = demo.sim.runtime.state.byMember.get(sales1)!.slice(0, 3);
    expect((await share(s1Token, 'grant-team1-aaaaaaaaaaaaaaaa', s1Customers)).body.value).toMatchObject({ customers: 3 });
    expect((await share(s2Token, 'grant-team2-aaaaaaaaaaaaaaaa', [y])).body.value).toMatchObject({ customers: 1 });
    // …and only for one's own customers, a descriptor of the policy, a well-formed grant id.
    const foreign = await share(s2Token, 'grant-team2-bbbbbbbbbbbbbbbb', [x]);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.userMessage).toBe('有 1 位客户不在你的客户列表中，未共享。');
    const unknown = await api(demo, s2Token, 'PUT', '/team/v1/descriptors/grants/grant-team2-cccccccccccccccc', { descriptorId: 'night-owl', externalUserids: [y] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.userMessage).toMatch(/公司描述列表中没有该描述/);
    const badId = await share(s2Token, 'short', [y]);
    expect(badId.status).toBe(400);
    expect(badId.body.error.userMessage).toBe('授权 ID 格式不正确。');
    const extra = await api(demo, s2Token, 'PUT', '/team/v1/descriptors/grants/grant-team2-dddddddddddddddd', { descriptorId: 'price-sensitive', externalUserids: [y], tagName: '偏爱深夜沟通' });
    expect(extra.status).toBe(400); // nothing but descriptor and customers is accepted

    const since = new Date(Date.now() - 14 * 86_400_000).toISOString();
    const sup = (await api<Dashboard>(demo, supToken, 'GET', '/team/v1/dashboard')).body.value;
    const admin = (await api<Dashboard>(demo, adminToken, 'GET', '/team/v1/dashboard')).body.value;
    const everyone = [...demo.sim.runtime.state.members.keys()];

    // Scope: the supervisor's department only; the admin everyone.
    expect(sup.scope).toMatchObject({ kind: 'team', memberIds: team1 });
    expect(admin.scope.kind).toBe('company');
    expect(sup.scope.memberIds.some((u) => team2.includes(u))).toBe(false);

    // Tags: the simulator's relations, customer by customer.
    for (const [d, members] of [[sup, team1], [admin, everyone]] as const) {
      const want = expectedTags(members);
      expect(d.customers).toBe(want.customers);
      expect(d.taggedCustomers).toBe(want.tagged);
      expect(flatTags(d)).toEqual(want.byTag);
    }
    expect(sup.customers).toBeLessThan(admin.customers);

    // Trend: today's tag changes are the audit table's, the supervisor's without team 2's.
    expect(sup.trend).toHaveLength(14);
    const sum = (d: Dashboard, k: 'added' | 'removed') => d.trend.reduce((n, p) => n + p[k], 0);
    expect(sum(sup, 'added')).toBe(auditCount('tag.add', team1, since));
    expect(sum(admin, 'added')).toBe(auditCount('tag.add', everyone, since));
    expect(sum(sup, 'added')).toBeGreaterThanOrEqual(2); // the relay write and the rule's
    expect(sum(admin, 'added')).toBeGreaterThan(sum(sup, 'added'));

    // Rule hits: one assignment per team.
    expect(sup.ruleHits).toEqual([{ ruleId: 'dash-visit', ruleName: '到店即需上门安装', assignments: 1, customers: 1, reverted: 0 }]);
    expect(admin.ruleHits).toEqual([{ ruleId: 'dash-visit', ruleName: '到店即需上门安装', assignments: 2, customers: 2, reverted: 0 }]);

    // Approvals: one pending each.
    expect(sup.approvals).toMatchObject({ pending: 1, overdue: 0 });
    expect(admin.approvals).toMatchObject({ pending: 2, overdue: 0 });

    // Devices: the supervisor and sales1 signed in on team 1; four in all.
    expect(sup.sync).toMatchObject({ members: team1.length, devices: 2, fresh: 2, stale: 0 });
    expect(admin.sync).toMatchObject({ devices: 4, fresh: 4 });
    expect(sup.sync.relayWrites7d).toBe(1);
    expect(admin.sync.relayWrites7d).toBe(2);

    // RFM: x is recent and high, y recent and low; each team sees its own.
    expect(sup.rfm).toEqual({ scored: 1, quadrants: { 近期高额: 1, 近期低额: 0, 久未购买高额: 0, 久未购买低额: 0 } });
    expect(admin.rfm).toEqual({ scored: 2, quadrants: { 近期高额: 1, 近期低额: 1, 久未购买高额: 0, 久未购买低额: 0 } });

    // Company descriptors: team 2's customer y is not the supervisor's.
    const price = (d: Dashboard) => d.descriptors.find((x) => x.descriptorId === 'price-sensitive')!.customers;
    expect(price(sup)).toBe(3);
    expect(price(admin)).toBe(4);
    expect(admin.descriptors.map((x) => x.name)).toContain('消费时段敏感型');

    // Withdrawn grants leave the figures.
    await api(demo, s2Token, 'DELETE', '/team/v1/descriptors/grants/grant-team2-aaaaaaaaaaaaaaaa');
    expect(price((await api<Dashboard>(demo, adminToken, 'GET', '/team/v1/dashboard')).body.value)).toBe(3);

    // Staff do not get a dashboard.
    const refused = await api(demo, s1Token, 'GET', '/team/v1/dashboard');
    expect(refused.status).toBe(403);
    expect(refused.body.error.userMessage).toMatch(/主管和管理员/);
  });
});
