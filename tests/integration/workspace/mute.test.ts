// Mute rules end to end through main's dispatcher, against the demo team server and WeCom
// simulator: the admin previews a rule and enables it; the salesperson's panel shows why a
// supplier is quiet tonight and that a returning customer gets no marketing; a mass message
// to an expression leaves the suppressed customers out and reaches WeCom; a member lifts their
// own quiet hours; Tagdesk's own notifications ask the verdict first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, signIn, startTeam, waitFor, type Desktop } from './harness';
import { wecomTruth } from '../team/helpers';
import { mayNotifyAbout, muteDesk } from '../../../src-main/workspace/mute';
import type { MuteRule } from '../../../src-shared/policy/index';

let team: DemoTeam;
let sales: Desktop;
let admin: Desktop;
let supplier: string, returning: string, person: string;

const tagIdOf = (name: string): string => team.sim.company.tagGroups.flatMap((g) => g.tags).find((t) => t.name === name)!.id;
const groupTags = (group: string): string[] => team.sim.company.tagGroups.find((g) => g.group_name === group)!.tags.map((t) => t.id);

const returnsRule: MuteRule = {
  id: 'returns-no-marketing', name: '退换货客户暂不群发', owner: { kind: 'company' }, enabled: true,
  scope: { everyone: true, memberIds: [], departmentIds: [] }, match: '售后状态:退换货',
  schedule: { timeZone: 'Asia/Shanghai', windows: [], onHolidays: 'asWeekday' }, effect: 'suppress', priority: 300,
};

beforeAll(async () => {
  team = await startTeam(200);
  const mine = team.sim.company.relations.filter((r) => r.userid === 'liuyang').map((r) => r.external_userid);
  [supplier, returning, person] = [mine[0]!, mine[1]!, mine[2]!];
  const wecom = wecomTruth(team);
  const strip = [...groupTags('价值等级'), ...groupTags('客户类型'), ...groupTags('售后状态'), tagIdOf('勿频繁打扰')];
  for (const ext of [supplier, returning, person]) await wecom.markTag({ userid: 'liuyang', external_userid: ext, remove_tag: strip });
  await wecom.markTag({ userid: 'liuyang', external_userid: supplier, add_tag: [tagIdOf('供应商')] });
  await wecom.markTag({ userid: 'liuyang', external_userid: returning, add_tag: [tagIdOf('退换货'), tagIdOf('个人客户')] });
  await wecom.markTag({ userid: 'liuyang', external_userid: person, add_tag: [tagIdOf('个人客户')] });
  sales = openDesktop(team);
  admin = openDesktop(team);
  await signIn(sales, 'liuyang');
  await signIn(admin, 'linxue');
}, 90_000);
afterAll(async () => {
  sales?.close();
  admin?.close();
  await team?.close();
});

describe('mute rules from the admin to the panel and mass messages', () => {
  it('the admin previews the rule for the coming week, then enables it', async () => {
    const preview = await admin.call('mute.preview', { rule: returnsRule, start: '2026-03-09T00:00:00+08:00' });
    const row = preview.rules.find((r) => r.ruleId === 'returns-no-marketing')!;
    expect(row.hours).toHaveLength(168);
    expect(row.hours.every((h) => h === 1)).toBe(true);
    expect(row.contacts).toBeGreaterThanOrEqual(1);
    expect(preview.members.find((m) => m.userid === 'liuyang')!.suppressed.every((n) => n >= 1)).toBe(true);
    expect((await sales.fail('mute.saveRule', { rule: returnsRule })).code).toBe('forbidden');
    const saved = await admin.call('mute.saveRule', { rule: returnsRule });
    expect(saved.problems).toEqual([]);
    await waitFor('the policy reaches the salesperson', async () => (await sales.call('mute.rules', {})).rules.some((r) => r.rule.id === 'returns-no-marketing'));
  });

  it("the panel shows the supplier's verdict tonight, without a lift for a company rule", async () => {
    const v = await sales.call('mute.verdict', { externalUserid: supplier, at: '2026-03-10T21:00:00+08:00' });
    expect(v).toMatchObject({ state: 'muted', untilText: '明日 09:00', mayLift: false, liftCovers: null });
    expect(v.sentence).toBe('静音至 明日 09:00 · 规则「合作方夜间静音」');
    expect((await sales.call('mute.verdict', { externalUserid: supplier, at: '2026-03-10T12:00:00+08:00' })).state).toBe('open');
    const ws = sales.app.workspaces.current()!;
    expect(mayNotifyAbout(ws, supplier, { at: Date.parse('2026-03-10T21:00:00+08:00') })).toBe(false);
    expect(mayNotifyAbout(ws, supplier, { urgent: true, at: Date.parse('2026-03-10T21:00:00+08:00') })).toBe(false);
    expect(mayNotifyAbout(ws, supplier, { at: Date.parse('2026-03-10T12:00:00+08:00') })).toBe(true);
    const r = await sales.call('mute.verdict', { externalUserid: returning });
    expect(r.state).toBe('suppressed');
    expect(r.rules.map((x) => x.id)).toEqual(['returns-no-marketing']);
  });

  it('a mass message to an expression leaves out the suppressed customers and reaches WeCom', async () => {
    const expression = '客户阶段:已成交 或 非 客户阶段:已成交';
    const p = await sales.call('messages.preview', { expression, text: '春季新品上市，欢迎到店体验' });
    expect(p.recipientIds).not.toContain(returning);
    expect(p.excludedSample.some((x) => x.externalUserid === returning && x.why === 'suppressed') || p.excluded.suppressed > p.excludedSample.length).toBe(true);
    expect(p.recipients).toBe(p.matched - p.excluded.suppressed - p.excluded.monthlyCap);
    const sent = await sales.call('messages.submit', { expression, text: '春季新品上市，欢迎到店体验', expectedRecipients: p.recipients });
    expect(sent.recipients).toBe(p.recipients);
    const month = [...team.sim.runtime.monthlyMessages.keys()];
    expect(month.some((k) => k.endsWith(`|${returning}`))).toBe(false);
    expect(month.some((k) => k.endsWith(`|${p.recipientIds[0]!}`))).toBe(true);
    expect((await sales.fail('messages.submit', { expression, text: '春季新品上市', expectedRecipients: p.recipients + 5 })).code).toBe('conflict');
  });

  it('a member sets their own quiet hours and lifts them for one customer', async () => {
    const own: MuteRule = {
      id: 'liuyang-quiet', name: '刘洋的专注时间', owner: { kind: 'member', memberId: 'liuyang' }, enabled: true,
      scope: { everyone: false, memberIds: ['liuyang'], departmentIds: [] }, match: '客户类型:个人客户',
      schedule: { timeZone: 'Asia/Shanghai', windows: [], onHolidays: 'asWeekday' }, effect: 'mute', priority: 100,
    };
    await sales.call('mute.saveRule', { rule: own });
    await waitFor('own rule in the policy', async () => (await sales.call('mute.rules', {})).rules.find((r) => r.rule.id === 'liuyang-quiet')?.editable === true);
    const before = await sales.call('mute.verdict', { externalUserid: person });
    expect(before).toMatchObject({ state: 'muted', mayLift: true, liftCovers: 'own' });
    const lifted = await sales.call('mute.lift', { externalUserid: person, reason: '客户约了今天回电' });
    expect(lifted.lift).toMatchObject({ covers: 'own', createdBy: 'liuyang' });
    expect(lifted.verdict).toMatchObject({ state: 'open' });
    expect(lifted.verdict!.lifts[0]!.reason).toBe('客户约了今天回电');
    const later = await sales.call('mute.verdict', { externalUserid: person, at: new Date(Date.parse(lifted.lift.until) + 60_000).toISOString() });
    expect(later.state).toBe('muted');
    expect((await sales.call('mute.lifts', {})).lifts.map((l) => l.id)).toContain(lifted.lift.id);
    await sales.call('mute.endLift', { id: lifted.lift.id });
    expect((await sales.call('mute.verdict', { externalUserid: person })).state).toBe('muted');
    expect((await sales.fail('mute.deleteRule', { id: 'returns-no-marketing' })).code).toBe('forbidden');
    await sales.call('mute.deleteRule', { id: 'liuyang-quiet' });
  });

  it("an admin's lift reaches the salesperson's desktop at once, pushed by the team server (not on the next poll a minute later)", async () => {
    const ws = sales.app.workspaces.current()!;
    // The salesperson's desktop has just read the lifts: without a push it would not ask again for a minute.
    await sales.call('mute.verdict', { externalUserid: supplier });
    const seen = sales.events.length;
    const { lift } = await admin.call('mute.lift', { externalUserid: supplier, hours: 24, reason: '今晚与供应商对账', covers: 'company', ruleId: 'partner-night' });
    await waitFor('the lift reaches the salesperson', async () => sales.events.slice(seen).some((e) => e.type === 'mute.changed'));
    // Read from what the desktop holds, without asking the server: some night hour of the next day is lifted.
    const from = Date.parse(lift.from);
    const lifted = Array.from({ length: 24 }, (_, h) => muteDesk(ws).verdictLocal(supplier, from + h * 3_600_000 + 60_000)!).filter((v) => v.lifts.some((l) => l.id === lift.id));
    expect(lifted.length).toBeGreaterThan(0);
    expect(lifted.every((v) => v.state === 'open')).toBe(true);
    await admin.call('mute.endLift', { id: lift.id });
    const ended = sales.events.length;
    await waitFor('the end of the lift reaches the salesperson', async () => sales.events.slice(ended).some((e) => e.type === 'mute.changed'));
    expect(Array.from({ length: 24 }, (_, h) => muteDesk(ws).verdictLocal(supplier, from + h * 3_600_000 + 60_000)!).some((v) => v.lifts.length > 0)).toBe(false);
  });

  it('with the team server down the panel line still comes from the cached policy and lifts; mass messages need the server', async () => {
    await team.stopTeam();
    try {
      const ws = sales.app.workspaces.current()!;
      const v = await sales.call('mute.verdict', { externalUserid: supplier, at: '2026-10-02T12:00:00+08:00' });
      expect(v).toMatchObject({ state: 'muted', rules: [{ id: 'partner-night' }] });
      expect(mayNotifyAbout(ws, supplier, { at: Date.parse('2026-10-09T12:00:00+08:00') })).toBe(true);
      expect((await sales.fail('messages.preview', { expression: '供应商', text: '你好' })).code).toBe('unavailable');
    } finally {
      await team.restartTeam();
    }
  });
});
