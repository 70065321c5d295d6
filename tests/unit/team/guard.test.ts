// The guard's pure parts and its store: guardrail defaults and Chinese errors, the working-hours
// clock in a time zone, the sliding windows of the detectors, the revert plan (per relation and
// tag, the state before the first change), and migration 011 with its one-active-suspension rule.
import { describe, expect, it } from 'vitest';
import { guardrailsOf, guardrailsSchema, parsePolicyDocument } from '../../../src-shared/policy/index';
import { createDetectors, isOutsideWorkingHours, localClock } from '../../../src-server/team/guard/detectors';
import { revertChanges } from '../../../src-server/team/guard/guard-service';
import { createGuardStore, type GuardChange } from '../../../src-server/team/guard/guard-store';
import { openTeamDatabase } from '../../../src-server/team/store/database';

const rails = (patch: object = {}) => ({ ...guardrailsSchema.parse({}), ...patch });
let seq = 0;
const change = (over: Partial<GuardChange>): GuardChange => ({
  seq: ++seq, at: '2026-11-30T02:00:00.000Z', actor: 'liuyang', member: 'liuyang', customer: 'wm1', tagId: 'et1', action: 'tag.add',
  tagName: '优质', groupName: '客户分级', source: 'relay', ...over,
});

describe('guardrails policy', () => {
  it('fills every default when the section is absent or partial', () => {
    expect(guardrailsOf({})).toEqual(guardrailsSchema.parse({}));
    expect(guardrailsOf({}).massChange).toEqual({ enabled: true, windowMinutes: 10, minRelations: 30 });
    expect(guardrailsSchema.parse({ blockedAttempts: { suspend: true } }).blockedAttempts).toEqual({ enabled: true, windowMinutes: 60, threshold: 5, suspend: true });
  });

  it('names the wrong field in Chinese', () => {
    const bad = guardrailsSchema.safeParse({ massChange: { minRelations: 0 }, workingHours: { timeZone: 'Mars/Base', start: '20:00', end: '08:00' } });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toContain('massChange.minRelations: 客户数阈值至少为 1');
    expect(messages).toContain('时区应为 IANA 名称');
  });

  it('is part of the policy document, optional', () => {
    const base = { schema: 'tagdesk.policy', schemaVersion: 1, revision: 1, updatedAt: '2026-11-30T00:00:00Z', updatedBy: 'linxue', rulePack: { packId: 'tagdesk-default', packVersion: '1.0.0' } };
    const without = parsePolicyDocument(base);
    expect(without.ok && without.value.guardrails).toBeUndefined();
    const wrong = parsePolicyDocument({ ...base, guardrails: { tagRemoval: { windowMinutes: 0 } } });
    expect(!wrong.ok && wrong.issues[0]!.path).toBe('guardrails.tagRemoval.windowMinutes');
  });
});

describe('working hours', () => {
  it('reads the wall clock in the policy time zone', () => {
    // 2026-11-30 is a Monday; 18:30 UTC is 02:30 on Tuesday in Shanghai.
    expect(localClock(new Date('2026-11-30T18:30:00Z'), 'Asia/Shanghai')).toEqual({ isoDay: 2, hhmm: '02:30' });
    const w = rails().workingHours;
    expect(isOutsideWorkingHours(new Date('2026-11-30T18:30:00Z'), w)).toBe(true);
    expect(isOutsideWorkingHours(new Date('2026-12-01T02:00:00Z'), w)).toBe(false); // 10:00 Tuesday
    expect(isOutsideWorkingHours(new Date('2026-12-05T02:00:00Z'), { ...w, days: [1, 2, 3, 4, 5] })).toBe(true); // Saturday
  });
});

describe('detectors', () => {
  it('counts distinct relations of one actor inside the window only', () => {
    const d = createDetectors();
    const r = rails({ massChange: { enabled: true, windowMinutes: 10, minRelations: 3 }, workingHours: { ...rails().workingHours, enabled: false } });
    // The same relation twice is one relation.
    expect(d.observe(change({ customer: 'a', at: '2026-11-30T02:00:00Z' }), r)).toEqual([]);
    expect(d.observe(change({ customer: 'a', tagId: 'et2', at: '2026-11-30T02:01:00Z' }), r)).toEqual([]);
    expect(d.observe(change({ customer: 'b', at: '2026-11-30T02:02:00Z' }), r)).toEqual([]);
    // Eleven minutes after the first: `a` has left the window.
    expect(d.observe(change({ customer: 'c', at: '2026-11-30T02:11:30Z' }), r)).toEqual([]);
    const hit = d.observe(change({ customer: 'd', at: '2026-11-30T02:12:00Z' }), r);
    expect(hit.map((h) => [h.kind, h.key, h.changes.map((c) => c.customer)])).toEqual([['mass_change', 'liuyang', ['b', 'c', 'd']]]);
    // Another actor's changes never add up with these.
    expect(d.observe(change({ actor: 'zhaolei', customer: 'e', at: '2026-11-30T02:12:00Z' }), r)).toEqual([]);
  });

  it('counts removals of one tag across actors, and off-hours changes per actor', () => {
    const d = createDetectors();
    const r = rails({ massChange: { enabled: false, windowMinutes: 10, minRelations: 3 }, tagRemoval: { enabled: true, windowMinutes: 30, minRemovals: 2 }, workingHours: { ...rails().workingHours, minEdits: 2 } });
    expect(d.observe(change({ action: 'tag.remove', actor: 'a', at: '2026-12-01T02:00:00Z' }), r)).toEqual([]);
    expect(d.observe(change({ action: 'tag.remove', actor: 'b', at: '2026-12-01T02:05:00Z' }), r).map((h) => h.kind)).toEqual(['tag_removal']);
    expect(d.observe(change({ at: '2026-11-30T18:00:00Z' }), r)).toEqual([]); // 02:00 Shanghai
    expect(d.observe(change({ at: '2026-11-30T18:10:00Z' }), r).map((h) => h.kind)).toEqual(['off_hours']);
  });
});

describe('revert plan', () => {
  it('restores each touched tag to its state before the first change and leaves cancelled ones alone', () => {
    const plan = revertChanges([
      change({ customer: 'a', tagId: 'good', action: 'tag.remove' }),
      change({ customer: 'a', tagId: 'bad', action: 'tag.add' }),
      change({ customer: 'b', tagId: 'good', action: 'tag.remove' }),
      change({ customer: 'b', tagId: 'good', action: 'tag.add' }), // put back by hand meanwhile
      change({ customer: 'c', member: 'zhaolei', tagId: 'x', action: 'tag.add' }),
      change({ customer: 'c', member: 'zhaolei', tagId: 'x', action: 'tag.remove' }),
      change({ customer: 'c', member: 'zhaolei', tagId: 'x', action: 'tag.add' }),
    ]);
    expect(plan).toEqual([
      { userid: 'liuyang', externalUserid: 'a', add: ['good'], remove: ['bad'] },
      { userid: 'zhaolei', externalUserid: 'c', add: [], remove: ['x'] },
    ]);
  });
});

describe('guard store (migration 011)', () => {
  it('keeps one active suspension per member and counts attempts after the last lift only', () => {
    const db = openTeamDatabase(':memory:');
    const store = createGuardStore(db, (u) => u);
    expect(store.suspend('zhoujie', '2026-11-30T01:00:00Z', 'team-server', '多次尝试', null)).toBe(true);
    expect(store.suspend('zhoujie', '2026-11-30T01:05:00Z', 'team-server', '多次尝试', null)).toBe(false);
    store.recordAttempt({ userid: 'zhoujie', deviceId: null, at: '2026-11-30T00:59:00Z', origin: 'desktop', field: 'remark', categories: ['pii.id_card'], externalUserid: null });
    expect(store.lift('zhoujie', '2026-11-30T02:00:00Z', 'chenjing', null)).toBe(true);
    expect(store.suspension('zhoujie')).toBeNull();
    expect(store.attemptsSince('zhoujie', '2026-11-30T00:00:00Z')).toEqual([]);
    store.recordAttempt({ userid: 'zhoujie', deviceId: null, at: '2026-11-30T02:01:00Z', origin: 'relay', field: 'remark', categories: ['pii.id_card'], externalUserid: 'wm1' });
    expect(store.attemptsSince('zhoujie', '2026-11-30T00:00:00Z')).toEqual([{ field: 'remark', categories: ['pii.id_card'] }]);
    expect(store.suspend('zhoujie', '2026-11-30T03:00:00Z', 'team-server', '再次', null)).toBe(true);
    db.close();
  });
});
