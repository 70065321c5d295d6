// The rules evaluator and keyword matcher of the core: windows, thresholds per period, time
// since a purchase, idempotent firing keys, synonyms with Traditional characters and gaps,
// emoji runs, and single-choice stage moves.
import { describe, it, expect } from 'vitest';
import { AUTOMATION_TEMPLATES, matchKeywords, periodOf, planActions, rfmScore, synonymList, triggerFirings, type StoredEvent } from '../../../src-shared/automation/index';
import { automationRuleSchema } from '../../../src-shared/policy/index';
import type { TagGroup } from '../../../src-shared/domain/index';

const H = 3_600_000;
const T0 = Date.parse('2026-03-10T12:00:00+08:00');
const ev = (id: string, kind: StoredEvent['kind'], hoursAfter: number, data: Record<string, unknown> = {}): StoredEvent => ({ id, kind, externalUserid: 'wm1', userid: 'u1', at: T0 + hoursAfter * H, data });

describe('count in a window', () => {
  const trigger = { kind: 'eventCount', event: 'link_clicked', atLeast: 3, withinHours: 72 } as const;
  it('fires on the event that makes three within 72 hours, once per window', () => {
    const events = [ev('a', 'link_clicked', 0), ev('b', 'link_clicked', 30), ev('c', 'link_clicked', 71), ev('d', 'link_clicked', 72), ev('e', 'link_clicked', 73)];
    const f = triggerFirings(trigger, { events, from: T0 - 100 * H, to: T0 + 200 * H });
    expect(f.map((x) => x.key)).toEqual(['c:c']);
  });
  it('does not fire on three clicks spread wider than the window, nor on other kinds', () => {
    const events = [ev('a', 'link_clicked', 0), ev('b', 'link_clicked', 40), ev('c', 'link_clicked', 80), ev('x', 'store_visit', 79), ev('y', 'store_visit', 79.5)];
    expect(triggerFirings(trigger, { events, from: T0 - 100 * H, to: T0 + 200 * H })).toEqual([]);
  });
  it('gives the same keys however often it is evaluated (replays change nothing)', () => {
    const events = [ev('a', 'link_clicked', 0), ev('b', 'link_clicked', 1), ev('c', 'link_clicked', 2)];
    const once = triggerFirings(trigger, { events, from: T0 - H, to: T0 + 10 * H });
    const twice = triggerFirings(trigger, { events: [...events, ...events].reverse(), from: T0 - H, to: T0 + 10 * H });
    expect(twice.map((x) => x.key)).toEqual(once.map((x) => x.key));
  });
});

describe('time since the last purchase', () => {
  const trigger = { kind: 'timeSince', since: 'last_purchase', hours: 24 * 180 } as const;
  it('fires only when six months passed without another purchase', () => {
    const events = [ev('p1', 'purchase', 0, { amount: 100 }), ev('p2', 'purchase', 24 * 10, { amount: 50 })];
    expect(triggerFirings(trigger, { events, from: 0, to: T0 + 24 * 185 * H })).toEqual([]);
    const f = triggerFirings(trigger, { events, from: 0, to: T0 + 24 * 191 * H });
    expect(f.map((x) => x.key)).toEqual(['t:p:p2']);
  });
});

describe('keywords', () => {
  it('matches synonyms exactly, through Traditional characters and spaces, and fuzzily with short gaps', () => {
    const skin = synonymList('skin-sensitive')!;
    expect(matchKeywords('脸有点痒痒的', skin).map((h) => `${h.kind}:${h.term}`)).toEqual(expect.arrayContaining(['exact:痒痒', 'fuzzy:脸痒']));
    expect(matchKeywords('皮肤有些过敏', skin).map((h) => `${h.kind}:${h.term}`)).toContain('fuzzy:皮肤过敏');
    expect(matchKeywords('太 貴 了', synonymList('price-sensitive')!).map((h) => h.term)).toContain('太贵');
    expect(matchKeywords('今天天气不错', skin)).toEqual([]);
  });
  it('counts an emoji run as a signal, a single emoji not', () => {
    const unhappy = synonymList('unhappy')!;
    expect(matchKeywords('收到了😡', unhappy)).toEqual([]);
    expect(matchKeywords('收到了😡 😠', unhappy).map((h) => h.kind)).toEqual(['emoji']);
  });
  it('fires when the threshold is reached within the period, once per period, ignoring the member\'s own messages', () => {
    const trigger = { kind: 'keyword', synonymListId: 'price-sensitive', minHits: 2, per: 'week' } as const;
    const chat = (id: string, h: number, text: string, from = 'customer') => ev(id, 'chat_message', h, { text, from });
    const events = [chat('m1', 0, '太贵了'), chat('m2', 1, '便宜点吧', 'member'), chat('m3', 2, '有优惠吗'), chat('m4', 3, '打折吗'), chat('m5', 24 * 8, '太贵了')];
    const f = triggerFirings(trigger, { events, from: 0, to: T0 + 24 * 30 * H });
    expect(f.map((x) => x.eventId)).toEqual(['m3']);
    expect(periodOf(T0, 'day')).not.toBe(periodOf(T0 + 24 * H, 'day'));
    expect(periodOf(Date.parse('2026-03-09T00:30:00+08:00'), 'week')).toBe(periodOf(Date.parse('2026-03-15T23:30:00+08:00'), 'week'));
    expect(periodOf(Date.parse('2026-03-09T00:30:00+08:00'), 'week')).not.toBe(periodOf(Date.parse('2026-03-08T23:30:00+08:00'), 'week'));
  });
});

describe('actions', () => {
  const stage: TagGroup = { id: 'g1', name: '客户阶段', order: 0, tags: ['潜在客户', '试听客户', '付费客户'].map((n, i) => ({ id: `s${i}`, groupId: 'g1', name: n, order: i })) };
  it('moves the customer within a single-choice group and only lists real changes', () => {
    const p = planActions([{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '付费客户' } }], new Set(['s0', 'x']), [stage], T0);
    expect(p).toMatchObject({ add: ['s2'], remove: ['s0'] });
    const again = planActions([{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '付费客户' } }], new Set(['s2']), [stage], T0);
    expect(again).toMatchObject({ add: [], remove: [] });
  });
  it('names tags the catalog lacks instead of inventing them, and records expiries', () => {
    const p = planActions([{ kind: 'addTag', tag: { groupName: '客户阶段', tagName: '试听客户' }, ttlHours: 2 }, { kind: 'addTag', tag: { groupName: '客户阶段', tagName: '不存在' } }], new Set(), [stage], T0);
    expect(p.add).toEqual(['s1']);
    expect(p.expiries.get('s1')).toBe(T0 + 2 * H);
    expect(p.missing).toEqual([{ groupName: '客户阶段', tagName: '不存在' }]);
  });
});

describe('RFM', () => {
  const buy = (id: string, daysAgo: number, amount: number) => ev(id, 'purchase', -24 * daysAgo, { amount });
  it('scores recency, frequency and money against the thresholds and names the segment and quadrant', () => {
    expect(rfmScore([buy('a', 3, 3000), buy('b', 40, 2500), buy('c', 60, 100)], T0)).toMatchObject({ recencyDays: 3, frequency: 3, monetary: 5600, r: 3, f: 2, m: 3, segment: '重要价值客户', quadrant: '近期高额' });
    expect(rfmScore([buy('a', 200, 300)], T0)).toMatchObject({ r: 1, f: 1, m: 1, segment: '一般挽留客户', quadrant: '久未购买低额' });
    expect(rfmScore([buy('a', 100, 9000), buy('b', 120, 100), buy('c', 130, 100), buy('d', 140, 100)], T0)).toMatchObject({ r: 1, f: 3, m: 3, segment: '重要保持客户' });
    expect(rfmScore([ev('v', 'store_visit', 0)], T0)).toBeNull();
  });
  it('follows configured thresholds', () => {
    const strict = { recencyDays: [7, 14] as [number, number], frequency: [5, 10] as [number, number], monetary: [10_000, 50_000] as [number, number] };
    expect(rfmScore([buy('a', 3, 3000), buy('b', 40, 2500)], T0, strict)).toMatchObject({ r: 3, f: 1, m: 1, segment: '一般发展客户' });
  });
});

describe('templates', () => {
  it('are valid rules, shipped disabled', () => {
    for (const t of AUTOMATION_TEMPLATES) {
      const r = automationRuleSchema.safeParse(t);
      expect(r.success, `${t.id}: ${JSON.stringify(r.error?.issues)}`).toBe(true);
      expect(r.data?.enabled).toBe(false);
    }
  });
});
