// The catalog screen's layout and group policy, and the quarterly clean-up report, over HTTP:
// WeCom's order, origins after a refusal, policy saved as an audited revision (admins only,
// validated, refused on top of someone else's change), and a report that finds what was planted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import type { CatalogLayout, CleanupReport } from '../../../src-shared/team-api/catalog-governance';
import { api, signIn } from '../team/helpers';

let demo: DemoTeam;
let admin: string;
let supervisor: string;
let sales: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
  supervisor = await signIn(demo, 'chenjing');
  sales = await signIn(demo, 'liuyang');
}, 60_000);
afterAll(async () => demo?.close());

const layout = async (token: string) => (await api<CatalogLayout>(demo, token, 'GET', '/team/v1/catalog/layout')).body.value;

describe('catalog layout', () => {
  it("lists groups in WeCom's order (larger order first) and marks a refused group read-only", async () => {
    const st = demo.sim.runtime.state;
    const stage = st.groupByName('客户阶段')!;
    const edited = await api(demo, admin, 'POST', `/team/v1/catalog/items/${stage.group_id}/edit`, { order: 1000 });
    expect(edited.status).toBe(200);
    let l = await layout(admin);
    expect(l.groups[0]!.groupName).toBe('客户阶段');
    expect(l.groups[0]!.order).toBe(1000);
    expect(l.canEditPolicy).toBe(true);

    const region = st.groupByName('地域')!;
    expect(l.groups.find((g) => g.groupId === region.group_id)).toMatchObject({ origin: 'unknown', readOnlyReason: null });
    const refused = await api(demo, admin, 'POST', `/team/v1/catalog/items/${region.group_id}/edit`, { name: '区域' });
    expect(refused.status).toBe(403);
    l = await layout(admin);
    expect(l.groups.find((g) => g.groupId === region.group_id)).toMatchObject({ origin: 'external', canManage: false });
    expect(l.groups.find((g) => g.groupId === region.group_id)!.readOnlyReason).toContain('企业微信管理后台');
  });

  it('is for supervisors and admins; a supervisor may not edit policy', async () => {
    expect((await api(demo, sales, 'GET', '/team/v1/catalog/layout')).status).toBe(403);
    const l = await layout(supervisor);
    expect(l.canEditPolicy).toBe(false);
    expect(l.canCreateGroups).toBe(false);
  });
});

describe('group policy', () => {
  it('saves a group policy as an audited revision; refuses non-admins, invalid policies and stale editors', async () => {
    const group = demo.sim.runtime.state.groupByName('购买意向')!;
    const base = await layout(admin);
    const policy = { groupId: group.group_id, baseline: 'view', grants: [{ role: 'sales', level: 'apply' }], limits: [], sensitivity: 'sensitive', approvalRequired: true, singleChoice: true, ttlHours: 720 };
    const path = `/team/v1/catalog/groups/${group.group_id}/policy`;
    expect((await api(demo, supervisor, 'PUT', path, { policy, baseRevision: base.revision })).status).toBe(403);
    const invalid = await api(demo, admin, 'PUT', path, { policy: { ...policy, sensitivity: 'restricted', approvalRequired: false }, baseRevision: base.revision });
    expect(invalid.status).toBe(400);
    expect((invalid.body.error as unknown as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path: 'policy.approvalRequired', message: '「严格受限」级别的标签组必须开启审批' });
    expect(demo.team.ctx.policy.current().revision).toBe(base.revision);
    const saved = await api<CatalogLayout>(demo, admin, 'PUT', path, { policy, baseRevision: base.revision });
    expect(saved.status).toBe(200);
    expect(saved.body.value.revision).toBe(base.revision + 1);
    expect(saved.body.value.groups.find((g) => g.groupId === group.group_id)!.policy).toMatchObject({ sensitivity: 'sensitive', singleChoice: true, ttlHours: 720 });
    expect(demo.team.ctx.policy.current().tagGroups.find((g) => g.groupId === group.group_id)).toMatchObject({ baseline: 'view', approvalRequired: true });
    const audit = demo.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE action = 'policy.tagGroup.save' ORDER BY seq DESC LIMIT 1`).pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ actor: 'linxue', after: { groupId: group.group_id, sensitivity: 'sensitive' } });

    // An editor opened before that save is refused rather than overwriting it.
    const stale = await api(demo, admin, 'PUT', path, { policy: null, baseRevision: base.revision });
    expect(stale.status).toBe(409);
    // Back to the company default.
    const reset = await api<CatalogLayout>(demo, admin, 'PUT', path, { policy: null, baseRevision: base.revision + 1 });
    expect(reset.body.value.groups.find((g) => g.groupId === group.group_id)!.policy).toBeNull();
  });
});

describe('quarterly clean-up report', () => {
  it('names unused tags, near-duplicates and oversized groups, with recommendations; admins only', async () => {
    const st = demo.sim.runtime.state;
    const value = st.groupByName('价值等级')!;
    const made = await api<{ tag: { id: string; name: string }[] }>(demo, admin, 'POST', `/team/v1/catalog/groups/${value.group_id}/tags`, { tags: [{ name: 'VIP客户' }, { name: '从未使用' }] });
    expect(made.status).toBe(201);
    expect((await api(demo, supervisor, 'GET', '/team/v1/governance/report')).status).toBe(403);
    const r = await api<CleanupReport>(demo, admin, 'GET', '/team/v1/governance/report');
    expect(r.status).toBe(200);
    const report = r.body.value;
    expect(report.unused.map((u) => u.tagName)).toEqual(expect.arrayContaining(['VIP客户', '从未使用']));
    expect(report.duplicates.some((p) => [p.a.tagName, p.b.tagName].sort().join() === ['VIP', 'VIP客户'].sort().join())).toBe(true);
    expect(report.recommendations).toContainEqual({ code: 'merge_duplicate', keep: 'VIP', merge: 'VIP客户', reason: expect.stringContaining('名称相近') as string });
    expect(report.recommendations.some((x) => x.code === 'delete_unused')).toBe(true);
    expect(report.oversizedGroups).toEqual([]);
    expect(report.totals.tags).toBe([...st.tags.values()].filter((t) => !t.deleted && !st.groups.get(t.groupId)!.deleted).length);
    expect(Date.parse(report.generatedAt) - Date.parse(report.periodStart)).toBe(90 * 24 * 3600_000);
  });
});
