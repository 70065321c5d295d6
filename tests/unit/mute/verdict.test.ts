// Mute rules as an admin and the staff live with them: every example of issue 8, across a
// statutory holiday, an adjusted working day, a zone whose offset changed without DST, a lift
// that runs out, and a whitelist that beats a mute.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDepartmentTree } from '../../../src-shared/domain/organization';
import type { TagGroup } from '../../../src-shared/domain/tags';
import { parseMuteRule, type HolidayCalendar, type MuteRule } from '../../../src-shared/policy';
import {
  compileMuteRules, mayMassMessage, mayNotify, prepareLifts, previewMute, verdict, verdictState,
  type MuteContact, type MuteLift, type MuteMember,
} from '../../../src-shared/mute';
import cn2026 from '../../../resources/holidays/cn-2026.json' with { type: 'json' };

const group = (id: string, name: string, tags: string[]): TagGroup => ({ id, name, order: 0, tags: tags.map((t, i) => ({ id: `${id}-${i}`, groupId: id, name: t, order: 0 })) });
const catalog: TagGroup[] = [
  group('gType', '客户类型', ['合作方', '供应商', '个人客户']),
  group('gValue', '价值等级', ['A类客户', '高净值客户', '普通客户']),
  group('gState', '客户状态', ['紧急', '活动期', '到店未购买', '讨厌电话沟通', '投诉风险']),
];
const tagId = (name: string): string => catalog.flatMap((g) => g.tags).find((t) => t.name === name)!.id;
const departments = buildDepartmentTree([
  { id: 1, name: '星河', parentId: 0 }, { id: 2, name: '销售部', parentId: 1 }, { id: 5, name: '销售一部', parentId: 2 }, { id: 7, name: '采购部', parentId: 1 },
]);
const lina: MuteMember = { userid: 'lina', departmentIds: [5] };
const buyer: MuteMember = { userid: 'wangcai', departmentIds: [7] };
const contact = (id: string, tags: string[], corpName?: string): MuteContact => ({ externalUserid: id, tagIds: new Set(tags.map(tagId)), corpName });

const rule = (r: Record<string, unknown>): MuteRule => {
  const parsed = parseMuteRule({ owner: { kind: 'company' }, scope: { everyone: true }, schedule: { timeZone: 'Asia/Shanghai' }, ...r });
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return parsed.value;
};
const compile = (rules: MuteRule[], calendars: HolidayCalendar[] = [cn2026]) =>
  compileMuteRules({ rules, calendars, catalog, departments, partnerCorps: ['鑫达物流', '蓝海广告'] });
const at = (iso: string): number => Date.parse(iso);

const nightPartners = rule({
  id: 'partner-night', name: '合作方夜间静音', match: '客户类型:合作方 且 非 紧急', effect: 'mute', priority: 200,
  schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '19:00', end: '09:00' }] },
});
const campaignHold = rule({
  id: 'campaign-hold', name: '活动期合作方工作时间处理', match: '客户类型:合作方 且 活动期', effect: 'hold',
  schedule: {
    timeZone: 'Asia/Shanghai', holidayCalendarId: 'cn-2026', onHolidays: 'inside',
    windows: [{ days: [1, 2, 3, 4, 5], start: '00:00', end: '09:00' }, { days: [1, 2, 3, 4, 5], start: '18:00', end: '24:00' }, { days: [6, 7], start: '00:00', end: '24:00' }],
  },
});

describe('mute a whole partner company', () => {
  const compiled = compile([rule({ id: 'xinda', name: '屏蔽鑫达物流', match: '合作公司:鑫达物流', effect: 'mute' })]);
  it('mutes everyone from that company around the clock, and nobody else', () => {
    const v = verdict(lina, contact('wmA', ['供应商'], '鑫达物流'), at('2026-03-10T11:00:00+08:00'), { compiled });
    expect(v.state).toBe('muted');
    expect(v.until).toBeNull();
    expect(v.sentence).toBe('静音 · 规则「屏蔽鑫达物流」');
    expect(verdict(lina, contact('wmB', ['供应商'], '蓝海广告'), at('2026-03-10T11:00:00+08:00'), { compiled }).state).toBe('open');
    expect(verdict(lina, contact('wmC', ['个人客户']), at('2026-03-10T11:00:00+08:00'), { compiled }).state).toBe('open');
  });
  it('reports a rule naming a company nobody knows instead of matching nobody', () => {
    const c = compileMuteRules({ rules: [rule({ id: 'x', name: '屏蔽某公司', match: '合作公司:不存在公司', effect: 'mute' })], calendars: [], catalog, partnerCorps: ['鑫达物流'] });
    expect(c.rules).toHaveLength(0);
    expect(c.problems[0]).toMatchObject({ ruleId: 'x' });
    expect(c.problems[0]!.message).toContain('不存在公司');
  });
});

describe('only 采购部 hears a given supplier', () => {
  const compiled = compile([
    rule({ id: 'xinda', name: '鑫达物流仅采购部', match: '合作公司:鑫达物流', effect: 'mute' }),
    rule({ id: 'xinda-buyers', name: '采购部接收鑫达物流', scope: { departmentIds: [7] }, match: '合作公司:鑫达物流', effect: 'allow' }),
  ]);
  const supplier = contact('wmA', ['供应商'], '鑫达物流');
  it('is muted for sales and open for purchasing, with the whitelist named', () => {
    const t = at('2026-03-10T11:00:00+08:00');
    expect(verdict(lina, supplier, t, { compiled }).state).toBe('muted');
    const v = verdict(buyer, supplier, t, { compiled });
    expect(v.state).toBe('open');
    expect(v.whitelist.map((w) => w.id)).toEqual(['xinda-buyers']);
  });
});

describe('19:00–09:00 mute non-urgent partners', () => {
  const compiled = compile([nightPartners]);
  const partner = contact('wmP', ['合作方']);
  it('mutes a partner at 20:00 until 09:00 the next morning, in the panel sentence', () => {
    const v = verdict(lina, partner, at('2026-03-10T20:00:00+08:00'), { compiled });
    expect(v.state).toBe('muted');
    expect(v.until).toBe('2026-03-11T01:00:00.000Z');
    expect(v.sentence).toBe('静音至 明日 09:00 · 规则「合作方夜间静音」');
  });
  it('after midnight the sentence is 「静音至 09:00」', () => {
    expect(verdict(lina, partner, at('2026-03-11T02:30:00+08:00'), { compiled }).sentence).toBe('静音至 09:00 · 规则「合作方夜间静音」');
  });
  it('lets an urgent partner through and is open during the day', () => {
    expect(verdict(lina, contact('wmU', ['合作方', '紧急']), at('2026-03-10T20:00:00+08:00'), { compiled }).state).toBe('open');
    expect(verdict(lina, partner, at('2026-03-10T12:00:00+08:00'), { compiled }).state).toBe('open');
    expect(verdict(lina, partner, at('2026-03-11T09:00:00+08:00'), { compiled }).state).toBe('open');
  });
  it('notifications honour it: nothing while muted', () => {
    const v = verdict(lina, partner, at('2026-03-10T23:00:00+08:00'), { compiled });
    expect(mayNotify(v)).toBe(false);
    expect(mayNotify(v, { urgent: true })).toBe(false);
    expect(mayMassMessage(v)).toBe(true);
  });
});

describe('partners tagged 活动期 are batched to working hours', () => {
  const compiled = compile([campaignHold]);
  const partner = contact('wmK', ['合作方', '活动期']);
  it('holds non-urgent items on a weekday evening until 09:00; urgent ones pass', () => {
    const v = verdict(lina, partner, at('2026-03-10T21:00:00+08:00'), { compiled });
    expect(v.state).toBe('held');
    expect(mayNotify(v)).toBe(false);
    expect(mayNotify(v, { urgent: true })).toBe(true);
  });
  it('holds through the National Day holiday until the first working morning', () => {
    const v = verdict(lina, partner, at('2026-10-01T11:00:00+08:00'), { compiled });
    expect(v.state).toBe('held');
    expect(v.until).toBe('2026-10-08T01:00:00.000Z');
    expect(v.untilText).toBe('10月8日 09:00');
  });
  it('an adjusted working Saturday (10月10日 调休上班) is a working day; an ordinary Saturday is not', () => {
    expect(verdict(lina, partner, at('2026-10-10T11:00:00+08:00'), { compiled }).state).toBe('open');
    const v = verdict(lina, partner, at('2026-10-17T11:00:00+08:00'), { compiled });
    expect(v.state).toBe('held');
    expect(v.until).toBe('2026-10-19T01:00:00.000Z');
  });
  it('without the calendar the holiday Thursday is an ordinary working day', () => {
    const bare = compile([rule({ ...campaignHold, schedule: { ...campaignHold.schedule, holidayCalendarId: undefined, onHolidays: 'asWeekday' } })], []);
    expect(verdict(lina, partner, at('2026-10-01T11:00:00+08:00'), { compiled: bare }).state).toBe('open');
  });
});

describe('never mute A-class customers', () => {
  const compiled = compile([
    nightPartners,
    rule({ id: 'lina-quiet', name: '我的休息时间', owner: { kind: 'member', memberId: 'lina' }, scope: { memberIds: ['lina'] }, match: '客户类型:*', effect: 'mute',
      schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '22:00', end: '07:00' }] } }),
    rule({ id: 'a-class', name: 'A类客户始终提醒', match: '价值等级:A类客户', effect: 'allow', priority: 0 }),
    rule({ id: 'complaints', name: '投诉风险不群发', match: '投诉风险', effect: 'suppress' }),
  ]);
  it('a company whitelist beats company and personal mutes, whatever their priority', () => {
    const a = contact('wmA', ['合作方', 'A类客户']);
    const v = verdict(lina, a, at('2026-03-10T23:00:00+08:00'), { compiled });
    expect(v.state).toBe('open');
    expect(v.whitelist.map((w) => w.id)).toEqual(['a-class']);
    expect(verdict(lina, contact('wmB', ['合作方']), at('2026-03-10T23:00:00+08:00'), { compiled }).state).toBe('muted');
  });
  it('but does not make an A-class customer who is a complaint risk a mass-marketing target', () => {
    const v = verdict(lina, contact('wmA', ['合作方', 'A类客户', '投诉风险']), at('2026-03-10T23:00:00+08:00'), { compiled });
    expect(v.state).toBe('suppressed');
    expect(mayNotify(v)).toBe(true);
    expect(mayMassMessage(v)).toBe(false);
  });
});

describe('customers who visited but did not buy within 48 h are suppressed for a week', () => {
  // The tag 到店未购买 is put on 48 h after a visit without purchase and expires after a week
  // (its group's ttlHours); a campaign can instead bound the rule itself with activeFrom/Until.
  const tagRule = rule({ id: 'visit-no-buy', name: '到店未购买一周不营销', match: '到店未购买', effect: 'suppress' });
  const weekRule = rule({ id: 'visit-week', name: '本周到店未购买不营销', match: '到店未购买', effect: 'suppress',
    activeFrom: '2026-03-12T09:00:00+08:00', activeUntil: '2026-03-19T09:00:00+08:00' });
  it('suppresses while the tag is on, and not once it is gone', () => {
    const compiled = compile([tagRule]);
    expect(verdict(lina, contact('wmV', ['到店未购买']), at('2026-03-12T10:00:00+08:00'), { compiled }).state).toBe('suppressed');
    expect(verdict(lina, contact('wmV', []), at('2026-03-19T10:00:00+08:00'), { compiled }).state).toBe('open');
  });
  it('a week-bounded rule says until when and ends by itself', () => {
    const compiled = compile([weekRule]);
    const visitor = contact('wmV', ['到店未购买']);
    expect(verdict(lina, visitor, at('2026-03-11T10:00:00+08:00'), { compiled }).state).toBe('open');
    const v = verdict(lina, visitor, at('2026-03-12T10:00:00+08:00'), { compiled });
    expect(v).toMatchObject({ state: 'suppressed', until: '2026-03-19T01:00:00.000Z', untilText: '3月19日 09:00' });
    expect(v.sentence).toBe('不接收群发营销至 3月19日 09:00 · 规则「本周到店未购买不营销」');
    expect(verdict(lina, visitor, at('2026-03-19T09:00:00+08:00'), { compiled }).state).toBe('open');
  });
});

describe('customers tagged 讨厌电话沟通 or 投诉风险 get no mass marketing', () => {
  const compiled = compile([rule({ id: 'no-marketing', name: '勿扰客户不群发', match: '讨厌电话沟通 或 投诉风险', effect: 'suppress' })]);
  it.each([['讨厌电话沟通'], ['投诉风险']])('%s is suppressed, others are not', (tag) => {
    const t = at('2026-03-10T11:00:00+08:00');
    const v = verdict(lina, contact('wmX', [tag, '个人客户']), t, { compiled });
    expect(v.state).toBe('suppressed');
    expect(verdictState(lina, contact('wmX', [tag]), t, { compiled })).toEqual({ state: 'suppressed', suppress: true });
    expect(mayMassMessage(verdict(lina, contact('wmY', ['个人客户']), t, { compiled }))).toBe(true);
  });
});

describe('a zone whose offset changes without DST', () => {
  it('windows follow the rule zone: 19:30 in Tokyo is 18:30 in Shanghai', () => {
    const tokyo = compile([rule({ ...nightPartners, schedule: { ...nightPartners.schedule, timeZone: 'Asia/Tokyo' } })]);
    const shanghai = compile([nightPartners]);
    const t = at('2026-03-10T18:30:00+08:00');
    expect(verdict(lina, contact('wmP', ['合作方']), t, { compiled: tokyo }).state).toBe('muted');
    expect(verdict(lina, contact('wmP', ['合作方']), t, { compiled: shanghai }).state).toBe('open');
  });
  it('Moscow moved from UTC+4 to UTC+3 for good on 2014-10-26: the window ends at 09:00 on the new offset', () => {
    const moscow = compile([rule({ ...nightPartners, schedule: { ...nightPartners.schedule, timeZone: 'Europe/Moscow' } })], []);
    const v = verdict(lina, contact('wmP', ['合作方']), at('2014-10-25T20:00:00Z'), { compiled: moscow });
    expect(v.state).toBe('muted');
    expect(v.until).toBe('2014-10-26T06:00:00.000Z');
    expect(v.untilText).toBe('09:00');
  });
});

describe('temporary lifts', () => {
  const compiled = compile([
    nightPartners,
    rule({ id: 'lina-quiet', name: '我的休息时间', owner: { kind: 'member', memberId: 'lina' }, scope: { memberIds: ['lina'] }, match: '合作方', effect: 'mute' }),
  ]);
  const partner = contact('wmP', ['合作方']);
  const lift = (l: Partial<MuteLift>): MuteLift => ({
    id: 'l1', createdBy: 'lina', covers: 'own', memberIds: ['lina'], target: { kind: 'contact', externalUserid: 'wmP' }, reason: '客户约了晚上通话',
    from: '2026-03-10T20:00:00+08:00', until: '2026-03-11T00:00:00+08:00', ...l,
  });
  it('a member lifts their own rule; the company rule still mutes', () => {
    const lifts = prepareLifts([lift({})]);
    const v = verdict(lina, partner, at('2026-03-10T21:00:00+08:00'), { compiled, lifts });
    expect(v.state).toBe('muted');
    expect(v.rules.map((r) => r.id)).toEqual(['partner-night']);
    expect(v.lifts).toMatchObject([{ id: 'l1', ruleIds: ['lina-quiet'] }]);
  });
  it('a supervisor lifts company rules for a tag; it expires by itself after N hours', () => {
    const lifts = prepareLifts([lift({}), lift({ id: 'l2', createdBy: 'chenjing', covers: 'company', memberIds: ['lina', 'chenjing'], target: { kind: 'tag', tagId: tagId('合作方') } })]);
    const during = verdict(lina, partner, at('2026-03-10T21:00:00+08:00'), { compiled, lifts });
    expect(during.state).toBe('open');
    expect(during.sentence).toBe('正常（屏蔽已临时解除）');
    const after = verdict(lina, partner, at('2026-03-11T00:00:00+08:00'), { compiled, lifts });
    expect(after.state).toBe('muted');
    expect(after.lifts).toEqual([]);
  });
  it('a lift for one member does not reach a colleague', () => {
    const lifts = prepareLifts([lift({ id: 'l2', createdBy: 'chenjing', covers: 'company', memberIds: ['chenjing'] })]);
    expect(verdict(lina, partner, at('2026-03-10T21:00:00+08:00'), { compiled, lifts }).state).toBe('muted');
  });
});

describe('whitelists and priority', () => {
  it('a rule exception (高净值客户) overrides its mute and is named', () => {
    const compiled = compile([rule({ ...nightPartners, exceptions: '高净值客户' })]);
    const v = verdict(lina, contact('wmH', ['合作方', '高净值客户']), at('2026-03-10T22:00:00+08:00'), { compiled });
    expect(v.state).toBe('open');
    expect(v.whitelist[0]!.reason).toContain('合作方夜间静音');
  });
  it('the higher priority decides; on a tie mute beats hold beats suppress', () => {
    const base = { match: '合作方', schedule: { timeZone: 'Asia/Shanghai' } };
    const t = at('2026-03-10T12:00:00+08:00');
    const c = contact('wm1', ['合作方']);
    expect(verdict(lina, c, t, { compiled: compile([rule({ ...base, id: 'a', name: 'A', effect: 'suppress', priority: 900 }), rule({ ...base, id: 'b', name: 'B', effect: 'mute', priority: 100 })]) }).state).toBe('suppressed');
    const tie = verdict(lina, c, t, { compiled: compile([rule({ ...base, id: 'a', name: 'A', effect: 'suppress' }), rule({ ...base, id: 'b', name: 'B', effect: 'hold' })]) });
    expect(tie.state).toBe('held');
    expect(tie.effects.suppress?.rules.map((r) => r.id)).toEqual(['a']);
  });
});

describe('properties', () => {
  const tags = catalog.flatMap((g) => g.tags.map((t) => t.name));
  const arbContact = fc.subarray(tags).map((ts) => contact('wmR', ts));
  const arbAt = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2026-12-31T00:00:00Z') });
  const rules = [nightPartners, campaignHold,
    rule({ id: 's', name: 'S', match: '投诉风险 或 讨厌电话沟通', effect: 'suppress' }),
    rule({ id: 'own', name: 'O', owner: { kind: 'member', memberId: 'lina' }, scope: { memberIds: ['lina'] }, match: '普通客户', effect: 'mute',
      schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 3, 5], start: '12:00', end: '13:30' }] } })];
  const plain = compile(rules);
  const withAllow = compile([...rules, rule({ id: 'wl', name: 'WL', match: '价值等级:*', effect: 'allow' })]);
  it('adding a whitelist never makes a verdict stricter', () => {
    fc.assert(fc.property(arbContact, arbAt, (c, t) => {
      const before = verdict(lina, c, t, { compiled: plain });
      const after = verdict(lina, c, t, { compiled: withAllow });
      if (before.state === 'open') expect(after.state).toBe('open');
      if (!before.effects.mute) expect(after.effects.mute).toBeNull();
      if (!before.effects.hold) expect(after.effects.hold).toBeNull();
      expect(Boolean(after.effects.suppress)).toBe(Boolean(before.effects.suppress));
    }), { numRuns: 300 });
  });
  it('the fast batch state agrees with the explained verdict', () => {
    fc.assert(fc.property(arbContact, arbAt, fc.boolean(), (c, t, allow) => {
      const ctx = { compiled: allow ? withAllow : plain };
      const v = verdict(lina, c, t, ctx);
      expect(verdictState(lina, c, t, ctx)).toEqual({ state: v.state, suppress: v.effects.suppress !== null });
    }), { numRuns: 300 });
  });
  it('a rule is in force exactly when the verdict says so until its until', () => {
    fc.assert(fc.property(arbAt, (t) => {
      const v = verdict(lina, contact('wmP', ['合作方']), t, { compiled: compile([nightPartners]) });
      if (v.state === 'muted') {
        const end = Date.parse(v.until!);
        expect(end).toBeGreaterThan(t);
        expect(verdict(lina, contact('wmP', ['合作方']), end - 60_000, { compiled: compile([nightPartners]) }).state).toBe('muted');
        expect(verdict(lina, contact('wmP', ['合作方']), end, { compiled: compile([nightPartners]) }).state).toBe('open');
      }
    }), { numRuns: 200 });
  });
});

describe('the week preview', () => {
  it('shows the night rule 19:00–09:00 as a heatmap and counts the contacts it touches', () => {
    const compiled = compile([nightPartners]);
    const contacts = [contact('w1', ['合作方']), contact('w2', ['合作方', '紧急']), contact('w3', ['个人客户'])];
    const p = previewMute({ compiled, members: [{ ...lina, name: '李娜' }], contactsOf: () => contacts, start: at('2026-03-10T00:00:00+08:00'), hours: 24 });
    expect(p.rules[0]).toMatchObject({ ruleId: 'partner-night', contacts: 1, members: 1 });
    expect(p.rules[0]!.hours).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(p.members[0]!.quiet[2]).toBe(1);
    expect(p.members[0]!.quiet[12]).toBe(0);
  });
});
