// Lifecycle from the shipped templates, against the WeCom simulator over real HTTP: customers
// in 已成交 whose last order is more than six months old move to 已流失 in the nightly pass (and
// the owner hears of it), one with a recent order stays; a second pass changes nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from '../team/helpers';
import { batchDone, hoursAgo, ingest, ownerOf, tagIdOf, wecomTags } from './helpers';
import type { AutomationRule } from '../../../src-shared/policy/index';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
let admin: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 150, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
});
afterAll(async () => demo?.close());

describe('lifecycle templates', () => {
  it('moves paying customers without an order for six months to 已流失 in the nightly pass, once', { timeout: 60_000 }, async () => {
    const won = tagIdOf(demo, '客户阶段', '已成交');
    const lost = tagIdOf(demo, '客户阶段', '已流失');
    const st = demo.sim.runtime.state;
    const paying = [...st.customers.keys()].sort().filter((c) => (st.byCustomer.get(c) ?? []).some((u) => st.members.has(u)) && wecomTags(demo, ownerOf(demo, c), c).includes(won));
    expect(paying.length).toBeGreaterThanOrEqual(3);
    const [old1, old2, recent] = paying;
    const buy = (id: string, c: string, daysAgo: number) => ({ id, kind: 'purchase', externalUserid: c, at: hoursAgo(24 * daysAgo), orderId: id, amount: 999, product: '净水器 R7' });
    await ingest(demo, [buy('lc-1', old1!, 200), buy('lc-2', old2!, 400), buy('lc-3', recent!, 20)]);

    const templates = await api<{ templates: AutomationRule[] }>(demo, admin, 'GET', '/team/v1/automation/templates');
    const churn = templates.body.value.templates.find((t) => t.id === 'lifecycle-churn')!;
    expect(churn.enabled).toBe(false);
    const draft = { ...churn, maxShareWithoutConfirm: 0.5 };
    const bt = await api<{ wouldChangeCustomers: number; diff: { externalUserid: string }[] }>(demo, admin, 'POST', '/team/v1/automation/backtest', { rule: draft });
    expect(new Set(bt.body.value.diff.map((d) => d.externalUserid))).toEqual(new Set([old1, old2]));

    const saved = await api<{ run: { status: string; customers: number; batchId: string } }>(demo, admin, 'PUT', '/team/v1/automation/rules/lifecycle-churn', { ...draft, enabled: true });
    expect(saved.body.value.run).toMatchObject({ status: 'applied', customers: 2 });
    await batchDone(demo, admin, saved.body.value.run.batchId);
    for (const c of [old1!, old2!]) {
      const tags = wecomTags(demo, ownerOf(demo, c), c);
      expect(tags).toContain(lost);
      expect(tags).not.toContain(won);
    }
    expect(wecomTags(demo, ownerOf(demo, recent!), recent!)).toContain(won);
    const again = await api<{ runs: { status: string }[] }>(demo, admin, 'POST', '/team/v1/automation/run', { ruleId: 'lifecycle-churn' });
    expect(again.body.value.runs[0]!.status).toBe('nothing');
  });
});
