// Company policy for automation, against the WeCom simulator over real HTTP: the RFM thresholds
// are kept in policy (admins save them, validated and audited; supervisors read them), and a
// value-tier rule scores segments with them — changing them changes whom the backtest shows
// and whom enabling then tags, identically. The server refuses to enable a rule whose exact
// content was not backtested in the last 24 hours, through the rule API and the policy API.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import type { PolicyDocument } from '../../../src-shared/policy/index';
import { api, signIn } from '../team/helpers';
import { batchDone, customersWithout, hoursAgo, ingest, ownerOf, rule, tagIdOf, wecomTags } from './helpers';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
let admin: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 120, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
});
afterAll(async () => demo?.close());

interface Backtest { wouldChangeCustomers: number; diff: { externalUserid: string; add: { tagId: string }[] }[] }
interface Rfm { thresholds: unknown; policyThresholds: unknown; sample: { externalUserid: string; segment: string }[] }
type Reply<T> = { status: number; body: { ok: boolean; value: T; error: { code: string; userMessage: string } } };

const auditOf = (action: string): { actor: string; before: unknown; after: Record<string, unknown> }[] =>
  (demo.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE action = ? ORDER BY at, seq`).pluck().all(action) as string[]).map((b) => JSON.parse(b) as never);

describe('RFM thresholds in policy', () => {
  it('changing the thresholds changes which customers a value-tier rule tags, and backtest and live run agree', { timeout: 120_000 }, async () => {
    const tier = tagIdOf(demo, '客户阶段', '复购客户');
    const [big, frequent] = customersWithout(demo, [tier], 2);
    const buy = (id: string, c: string, daysAgo: number, amount: number) => ({ id, kind: 'purchase', externalUserid: c, at: hoursAgo(24 * daysAgo), orderId: id, amount, product: '净水器 R7' });
    // big: 3 orders, 3,000 yuan; frequent: 4 orders, 600 yuan — all within the last 30 days.
    await ingest(demo, [buy('rt-b1', big!, 20, 1000), buy('rt-b2', big!, 12, 1000), buy('rt-b3', big!, 5, 1000),
      buy('rt-f1', frequent!, 25, 150), buy('rt-f2', frequent!, 18, 150), buy('rt-f3', frequent!, 9, 150), buy('rt-f4', frequent!, 3, 150)]);
    const draft = rule('rt-vip', {
      enabled: false, trigger: { kind: 'event', event: 'purchase' },
      conditions: [{ kind: 'attribute', attribute: 'rfm_segment', op: 'eq', value: '重要价值客户' }],
      actions: [{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '复购客户' } }],
    });
    expect((await api(demo, admin, 'PUT', '/team/v1/automation/rules/rt-vip', draft)).status).toBe(200);
    const added = (bt: Reply<Backtest>) => new Set(bt.body.value.diff.filter((d) => d.add.some((t) => t.tagId === tier)).map((d) => d.externalUserid));

    // Default thresholds (F 2/4 orders, M 1,000/5,000 yuan): big is 重要价值客户, frequent's 600 yuan is not.
    const before = await api<Backtest>(demo, admin, 'POST', '/team/v1/automation/backtest', { ruleId: 'rt-vip' });
    expect(added(before)).toEqual(new Set([big]));

    // A supervisor reads the company's thresholds but may neither change nor try others.
    const sup = await signIn(demo, 'chenjing');
    const next = { recencyDays: [30, 90], frequency: [4, 6], monetary: [500, 5000] };
    expect((await api(demo, sup, 'PUT', '/team/v1/automation/rfm-thresholds', { thresholds: next })).status).toBe(403);
    expect((await api(demo, sup, 'POST', '/team/v1/automation/rfm', { thresholds: next, sample: 0 })).status).toBe(403);
    // Bad thresholds: a specific Chinese message, nothing saved.
    const revision = demo.team.ctx.policy.current().revision;
    const bad = await api(demo, admin, 'PUT', '/team/v1/automation/rfm-thresholds', { thresholds: { ...next, monetary: [5000, 500] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.userMessage).toBe('客户价值阈值不正确：累计金额：2 分的金额应不大于 3 分的金额');
    const negative = await api(demo, admin, 'PUT', '/team/v1/automation/rfm-thresholds', { thresholds: { ...next, recencyDays: [0, 90] } });
    expect(negative.body.error.userMessage).toBe('客户价值阈值不正确：天数至少为 1');
    expect(demo.team.ctx.policy.current().revision).toBe(revision);

    const saved = await api<{ thresholds: unknown; revision: number }>(demo, admin, 'PUT', '/team/v1/automation/rfm-thresholds', { thresholds: next });
    expect(saved.status).toBe(200);
    expect(saved.body.value).toEqual({ thresholds: next, revision: revision + 1 });
    expect(demo.team.ctx.policy.current().rfmThresholds).toEqual(next);
    expect(auditOf('automation.rfmThresholds').at(-1)).toMatchObject({ actor: 'linxue', before: { frequency: [2, 4], monetary: [1000, 5000] }, after: next });
    const seen = await api<Rfm>(demo, sup, 'POST', '/team/v1/automation/rfm', { sample: 500 });
    expect(seen.status).toBe(200);
    expect(seen.body.value).toMatchObject({ thresholds: next, policyThresholds: next });

    // The earlier backtest was under the old thresholds: it no longer counts for enabling.
    const stale = await api(demo, admin, 'PUT', '/team/v1/automation/rules/rt-vip', { ...draft, enabled: true });
    expect(stale.status).toBe(409);
    expect(stale.body.error.userMessage).toContain('启用前请先回测当前版本的规则');

    // New thresholds: big's 3 orders are below F 4 (重要发展客户); frequent's 4 orders and 600 yuan make 重要价值客户.
    const after = await api<Backtest>(demo, admin, 'POST', '/team/v1/automation/backtest', { ruleId: 'rt-vip' });
    expect(added(after)).toEqual(new Set([frequent]));
    const enabled = await api<{ run: { status: string; customers: number; batchId: string } }>(demo, admin, 'PUT', '/team/v1/automation/rules/rt-vip', { ...draft, enabled: true });
    expect(enabled.status).toBe(200);
    expect(enabled.body.value.run).toMatchObject({ status: 'applied', customers: after.body.value.wouldChangeCustomers });
    await batchDone(demo, admin, enabled.body.value.run.batchId);
    expect(wecomTags(demo, ownerOf(demo, frequent!), frequent!)).toContain(tier);
    expect(wecomTags(demo, ownerOf(demo, big!), big!)).not.toContain(tier);
    // The chart's segments are the rule's.
    const chart = await api<Rfm>(demo, admin, 'POST', '/team/v1/automation/rfm', { sample: 500 });
    expect(chart.body.value.sample.find((s) => s.externalUserid === frequent)?.segment).toBe('重要价值客户');
    expect(chart.body.value.sample.find((s) => s.externalUserid === big)?.segment).toBe('重要发展客户');
  });
});

describe('backtest before enabling, on the server', () => {
  it('refuses to enable a rule whose exact content was not backtested within 24 hours', { timeout: 60_000 }, async () => {
    const draft = rule('gate-form', { enabled: false, trigger: { kind: 'event', event: 'form_submitted' }, actions: [{ kind: 'addTag', tag: { groupName: '服务偏好', tagName: '需上门安装' } }] });
    const listed = async () => (await api<{ rules: { rule: { id: string; enabled: boolean; version: number } }[] }>(demo, admin, 'GET', '/team/v1/automation/rules')).body.value.rules.find((r) => r.rule.id === 'gate-form')?.rule;

    // Never backtested: 409, and nothing saved.
    const refused = await api(demo, admin, 'PUT', '/team/v1/automation/rules/gate-form', { ...draft, enabled: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'conflict' });
    expect(refused.body.error.userMessage).toContain('启用前请先回测当前版本的规则');
    expect(await listed()).toBeUndefined();

    // Backtested, then changed (even only the name): that content was not backtested.
    expect((await api(demo, admin, 'POST', '/team/v1/automation/backtest', { rule: draft })).status).toBe(200);
    expect(auditOf('automation.backtest').at(-1)).toMatchObject({ actor: 'linxue', after: { ruleId: 'gate-form' } });
    expect((await api(demo, admin, 'PUT', '/team/v1/automation/rules/gate-form', { ...draft, name: '上门安装预约', enabled: true })).status).toBe(409);
    expect((await api(demo, admin, 'PUT', '/team/v1/automation/rules/gate-form', { ...draft, enabled: true })).status).toBe(200);
    expect(await listed()).toMatchObject({ enabled: true, version: 1 });
    // Saving the enabled rule unchanged, or disabling it, enables nothing new.
    expect((await api(demo, admin, 'PUT', '/team/v1/automation/rules/gate-form', { ...draft, enabled: true })).status).toBe(200);
    expect((await api(demo, admin, 'PUT', '/team/v1/automation/rules/gate-form', draft)).status).toBe(200);

    // A backtest older than 24 hours no longer counts.
    demo.team.ctx.db.prepare(`UPDATE automation_backtests SET at = at - ? WHERE rule_id = 'gate-form'`).run(25 * 3_600_000);
    const old = await api(demo, admin, 'PUT', '/team/v1/automation/rules/gate-form', { ...draft, enabled: true });
    expect(old.status).toBe(409);
    expect(old.body.error.userMessage).toContain('回测已超过 24 小时');
    expect(await listed()).toMatchObject({ enabled: false });

    // The whole-policy API is held to the same rule.
    const doc = (await api<PolicyDocument>(demo, admin, 'GET', '/team/v1/policy')).body.value;
    const viaPolicy = await api(demo, admin, 'PUT', '/team/v1/policy', { ...doc, revision: doc.revision + 1, automationRules: doc.automationRules.map((r) => (r.id === 'gate-form' ? { ...r, enabled: true } : r)) });
    expect(viaPolicy.status).toBe(409);
    expect(demo.team.ctx.policy.current().revision).toBe(doc.revision);
    expect((await api(demo, admin, 'POST', '/team/v1/automation/backtest', { ruleId: 'gate-form' })).status).toBe(200);
    expect((await api(demo, admin, 'PUT', '/team/v1/policy', { ...doc, revision: doc.revision + 1, automationRules: doc.automationRules.map((r) => (r.id === 'gate-form' ? { ...r, enabled: true } : r)) })).status).toBe(200);
  });
});
