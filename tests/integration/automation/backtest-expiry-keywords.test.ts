// Backtest, expiry and keyword auto-tagging against the WeCom simulator over real HTTP: a
// month of the demo's event stream is backtested and the numbers equal a hand count, and
// enabling the rule then tags exactly those customers; a rule's two-hour expiry and a group's
// TTL remove tags through an audited batch when due; chat text matches a synonym list
// (Traditional characters, a fuzzy 「脸有点痒痒的」) and a sensitive tag goes to the approval
// queue instead of WeCom.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { generateDemoStream } from '../../../src-server/team/automation/demo-stream';
import { api, signIn } from '../team/helpers';
import { batchDone, customersWithout, hoursAgo, ingest, ownerOf, rule, saveRule, tagIdOf, wecomTags } from './helpers';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
let admin: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 200, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
});
afterAll(async () => demo?.close());

const HOUR = 3_600_000;

describe('expiry', () => {
  it('removes a rule-given two-hour tag when due and group-TTL tags after their TTL, through an audited batch', { timeout: 120_000 }, async () => {
    const trial = tagIdOf(demo, '活动参与', '新品试用');
    await saveRule(demo, admin, rule('trial-ttl', {
      trigger: { kind: 'event', event: 'form_submitted' }, actions: [{ kind: 'addTag', tag: { groupName: '活动参与', tagName: '新品试用' }, ttlHours: 2 }],
    }));
    const [c] = customersWithout(demo, [trial], 1);
    const owner = ownerOf(demo, c!);
    const r = await ingest(demo, [{ id: 'ttl-form', kind: 'form_submitted', externalUserid: c, at: hoursAgo(0.01), formId: 'trial-apply' }]);
    await batchDone(demo, admin, r.body.value.runs.find((x) => x.ruleId === 'trial-ttl')!.batchId!);
    expect(wecomTags(demo, owner, c!)).toContain(trial);

    const sweep = (hours: number) => api<{ removed: number; relations: number; batchId: string | null }>(demo, admin, 'POST', '/team/v1/automation/expiry/run', { at: new Date(Date.now() + hours * HOUR).toISOString() });
    const early = await sweep(1);
    expect(early.body.value.removed).toBe(0);
    expect(wecomTags(demo, owner, c!)).toContain(trial);

    const due = await sweep(3);
    expect(due.body.value.relations).toBe(1);
    await batchDone(demo, admin, due.body.value.batchId!);
    expect(wecomTags(demo, owner, c!)).not.toContain(trial);
    expect(demo.team.ctx.db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'automation.expire'`).pluck().get()).toBe(1);

    // 活动参与 has a 90-day TTL in the demo policy: counted from the first sweep that saw each tag.
    const st = demo.sim.runtime.state;
    const campaignGroup = demo.sim.company.tagGroups.find((g) => g.group_name === '活动参与')!;
    const campaignIds = new Set(campaignGroup.tags.map((t) => t.id));
    const active = new Set(demo.team.ctx.directory.members().filter((m) => m.active).map((m) => m.userid));
    const carrying = [...st.relations.values()].filter((rel) => active.has(rel.userid) && rel.tag_ids.some((t) => campaignIds.has(t) && st.activeTag(t)));
    expect(carrying.length).toBeGreaterThan(10);
    const late = await sweep(24 * 91);
    expect(late.body.value.relations).toBe(carrying.length);
    await batchDone(demo, admin, late.body.value.batchId!);
    expect([...st.relations.values()].filter((rel) => active.has(rel.userid) && rel.tag_ids.some((t) => campaignIds.has(t) && st.activeTag(t)))).toHaveLength(0);
    expect((await api(demo, admin, 'DELETE', '/team/v1/automation/rules/trial-ttl')).status).toBe(200);
  });
});

describe('keyword auto-tagging', () => {
  it('tags 价格敏感 on the second matching message of the week, Traditional characters included', async () => {
    const price = tagIdOf(demo, '服务偏好', '价格敏感');
    await saveRule(demo, admin, rule('kw-price', {
      trigger: { kind: 'keyword', synonymListId: 'price-sensitive', minHits: 2, per: 'week' }, actions: [{ kind: 'addTag', tag: { groupName: '服务偏好', tagName: '价格敏感' } }],
    }));
    const [c] = customersWithout(demo, [price], 1);
    const owner = ownerOf(demo, c!);
    const chat = (id: string, text: string, from = 'customer') => ({ id, kind: 'chat_message', externalUserid: c, at: hoursAgo(0.02), text, from });
    const first = await ingest(demo, [chat('kw-1', '太貴了！！'), chat('kw-2', '便宜一点吧', 'member')]);
    expect(first.body.value.runs.filter((x) => x.ruleId === 'kw-price')).toEqual([]);
    const second = await ingest(demo, [chat('kw-3', '能 便 宜 一 点 吗')]);
    const run = second.body.value.runs.find((x) => x.ruleId === 'kw-price')!;
    expect(run.status).toBe('applied');
    await batchDone(demo, admin, run.batchId!);
    expect(wecomTags(demo, owner, c!)).toContain(price);
    expect((await api(demo, admin, 'DELETE', '/team/v1/automation/rules/kw-price')).status).toBe(200);
  });

  it('sends a sensitive tag matched through a synonym (「脸有点痒痒的」 → 皮肤敏感) to the approval queue, not to WeCom', async () => {
    // The admin creates the group in WeCom and marks it sensitive with approval in policy.
    const tok = (await (await fetch(`${demo.sim.url}/cgi-bin/gettoken?corpid=${demo.sim.corpid}&corpsecret=${demo.sim.corpsecret}`)).json()) as { access_token: string };
    const made = (await (await fetch(`${demo.sim.url}/cgi-bin/externalcontact/add_corp_tag?access_token=${tok.access_token}`, { method: 'POST', body: JSON.stringify({ group_name: '肌肤状况', tag: [{ name: '皮肤敏感' }] }) })).json()) as { errcode: number; tag_group: { group_id: string; tag: { id: string }[] } };
    expect(made.errcode).toBe(0);
    const policy = await api<Record<string, unknown> & { revision: number; tagGroups: unknown[] }>(demo, admin, 'GET', '/team/v1/policy');
    const doc = policy.body.value;
    const saved = await api(demo, admin, 'PUT', '/team/v1/policy', { ...doc, revision: doc.revision + 1, tagGroups: [...doc.tagGroups, { groupId: made.tag_group.group_id, baseline: 'apply', sensitivity: 'sensitive', approvalRequired: true }] });
    expect(saved.status).toBe(200);
    await saveRule(demo, admin, rule('kw-skin', {
      trigger: { kind: 'keyword', synonymListId: 'skin-sensitive', minHits: 1, per: 'day' }, actions: [{ kind: 'addTag', tag: { groupName: '肌肤状况', tagName: '皮肤敏感' } }],
    }));
    const [c] = customersWithout(demo, [], 1);
    const owner = ownerOf(demo, c!);
    const r = await ingest(demo, [{ id: 'kw-skin-1', kind: 'chat_message', externalUserid: c, at: hoursAgo(0.02), text: '脸有点痒痒的' }]);
    const run = r.body.value.runs.find((x) => x.ruleId === 'kw-skin') as { status: string; approvals?: number } | undefined;
    expect(run).toMatchObject({ status: 'nothing', approvals: 1 });
    expect(wecomTags(demo, owner, c!)).not.toContain(made.tag_group.tag[0]!.id);
    const queue = await api<{ approvals: { status: string; tagName: string; userid: string; externalUserid: string; reason: string }[] }>(demo, admin, 'GET', '/team/v1/approvals?status=pending');
    const req = queue.body.value.approvals.find((a) => a.externalUserid === c && a.tagName === '皮肤敏感');
    expect(req).toMatchObject({ status: 'pending', userid: owner });
    expect(req!.reason).toContain('kw-skin');
    // The same message again files nothing new.
    await ingest(demo, [{ id: 'kw-skin-2', kind: 'chat_message', externalUserid: c, at: hoursAgo(0.01), text: '脸有点痒痒的' }]);
    const again = await api<{ approvals: { externalUserid: string; tagName: string }[] }>(demo, admin, 'GET', '/team/v1/approvals?status=pending');
    expect(again.body.value.approvals.filter((a) => a.externalUserid === c && a.tagName === '皮肤敏感')).toHaveLength(1);
    expect((await api(demo, admin, 'DELETE', '/team/v1/automation/rules/kw-skin')).status).toBe(200);
  });
});

describe('backtest', () => {
  it('counts who a rule would tag over 30 days exactly as a hand count does, and enabling it does the same', { timeout: 120_000 }, async () => {
    const robot = tagIdOf(demo, '产品偏好', '扫地机器人');
    const st = demo.sim.runtime.state;
    const customers = customersWithout(demo, [], 150).map((c) => ({ externalUserid: c, userid: ownerOf(demo, c) }));
    const events = generateDemoStream({ seed: 7, customers, end: new Date(), days: 29 });
    for (let i = 0; i < events.length; i += 500) expect((await ingest(demo, events.slice(i, i + 500))).status).toBe(200);

    // By hand: customers with three clicks inside some 72-hour span; split by whether the owner has the tag today.
    const clicks = new Map<string, number[]>();
    for (const e of events) if (e.kind === 'link_clicked') clicks.set(e.externalUserid, [...(clicks.get(e.externalUserid) ?? []), Date.parse(e.at)]);
    const matched = [...clicks.entries()].filter(([, ts]) => ts.some((t) => ts.filter((u) => u > t - 72 * HOUR && u <= t).length >= 3)).map(([c]) => c);
    const lacking = matched.filter((c) => !wecomTags(demo, ownerOf(demo, c), c).includes(robot));
    expect(matched.length).toBeGreaterThan(3);
    expect(lacking.length).toBeGreaterThan(0);

    const draft = rule('bt-clicks', { enabled: false, trigger: { kind: 'eventCount', event: 'link_clicked', atLeast: 3, withinHours: 72 }, actions: [{ kind: 'addTag', tag: { groupName: '产品偏好', tagName: '扫地机器人' } }] });
    const before = new Map([...st.relations.entries()].map(([k, r]) => [k, [...r.tag_ids]]));
    const bt = await api<{ matchedCustomers: number; wouldChangeCustomers: number; alreadyAsToday: number; diff: { externalUserid: string; add: { tagId: string }[] }[] }>(demo, admin, 'POST', '/team/v1/automation/backtest', { rule: draft });
    expect(bt.status).toBe(200);
    expect(bt.body.value.matchedCustomers).toBe(matched.length);
    expect(bt.body.value.wouldChangeCustomers).toBe(lacking.length);
    expect(bt.body.value.alreadyAsToday).toBe(matched.length - lacking.length);
    expect(new Set(bt.body.value.diff.filter((d) => d.add.length).map((d) => d.externalUserid))).toEqual(new Set(lacking));
    // A backtest writes nothing.
    const afterBt = new Map([...st.relations.entries()].map(([k, r]) => [k, [...r.tag_ids]]));
    expect([...afterBt.entries()].filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before.get(k))).map(([k, v]) => [k, v, before.get(k)])).toEqual([]);

    const enabled = await api<{ run: { status: string; customers: number; batchId: string } }>(demo, admin, 'PUT', '/team/v1/automation/rules/bt-clicks', { ...draft, enabled: true });
    expect(enabled.body.value.run).toMatchObject({ status: 'applied', customers: lacking.length });
    await batchDone(demo, admin, enabled.body.value.run.batchId);
    for (const c of lacking) expect(wecomTags(demo, ownerOf(demo, c), c)).toContain(robot);
  });
});
