// The events webhook and IF-THEN rules against the WeCom simulator over real HTTP: a request
// without the company's signature, or replayed after five minutes, is refused; a resent event
// is stored and acted on once; "clicked the product link 3 times in 3 days" tags the owner's
// relation and two clicks (or three spread over five days) do not; a rule that would tag a
// large share of customers is held until an admin confirms; reverting one automatic tag
// restores WeCom and, muted, the rule leaves that customer alone.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, openEvents, signIn } from '../team/helpers';
import { batchDone, customersWithout, hoursAgo, ingest, ownerOf, rule, saveRule, tagIdOf, wecomTags } from './helpers';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
let admin: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 200, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
});
afterAll(async () => demo?.close());

interface Assignment { id: string; ruleId: string; ruleVersion: number; eventId: string | null; action: string; tagId: string; tagName: string | null; revertedAt: number | null; batchId: string | null }

describe('the signed events webhook', () => {
  it('refuses unsigned, wrongly signed and replayed requests, and stores an event once', async () => {
    const [c] = customersWithout(demo, [], 1);
    const event = { id: 'sig-1', kind: 'group_joined', externalUserid: c, at: hoursAgo(1), chatId: 'wr-demo-group-1' };
    expect((await ingest(demo, [event], { signature: null })).status).toBe(401);
    expect((await ingest(demo, [event], { secret: 'not-the-secret' })).status).toBe(401);
    // Correctly signed, but six minutes old: a captured request replayed later.
    const old = await ingest(demo, [event], { timestamp: Math.floor(Date.now() / 1000) - 360 });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('unauthenticated');
    expect(demo.team.ctx.db.prepare(`SELECT count(*) FROM automation_events WHERE id = 'sig-1'`).pluck().get()).toBe(0);

    const first = await ingest(demo, [event]);
    expect(first.status).toBe(200);
    expect(first.body.value).toMatchObject({ accepted: 1, duplicates: 0 });
    const again = await ingest(demo, [event]);
    expect(again.body.value).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(demo.team.ctx.db.prepare(`SELECT count(*) FROM automation_events WHERE id = 'sig-1'`).pluck().get()).toBe(1);

    // Each kind is validated: a purchase without an amount is refused whole.
    const bad = await ingest(demo, [{ id: 'bad-1', kind: 'purchase', externalUserid: c, at: hoursAgo(1), orderId: 'o1', product: '净水器' }]);
    expect(bad.status).toBe(400);
  });

  it('acts once per event: a replayed form submission does not tag or audit twice', async () => {
    const intent = tagIdOf(demo, '购买意向', '高意向');
    const saved = await saveRule(demo, admin, rule('form-intent', {
      trigger: { kind: 'event', event: 'form_submitted' }, actions: [{ kind: 'addTag', tag: { groupName: '购买意向', tagName: '高意向' } }],
    }));
    expect(saved.status).toBe(200);
    const [c] = customersWithout(demo, [intent], 1);
    const owner = ownerOf(demo, c!);
    const event = { id: 'form-1', kind: 'form_submitted', externalUserid: c, userid: owner, at: hoursAgo(0.1), formId: 'trial-apply' };
    const r = await ingest(demo, [event]);
    const run = r.body.value.runs.find((x) => x.ruleId === 'form-intent')!;
    expect(run.status).toBe('applied');
    await batchDone(demo, admin, run.batchId!);
    expect(wecomTags(demo, owner, c!)).toContain(intent);

    const replay = await ingest(demo, [event]);
    expect(replay.body.value).toMatchObject({ accepted: 0, duplicates: 1, runs: [] });
    // Also a nightly pass over the same events does nothing new.
    const nightly = await api<{ runs: { ruleId: string; status: string }[] }>(demo, admin, 'POST', '/team/v1/automation/run', { ruleId: 'form-intent' });
    expect(nightly.body.value.runs[0]!.status).toBe('nothing');
    const prov = await api<{ assignments: Assignment[] }>(demo, admin, 'GET', `/team/v1/automation/provenance?externalUserid=${c}`);
    expect(prov.body.value.assignments).toHaveLength(1);
    expect(prov.body.value.assignments[0]).toMatchObject({ ruleId: 'form-intent', ruleVersion: 1, eventId: 'form-1', action: 'add', tagId: intent, tagName: '高意向' });
  });
});

describe('rules', () => {
  it('fires on the third product-link click within 72 hours, not on two, nor on three spread over five days', async () => {
    const lock = tagIdOf(demo, '产品偏好', '智能门锁');
    await saveRule(demo, admin, rule('clicks-3', {
      trigger: { kind: 'eventCount', event: 'link_clicked', atLeast: 3, withinHours: 72 }, actions: [{ kind: 'addTag', tag: { groupName: '产品偏好', tagName: '智能门锁' } }],
    }));
    const [a, b] = customersWithout(demo, [lock], 2);
    const click = (id: string, c: string, h: number) => ({ id, kind: 'link_clicked', externalUserid: c, at: hoursAgo(h), url: 'https://shop.example.com/p/lock-x3' });
    const two = await ingest(demo, [click('a1', a!, 50), click('a2', a!, 49), click('b1', b!, 120), click('b2', b!, 60)]);
    expect(two.body.value.runs.filter((x) => x.ruleId === 'clicks-3')).toEqual([]);
    const third = await ingest(demo, [click('a3', a!, 1), click('b3', b!, 1)]);
    const runs = third.body.value.runs.filter((x) => x.ruleId === 'clicks-3');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.customers).toBe(1);
    await batchDone(demo, admin, runs[0]!.batchId!);
    expect(wecomTags(demo, ownerOf(demo, a!), a!)).toContain(lock);
    expect(wecomTags(demo, ownerOf(demo, b!), b!)).not.toContain(lock);
    const prov = await api<{ assignments: Assignment[] }>(demo, admin, 'GET', `/team/v1/automation/provenance?externalUserid=${a}&tagId=${lock}`);
    expect(prov.body.value.assignments[0]).toMatchObject({ ruleId: 'clicks-3', eventId: 'a3' });
  });

  it('holds a rule that would tag a large share of customers, until an admin confirms', async () => {
    const diamond = tagIdOf(demo, '会员等级', '钻石会员');
    const visitors = customersWithout(demo, [diamond], 30);
    // The free-sample visitors arrive while the rule is still off.
    await ingest(demo, visitors.map((c, i) => ({ id: `visit-${i}`, kind: 'store_visit', externalUserid: c, at: hoursAgo(2), storeId: 'free-sample' })));
    const events = await openEvents(demo, admin);
    const before = visitors.map((c) => wecomTags(demo, ownerOf(demo, c), c));
    const saved = await saveRule<{ run: { status: string; customers: number; share: number } }>(demo, admin, rule('visit-vip', {
      trigger: { kind: 'event', event: 'store_visit' }, actions: [{ kind: 'addTag', tag: { groupName: '会员等级', tagName: '钻石会员' } }], maxShareWithoutConfirm: 0.05,
    }));
    expect(saved.body.value.run).toMatchObject({ status: 'held', customers: 30 });
    const st = demo.sim.runtime.state;
    const followed = [...st.customers.keys()].filter((c) => (st.byCustomer.get(c) ?? []).some((u) => st.members.has(u))).length;
    expect(saved.body.value.run.share).toBeCloseTo(30 / followed, 5);
    await events.next((e) => e.event.kind === 'admin.alert' && e.event.code === 'automation.held');
    events.close();
    expect(visitors.map((c) => wecomTags(demo, ownerOf(demo, c), c))).toEqual(before);
    // A new visitor while held changes nothing either.
    const [late] = customersWithout(demo, [diamond], 31).slice(30);
    const live = await ingest(demo, [{ id: 'visit-late', kind: 'store_visit', externalUserid: late, at: hoursAgo(1), storeId: 'free-sample' }]);
    expect(live.body.value.runs.find((x) => x.ruleId === 'visit-vip')?.status).toBe('held');

    const confirmed = await api<{ status: string; batchId: string; customers: number }>(demo, admin, 'POST', '/team/v1/automation/rules/visit-vip/confirm');
    expect(confirmed.body.value).toMatchObject({ status: 'applied', customers: 31 });
    await batchDone(demo, admin, confirmed.body.value.batchId);
    for (const c of [...visitors, late!]) expect(wecomTags(demo, ownerOf(demo, c), c)).toContain(diamond);
  });

  it('reverts one automatic assignment in WeCom, audited, and a muted rule leaves the customer alone', async () => {
    const intent = tagIdOf(demo, '购买意向', '高意向');
    const [c] = customersWithout(demo, [intent], 1);
    const owner = ownerOf(demo, c!);
    const before = wecomTags(demo, owner, c!);
    const r = await ingest(demo, [{ id: 'form-rv', kind: 'form_submitted', externalUserid: c, at: hoursAgo(0.1), formId: 'trial-apply' }]);
    await batchDone(demo, admin, r.body.value.runs.find((x) => x.ruleId === 'form-intent')!.batchId!);
    expect(wecomTags(demo, owner, c!)).toEqual([...before, intent].sort());

    // The owner reverts it from the chip.
    const member = await signIn(demo, owner);
    const prov = await api<{ assignments: Assignment[] }>(demo, member, 'GET', `/team/v1/automation/provenance?externalUserid=${c}&tagId=${intent}`);
    const assignment = prov.body.value.assignments[0]!;
    const reverted = await api<{ batch: { id: string }; provenance: Assignment; muted: boolean }>(demo, member, 'POST', `/team/v1/automation/provenance/${assignment.id}/revert`, { mute: true });
    expect(reverted.status).toBe(200);
    await batchDone(demo, member, reverted.body.value.batch.id);
    expect(wecomTags(demo, owner, c!)).toEqual(before);
    expect(reverted.body.value.provenance.revertedAt).not.toBeNull();
    const audited = demo.team.ctx.db.prepare(`SELECT count(*) FROM audit_events WHERE action = 'automation.revert' AND customer = ?`).pluck().get(c);
    expect(audited).toBe(1);
    expect((await api(demo, member, 'POST', `/team/v1/automation/provenance/${assignment.id}/revert`, { mute: false })).status).toBe(409);

    // Muted: the next form from this customer does not tag them again.
    const next = await ingest(demo, [{ id: 'form-rv-2', kind: 'form_submitted', externalUserid: c, at: hoursAgo(0.05), formId: 'trial-apply' }]);
    expect(next.body.value.runs.find((x) => x.ruleId === 'form-intent')).toBeUndefined();
    expect(wecomTags(demo, owner, c!)).toEqual(before);
  });

  it('imports orders from CSV (once), and a purchase moves the customer to 已成交 in the single-choice stage group and tells the owner', async () => {
    const stageGroup = demo.sim.company.tagGroups.find((g) => g.group_name === '客户阶段')!;
    const won = tagIdOf(demo, '客户阶段', '已成交');
    await saveRule(demo, admin, rule('paid-stage', {
      trigger: { kind: 'event', event: 'purchase' }, conditions: [{ kind: 'attribute', attribute: 'purchase_amount', op: 'gte', value: 1000 }],
      actions: [{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '已成交' } }, { kind: 'notifyMember', message: '客户已下单，请安排安装回访' }],
    }));
    const [big, small] = customersWithout(demo, [won], 2);
    const owner = ownerOf(demo, big!);
    const member = await signIn(demo, owner);
    const stream = await openEvents(demo, member);
    const at = new Date(Date.now() - 3_600_000);
    const day = `${at.getFullYear()}-${at.getMonth() + 1}-${at.getDate()}`;
    const csv = (rows: string[]) => Buffer.from(`\uFEFF订单号,客户ID,金额,商品,下单时间\n${rows.join('\n')}\n`).toString('base64');
    const bad = await api<{ errors: { row: number }[]; accepted: number }>(demo, admin, 'POST', '/team/v1/automation/orders', { fileBase64: csv([`SO-1,${big},"¥1,299",智能门锁 X3,${day}`, `SO-2,${small},不是金额,电动牙刷 T2,${day}`]) });
    expect(bad.body.value.accepted).toBe(0);
    expect(bad.body.value.errors.map((e) => e.row)).toEqual([3]);
    const good = await api<{ accepted: number; duplicates: number }>(demo, admin, 'POST', '/team/v1/automation/orders', { fileBase64: csv([`SO-1,${big},"¥1,299",智能门锁 X3,${day}`, `SO-2,${small},199,电动牙刷 T2,${day}`]) });
    expect(good.body.value).toMatchObject({ accepted: 2, duplicates: 0 });
    const twice = await api<{ accepted: number; duplicates: number }>(demo, admin, 'POST', '/team/v1/automation/orders', { fileBase64: csv([`SO-1,${big},"¥1,299",智能门锁 X3,${day}`]) });
    expect(twice.body.value).toMatchObject({ accepted: 0, duplicates: 1 });

    const notice = await stream.next((e) => e.event.kind === 'automation.notice' && e.event.externalUserid === big);
    stream.close();
    expect(notice.event).toMatchObject({ ruleId: 'paid-stage', message: '客户已下单，请安排安装回访' });
    const prov = await api<{ assignments: Assignment[] }>(demo, admin, 'GET', `/team/v1/automation/provenance?externalUserid=${big}&tagId=${won}`);
    await batchDone(demo, admin, prov.body.value.assignments[0]!.batchId!);
    const stages = wecomTags(demo, owner, big!).filter((t) => stageGroup.tags.some((x) => x.id === t));
    expect(stages).toEqual([won]);
    // 199 yuan is below the condition's 1000.
    expect(wecomTags(demo, ownerOf(demo, small!), small!)).not.toContain(won);
  });

  it('scores customers by RFM from their orders, and a rule tags only the 重要价值客户', async () => {
    const repeat = tagIdOf(demo, '客户阶段', '复购客户');
    await api(demo, admin, 'DELETE', '/team/v1/automation/rules/paid-stage');
    await saveRule(demo, admin, rule('rfm-repeat', {
      trigger: { kind: 'event', event: 'purchase' }, conditions: [{ kind: 'attribute', attribute: 'rfm_segment', op: 'eq', value: '重要价值客户' }],
      actions: [{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '复购客户' } }],
    }));
    const [top, lapsed] = customersWithout(demo, [repeat], 60).slice(-2);
    const buy = (id: string, c: string, h: number, amount: number) => ({ id, kind: 'purchase', externalUserid: c, at: hoursAgo(h), orderId: id, amount, product: '扫地机器人 S10', category: '扫地机器人' });
    // top: one order first (重要发展客户: not yet), then two more — three orders, 6,000 yuan, the last
    // yesterday; lapsed: one small order four months ago.
    await ingest(demo, [buy('rfm-1', top!, 24 * 20, 2000), buy('rfm-9', lapsed!, 24 * 120, 200)]);
    expect(wecomTags(demo, ownerOf(demo, top!), top!)).not.toContain(repeat);
    const third = await ingest(demo, [buy('rfm-2', top!, 24 * 10, 2000), buy('rfm-3', top!, 24, 2000)]);
    const run = third.body.value.runs.find((x) => x.ruleId === 'rfm-repeat')!;
    expect(run.status).toBe('applied');
    await batchDone(demo, admin, run.batchId!);
    expect(wecomTags(demo, ownerOf(demo, top!), top!)).toContain(repeat);
    expect(wecomTags(demo, ownerOf(demo, lapsed!), lapsed!)).not.toContain(repeat);

    const rfm = await api<{ scored: number; segments: Record<string, number>; quadrants: Record<string, number>; sample: { externalUserid: string; segment: string; quadrant: string; r: number; f: number; m: number }[] }>(demo, admin, 'POST', '/team/v1/automation/rfm', { sample: 500 });
    expect(rfm.status).toBe(200);
    expect(rfm.body.value.sample.find((s) => s.externalUserid === top)).toMatchObject({ segment: '重要价值客户', quadrant: '近期高额', r: 3, f: 2, m: 3 });
    expect(rfm.body.value.sample.find((s) => s.externalUserid === lapsed)).toMatchObject({ segment: '一般挽留客户', quadrant: '久未购买低额', r: 1, f: 1, m: 1 });
    expect(Object.values(rfm.body.value.segments).reduce((a, b) => a + b, 0)).toBe(rfm.body.value.scored);
    expect(Object.values(rfm.body.value.quadrants).reduce((a, b) => a + b, 0)).toBe(rfm.body.value.scored);
    const sales = await signIn(demo, 'liuyang');
    expect((await api(demo, sales, 'POST', '/team/v1/automation/rfm', {})).status).toBe(403);
  });

  it('reacts to a tag a person adds (not to its own writes): a complaint tag makes the customer 勿频繁打扰', async () => {
    const complaint = tagIdOf(demo, '售后状态', '投诉处理中');
    const quiet = tagIdOf(demo, '服务偏好', '勿频繁打扰');
    await saveRule(demo, admin, rule('complaint-quiet', {
      trigger: { kind: 'tagChanged', change: 'added', tag: { groupName: '售后状态', tagName: '投诉处理中' } }, actions: [{ kind: 'addTag', tag: { groupName: '服务偏好', tagName: '勿频繁打扰' } }],
    }));
    const [c] = customersWithout(demo, [complaint, quiet], 1);
    const owner = ownerOf(demo, c!);
    const bulk = await api<{ id: string }>(demo, admin, 'POST', '/team/v1/bulk', { selector: { externalUserids: [c], members: [owner] }, add: [complaint] });
    expect(bulk.status).toBe(201);
    await batchDone(demo, admin, bulk.body.value.id);
    const deadline = Date.now() + 20_000;
    while (!wecomTags(demo, owner, c!).includes(quiet)) {
      if (Date.now() > deadline) throw new Error('the tag-change rule never acted');
      await new Promise((r) => setTimeout(r, 50));
    }
    const prov = await api<{ assignments: Assignment[] }>(demo, admin, 'GET', `/team/v1/automation/provenance?externalUserid=${c}&tagId=${quiet}`);
    expect(prov.body.value.assignments).toHaveLength(1);
    expect(prov.body.value.assignments[0]).toMatchObject({ ruleId: 'complaint-quiet', action: 'add' });
  });
});
