// Mute rules on a real demo team over loopback HTTP: an admin previews a rule before it goes
// live, a salesperson sees why a partner is muted at night, a supervisor lifts company rules
// for a customer and the lift runs out by itself (both audited); a tag-targeted mass message
// leaves out the customers who get no marketing and those at WeCom's monthly cap; the rule
// pack's block-level words reach WeCom as intercept rules and follow the rule pack.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { PolicyDocument } from '../../../src-shared/policy/index';
import type { MuteLift, MutePreview, MuteVerdict } from '../../../src-shared/mute/index';
import type { InterceptSyncResult, MessagePreviewResult } from '../../../src-shared/team-api/mute';
import { api, signIn, wecomTruth } from './helpers';

let demo: DemoTeam;
let admin: string, sales: string, supervisor: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 150, reconcileIntervalMs: 0 });
  [admin, sales, supervisor] = await Promise.all([signIn(demo, 'linxue'), signIn(demo, 'liuyang'), signIn(demo, 'chenjing')]);
});
afterAll(async () => demo?.close());

const tagIdOf = (name: string): string => demo.sim.company.tagGroups.flatMap((g) => g.tags).find((t) => t.name === name)!.id;
const valueTags = (): string[] => demo.sim.company.tagGroups.find((g) => g.group_name === '价值等级')!.tags.map((t) => t.id);
const liuyangCustomers = (): string[] => demo.sim.company.relations.filter((r) => r.userid === 'liuyang').map((r) => r.external_userid);

/** Puts tags on liuyang's relation in WeCom itself (as a colleague in the WeCom client would). */
async function tag(external: string, add: string[], remove: string[] = []): Promise<void> {
  await wecomTruth(demo).markTag({ userid: 'liuyang', external_userid: external, add_tag: add.map(tagIdOf), ...(remove.length ? { remove_tag: remove } : {}) });
}

/** Sends add_msg_template through the relay as the desktop does (gettoken with the device token). */
async function relayMassMessage(deviceToken: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const t = (await (await fetch(`${demo.team.url}/cgi-bin/gettoken?corpid=${demo.sim.corpid}&corpsecret=${deviceToken}`)).json()) as { access_token: string };
  const res = await fetch(`${demo.team.url}/cgi-bin/externalcontact/add_msg_template?access_token=${t.access_token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

async function savePolicy(change: (p: PolicyDocument) => Partial<PolicyDocument>): Promise<PolicyDocument> {
  const current = (await api<PolicyDocument>(demo, admin, 'GET', '/team/v1/policy')).body.value;
  const saved = await api<PolicyDocument>(demo, admin, 'PUT', '/team/v1/policy', { ...current, ...change(current), revision: current.revision + 1 });
  expect(saved.status).toBe(200);
  return saved.body.value;
}

describe('the verdict over HTTP', () => {
  it('a supplier of liuyang is muted at 21:00 by 合作方夜间静音 and open at noon', async () => {
    const supplier = liuyangCustomers()[0]!;
    await tag(supplier, ['供应商'], valueTags());
    const night = await api<{ verdict: MuteVerdict }>(demo, sales, 'GET', `/team/v1/mute/verdict?customer=${supplier}&at=${encodeURIComponent('2026-03-10T21:00:00+08:00')}`);
    expect(night.status).toBe(200);
    expect(night.body.value.verdict).toMatchObject({ state: 'muted', untilText: '明日 09:00' });
    expect(night.body.value.verdict.sentence).toBe('静音至 明日 09:00 · 规则「合作方夜间静音」');
    const noon = await api<{ verdict: MuteVerdict }>(demo, sales, 'GET', `/team/v1/mute/verdict?customer=${supplier}&at=${encodeURIComponent('2026-03-10T12:00:00+08:00')}`);
    expect(noon.body.value.verdict.state).toBe('open');
  });
  it('on the National Day holiday the partner is muted all day', async () => {
    const supplier = liuyangCustomers()[0]!;
    const v = await api<{ verdict: MuteVerdict }>(demo, sales, 'GET', `/team/v1/mute/verdict?customer=${supplier}&at=${encodeURIComponent('2026-10-02T12:00:00+08:00')}`);
    expect(v.body.value.verdict.state).toBe('muted');
  });
  it('a salesperson may not look at a colleague\'s verdicts', async () => {
    const r = await api(demo, sales, 'GET', `/team/v1/mute/verdict?member=zhaolei&customer=${liuyangCustomers()[0]!}`);
    expect(r.status).toBe(403);
  });
});

describe('temporary lifts', () => {
  it('staff lift only their own rules; a supervisor lifts company rules for the team; lifts run out and are audited', async () => {
    const supplier = liuyangCustomers()[0]!;
    await savePolicy((p) => ({ muteRules: [...p.muteRules, { id: 'suppliers-always', name: '供应商全天静音', owner: { kind: 'company' }, scope: { everyone: true, memberIds: [], departmentIds: [] }, match: '客户类型:供应商', schedule: { timeZone: 'Asia/Shanghai', windows: [], onHolidays: 'asWeekday' }, effect: 'mute', priority: 100, enabled: true }] }));
    const refused = await api(demo, sales, 'POST', '/team/v1/mute/lifts', { target: { kind: 'contact', externalUserid: supplier }, reason: '客户约了通话', covers: 'company' });
    expect(refused.status).toBe(403);

    const lift = await api<MuteLift>(demo, supervisor, 'POST', '/team/v1/mute/lifts', { target: { kind: 'contact', externalUserid: supplier }, reason: '供应商今晚到货需沟通' });
    expect(lift.status).toBe(201);
    expect(lift.body.value).toMatchObject({ covers: 'company', createdBy: 'chenjing' });
    expect(Date.parse(lift.body.value.until) - Date.parse(lift.body.value.from)).toBe(4 * 3_600_000);
    expect(lift.body.value.memberIds).toContain('liuyang');
    const during = await api<{ verdict: MuteVerdict }>(demo, sales, 'GET', `/team/v1/mute/verdict?customer=${supplier}`);
    expect(during.body.value.verdict.state).toBe('open');
    expect(during.body.value.verdict.lifts[0]).toMatchObject({ by: 'chenjing', reason: '供应商今晚到货需沟通' });
    const after = await api<{ verdict: MuteVerdict }>(demo, sales, 'GET', `/team/v1/mute/verdict?customer=${supplier}&at=${encodeURIComponent(new Date(Date.parse(lift.body.value.until) + 1000).toISOString())}`);
    expect(after.body.value.verdict.state).toBe('muted');

    // Only its creator (or an admin) ends a lift early; then the rule applies again at once.
    expect((await api(demo, sales, 'DELETE', `/team/v1/mute/lifts/${lift.body.value.id}`)).status).toBe(403);
    expect((await api(demo, supervisor, 'DELETE', `/team/v1/mute/lifts/${lift.body.value.id}`)).status).toBe(200);
    expect((await api<{ verdict: MuteVerdict }>(demo, sales, 'GET', `/team/v1/mute/verdict?customer=${supplier}`)).body.value.verdict.state).toBe('muted');

    // A very short lift: its expiry is recorded by the next read once its time is up.
    const short = await api<MuteLift>(demo, sales, 'POST', '/team/v1/mute/lifts', { target: { kind: 'contact', externalUserid: supplier }, reason: '测试短时解除', hours: 0.0001 });
    expect(short.body.value.covers).toBe('own');
    for (let i = 0; i < 200; i++) {
      const list = await api<{ lifts: MuteLift[] }>(demo, sales, 'GET', '/team/v1/mute/lifts');
      if (!list.body.value.lifts.some((l) => l.id === short.body.value.id)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const audit = await api<{ events: { action: string; after: { liftId?: string } | null; before: { liftId?: string } | null }[] }>(demo, admin, 'GET', '/team/v1/audit?limit=50');
    const actions = audit.body.value.events.map((e) => e.action);
    expect(actions).toContain('mute.lift.create');
    expect(actions).toContain('mute.lift.end');
    expect(audit.body.value.events.some((e) => e.action === 'mute.lift.expire' && e.before?.liftId === short.body.value.id)).toBe(true);
    await savePolicy((p) => ({ muteRules: p.muteRules.filter((r) => r.id !== 'suppliers-always') }));
  });
});

describe('the preview before a rule goes live', () => {
  it('shows the draft as a 7-day hourly heatmap and counts the contacts it touches, as WeCom has them', async () => {
    const draft = { id: 'draft-night', name: '经销商夜间静音', owner: { kind: 'company' }, scope: { everyone: true }, match: '客户类型:经销商',
      schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5], start: '19:00', end: '09:00' }] }, effect: 'mute' };
    const r = await api<MutePreview & { problems: unknown[] }>(demo, admin, 'POST', '/team/v1/mute/preview', { rule: draft, start: '2026-03-09T00:00:00+08:00' });
    expect(r.status).toBe(200);
    const row = r.body.value.rules.find((x) => x.ruleId === 'draft-night')!;
    expect(row.hours).toHaveLength(168);
    expect(row.hours.slice(0, 24)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(row.hours.slice(24, 33)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // Ground truth from the simulator: customers with 经销商 on any relation of an active member.
    const dealer = tagIdOf('经销商');
    const active = new Set(demo.sim.company.staff.filter((s) => !s.resigned).map((s) => s.userid));
    const expected = new Set(demo.sim.company.relations.filter((x) => active.has(x.userid) && x.tag_ids.includes(dealer)).map((x) => x.external_userid));
    expect(row.contacts).toBe(expected.size);
    expect(r.body.value.members.find((m) => m.userid === 'liuyang')!.quiet).toHaveLength(168);
  });
  it('refuses an invalid draft field by field, and staff cannot preview company rules', async () => {
    const bad = await api(demo, admin, 'POST', '/team/v1/mute/preview', { rule: { id: 'x', name: 'x', owner: { kind: 'company' }, scope: { everyone: true }, match: '客户类型:经销商', schedule: { timeZone: 'Mars/Base' }, effect: 'mute' } });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { issues?: { path: string }[] }).issues?.[0]?.path).toBe('schedule.timeZone');
    const staff = await api(demo, sales, 'POST', '/team/v1/mute/preview', {});
    expect(staff.status).toBe(403);
  });
});

describe('a tag-targeted mass message', () => {
  const everyone = '客户阶段:已成交 或 非 客户阶段:已成交';
  it('leaves out customers who get no marketing and those at the monthly cap, and the relay enforces both', async () => {
    const [, quiet, busy] = liuyangCustomers();
    await tag(quiet!, ['勿频繁打扰']);
    // Four messages to `busy` this month already: WeCom's cap.
    for (let i = 0; i < 4; i++) {
      const sent = await relayMassMessage(sales, { chat_type: 'single', sender: 'liuyang', external_userid: [busy], text: { content: `三月新品第${i + 1}期` } });
      expect(sent.errcode).toBe(0);
    }
    const p = await api<MessagePreviewResult>(demo, sales, 'POST', '/team/v1/messages/preview', { expression: everyone, text: '春季新品上市，欢迎到店体验' });
    expect(p.status).toBe(200);
    const v = p.body.value;
    expect(v.matched).toBe(liuyangCustomers().length);
    expect(v.recipientIds).not.toContain(quiet);
    expect(v.recipientIds).not.toContain(busy);
    expect(v.excluded.monthlyCap).toBe(1);
    expect(v.excluded.suppressed).toBeGreaterThanOrEqual(1);
    expect(v.recipients).toBe(v.matched - v.excluded.suppressed - v.excluded.monthlyCap);
    expect(v.sendable).toBe(true);

    const refused = await relayMassMessage(sales, { chat_type: 'single', sender: 'liuyang', external_userid: [quiet], text: { content: '春季新品上市' } });
    expect(refused.errcode).toBe(RELAY_ERRCODES.refusedByPolicy);
    expect(String(refused.tagdesk_reason)).toContain('不接收群发营销');

    const over = await relayMassMessage(sales, { chat_type: 'single', sender: 'liuyang', external_userid: [busy], text: { content: '春季新品上市' } });
    expect(over.errcode).toBe(0);
    expect(over.fail_list).toEqual([busy]);

    const sent = await relayMassMessage(sales, { chat_type: 'single', sender: 'liuyang', external_userid: v.recipientIds, text: { content: '春季新品上市，欢迎到店体验' } });
    expect(sent).toMatchObject({ errcode: 0, fail_list: [] });
    const audit = await api<{ events: { action: string; target: { msgid?: string } }[] }>(demo, admin, 'GET', '/team/v1/audit?limit=20');
    expect(audit.body.value.events.some((e) => e.action === 'message.mass.submit' && e.target.msgid === sent.msgid)).toBe(true);
  });
  it('lints the text: an ID number cannot go out', async () => {
    const p = await api<MessagePreviewResult>(demo, sales, 'POST', '/team/v1/messages/preview', { expression: everyone, text: '请核对身份证 110101199003074514' });
    expect(p.body.value.lint.verdict).toBe('block');
    expect(p.body.value.sendable).toBe(false);
    const r = await relayMassMessage(sales, { chat_type: 'single', sender: 'liuyang', external_userid: [liuyangCustomers()[3]!], text: { content: '请核对身份证 110101199003074514' } });
    expect(r.errcode).toBe(RELAY_ERRCODES.refusedByPolicy);
  });
  it('only in one\'s own name, and an unknown tag in the expression is named', async () => {
    expect((await relayMassMessage(sales, { chat_type: 'single', sender: 'zhaolei', external_userid: [liuyangCustomers()[3]!], text: { content: '你好' } })).errcode).toBe(RELAY_ERRCODES.outsideScope);
    const bad = await api(demo, sales, 'POST', '/team/v1/messages/preview', { expression: '不存在的标签', text: '你好' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.userMessage).toContain('不存在的标签');
  });
});

describe('outbound sensitive-word blocking', () => {
  it('pushes block-level words as WeCom intercept rules and follows rule-pack changes', async () => {
    const first = await api<InterceptSyncResult>(demo, admin, 'POST', '/team/v1/mute/intercept-sync');
    expect(first.status).toBe(200);
    expect(first.body.value.added).toBeGreaterThanOrEqual(1);
    const inWeCom = () => [...demo.sim.runtime.interceptRules.values()].filter((r) => r.rule_name.startsWith('Tagdesk'));
    expect(inWeCom().flatMap((r) => r.word_list)).toContain('指纹');
    expect(inWeCom()[0]!.intercept_type).toBe(1);
    const again = await api<InterceptSyncResult>(demo, admin, 'POST', '/team/v1/mute/intercept-sync');
    expect(again.body.value).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect((await api(demo, sales, 'POST', '/team/v1/mute/intercept-sync')).status).toBe(403);

    // An overlay adds a biometric word; putting it in force re-syncs WeCom in the background.
    expect((await api(demo, admin, 'POST', '/team/v1/rule-overlays', { schema: 'tagdesk.rule-overlay/1', id: 'mute-test', version: '1.0.0', words: [{ category: 'spi.biometric', terms: ['视网膜扫描'] }] })).status).toBe(201);
    await savePolicy((p) => ({ rulePack: { ...p.rulePack, overlayId: 'mute-test', overlayVersion: '1.0.0' } }));
    for (let i = 0; i < 200 && !inWeCom().flatMap((r) => r.word_list).includes('视网膜扫描'); i++) await new Promise((r) => setTimeout(r, 20));
    expect(inWeCom().flatMap((r) => r.word_list)).toContain('视网膜扫描');
    const audit = await api<{ events: { action: string }[] }>(demo, admin, 'GET', '/team/v1/audit?limit=30');
    expect(audit.body.value.events.map((e) => e.action)).toEqual(expect.arrayContaining(['intercept.rule.add', 'intercept.rule.update']));

    // A rule the server pushed earlier that the words no longer need is deleted from WeCom.
    const stale = await wecomTruth(demo).addInterceptRule({ rule_name: 'Tagdesk敏感词9', word_list: ['旧词'], intercept_type: 1, applicable_range: { department_list: [1] } });
    demo.team.ctx.db.prepare(`INSERT INTO intercept_rules (name, rule_id, digest, synced_at) VALUES (?, ?, 'old', ?)`).run('Tagdesk敏感词9', stale.rule_id, new Date().toISOString());
    const cleaned = await api<InterceptSyncResult>(demo, admin, 'POST', '/team/v1/mute/intercept-sync');
    expect(cleaned.body.value.deleted).toBe(1);
    expect(demo.sim.runtime.interceptRules.has(stale.rule_id)).toBe(false);
  });
});
