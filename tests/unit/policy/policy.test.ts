// An admin saves the company's policy; what is wrong is named field by field, in Chinese.
import { describe, expect, it } from 'vitest';
import {
  parseAutomationRule, parseMuteRule, parsePolicyDocument, parseReviewerChain, parseTagGroupPolicy, type PolicyDocumentInput,
} from '../../../src-shared/policy';

const base = {
  schema: 'tagdesk.policy', schemaVersion: 1, revision: 7, updatedAt: '2026-11-22T09:00:00+08:00', updatedBy: 'zhouwei',
  rulePack: { packId: 'cn-default', packVersion: '1.2.0', overlayId: 'xinghe', overlayVersion: '1.0.3' },
} satisfies Partial<PolicyDocumentInput>;

const nightMute = {
  id: 'partner-night', name: '合作方夜间静音', owner: { kind: 'company' }, scope: { departmentIds: [2] },
  match: '客户类型:合作方', exceptions: '价值等级:A类',
  schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5], start: '19:00', end: '09:00' }], holidayCalendarId: 'cn-2026', onHolidays: 'inside' },
  effect: 'mute', priority: 200,
};

const issuesOf = (r: { ok: boolean; issues?: { path: string; message: string }[] }) => (r.ok ? [] : r.issues!);

describe('a complete company policy', () => {
  it('validates and fills defaults for what the admin left out', () => {
    const r = parsePolicyDocument({
      ...base,
      tagGroups: [
        { groupId: 'gHealth', baseline: 'none', grants: [{ departmentId: 5, level: 'apply' }], sensitivity: 'sensitive', approvalRequired: true },
        { groupId: 'gStage', singleChoice: true, ttlHours: 24 * 90 },
      ],
      personalTags: { enabled: true, departments: [{ departmentId: 6, enabled: false }] },
      holidayCalendars: [{ id: 'cn-2026', name: '2026 法定节假日', holidays: ['2026-10-01', '2026-10-02'], workingDays: ['2026-10-10'] }],
      muteRules: [
        nightMute,
        { id: 'whole-partner', name: '屏蔽合作方腾讯', owner: { kind: 'company' }, scope: { everyone: true }, match: '合作公司:腾讯', schedule: { timeZone: 'Asia/Shanghai' }, effect: 'mute' },
        { id: 'no-marketing', name: '拒绝营销', owner: { kind: 'company' }, scope: { everyone: true }, match: '讨厌电话沟通 或 投诉风险', schedule: { timeZone: 'Asia/Shanghai' }, effect: 'suppress' },
        { id: 'campaign-batch', name: '活动期合作方集中处理', owner: { kind: 'company' }, scope: { everyone: true }, match: '活动期', schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5], start: '18:00', end: '09:00' }] }, effect: 'hold' },
        { id: 'lina-quiet', name: '我的午休', owner: { kind: 'member', memberId: 'lina' }, scope: { memberIds: ['lina'] }, match: '渠道来源:*', schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5], start: '12:00', end: '13:30' }] }, effect: 'mute' },
      ],
      automationRules: [{
        id: 'clicked-3x', name: '三天点击三次', version: 1,
        trigger: { kind: 'eventCount', event: 'link_clicked', atLeast: 3, withinHours: 72 },
        conditions: [{ kind: 'tags', expression: '非 付费客户' }],
        actions: [{ kind: 'addTag', tag: { groupName: '意向', tagName: '高意向' }, ttlHours: 24 * 14 }, { kind: 'notifyMember', message: '客户近三天多次点击产品链接' }],
      }],
      reviewerChains: [{ id: 'sensitive', name: '敏感标签审批', appliesTo: { sensitivity: ['sensitive'] }, steps: [{ reviewers: { kind: 'requesterSupervisor' } }, { reviewers: { kind: 'admins' }, slaHours: 48 }] }],
    });
    expect(issuesOf(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.value.tagGroups[1]).toMatchObject({ baseline: 'apply', sensitivity: 'internal', approvalRequired: false, singleChoice: true, ttlHours: 2160 });
    expect(r.value.delegation).toEqual({ supervisorsApplyForTeam: true, adminsApplyForAll: true, staffViewColleagues: 'department' });
    expect(r.value.muteRules[0]!.priority).toBe(200);
    expect(r.value.muteRules[1]!.priority).toBe(100);
    expect(r.value.automationRules[0]!.enabled).toBe(false);
    expect(r.value.reviewerChains[0]!.steps[0]!.slaHours).toBe(24);
  });
});

describe('mistakes are named by field', () => {
  it('a typo in a level, a broken expression and a misspelt time zone each point at their field', () => {
    const r = parsePolicyDocument({
      ...base,
      tagGroups: [{ groupId: 'g1', grants: [{ departmentId: 3, level: 'mange' }] }],
      muteRules: [{ ...nightMute, match: '客户类型:合作方 且', schedule: { ...nightMute.schedule, timeZone: 'Asia/Shanghia' } }],
      holidayCalendars: [{ id: 'cn-2026', name: '2026' }],
    });
    const issues = issuesOf(r);
    expect(issues).toContainEqual({ path: 'tagGroups[0].grants[0].level', message: '字段 tagGroups[0].grants[0].level：权限级别应为 none / view / apply / manage 之一' });
    expect(issues.find((i) => i.path === 'muteRules[0].match')?.message).toMatch(/标签表达式有误（expected_operand）：第 11 列/);
    expect(issues.find((i) => i.path === 'muteRules[0].schedule.timeZone')?.message).toContain('Asia/Shanghai');
  });

  it('an unknown key and a wrong type get zod\'s Chinese wording with the path', () => {
    const issues = issuesOf(parsePolicyDocument({ ...base, revision: '7', colour: 'red' }));
    expect(issues.some((i) => i.path === 'revision' && /字段 revision：/.test(i.message))).toBe(true);
    expect(issues.some((i) => i.message.includes('colour'))).toBe(true);
  });

  it('a policy from a newer Tagdesk is refused rather than misread', () => {
    expect(issuesOf(parsePolicyDocument({ ...base, schemaVersion: 2 }))[0]!.message).toContain('请升级 Tagdesk');
  });

  it('a restricted group must require approval', () => {
    expect(issuesOf(parseTagGroupPolicy({ groupId: 'g', sensitivity: 'restricted' }))).toEqual([
      { path: 'approvalRequired', message: '字段 approvalRequired：「严格受限」级别的标签组必须开启审批' },
    ]);
  });

  it('duplicate rule ids and a missing holiday calendar are caught across the document', () => {
    const issues = issuesOf(parsePolicyDocument({ ...base, muteRules: [nightMute, nightMute] }));
    expect(issues).toContainEqual({ path: 'muteRules[1]', message: '字段 muteRules[1]：屏蔽规则「partner-night」重复' });
    expect(issues).toContainEqual({ path: 'muteRules[0].schedule.holidayCalendarId', message: '字段 muteRules[0].schedule.holidayCalendarId：找不到节假日日历「cn-2026」' });
  });

  it('an overlay needs both id and version', () => {
    const issues = issuesOf(parsePolicyDocument({ ...base, rulePack: { packId: 'cn-default', packVersion: '1.2.0', overlayId: 'xinghe' } }));
    expect(issues).toContainEqual({ path: 'rulePack.overlayVersion', message: '字段 rulePack.overlayVersion：覆盖规则的 ID 和版本须同时填写' });
  });
});

describe('single rules as editors save them', () => {
  it('a mute rule with an empty scope, equal start and end, and a weekday 8 is refused', () => {
    const paths = issuesOf(parseMuteRule({ ...nightMute, scope: {}, schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [8], start: '09:00', end: '09:00' }] } })).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['scope', 'schedule.windows[0].days[0]']));
    const sameTime = issuesOf(parseMuteRule({ ...nightMute, schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1], start: '09:00', end: '09:00' }] } }));
    expect(sameTime).toEqual([{ path: 'schedule.windows[0].end', message: '字段 schedule.windows[0].end：开始和结束时间不能相同' }]);
  });

  it("a member's own quiet hours cover only that member", () => {
    const mine = { ...nightMute, id: 'mine', owner: { kind: 'member', memberId: 'lina' }, scope: { memberIds: ['lina'] } };
    expect(parseMuteRule(mine).ok).toBe(true);
    expect(issuesOf(parseMuteRule({ ...mine, scope: { departmentIds: [3] } }))).toEqual([
      { path: 'scope', message: '字段 scope：个人规则只能作用于本人；作用于他人或部门请使用公司规则' },
    ]);
    expect(issuesOf(parseMuteRule({ ...nightMute, activeFrom: '2026-12-01T00:00:00+08:00', activeUntil: '2026-11-24T00:00:00+08:00' }))[0]!.path).toBe('activeUntil');
  });

  it('a mute rule may wrap past midnight and name an effect only from the closed set', () => {
    expect(parseMuteRule(nightMute).ok).toBe(true);
    expect(issuesOf(parseMuteRule({ ...nightMute, effect: 'silence' }))[0]!.message).toBe('字段 effect：效果应为 mute / hold / suppress / allow 之一');
  });

  it('an automation rule needs an action and a known trigger', () => {
    const issues = issuesOf(parseAutomationRule({ id: 'r1', name: '空规则', version: 1, trigger: { kind: 'moon' }, actions: [] }));
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['trigger.kind', 'actions']));
    expect(issues.find((i) => i.path === 'actions')!.message).toContain('至少需要一个动作');
  });

  it('a reviewer chain needs at least one step with reviewers', () => {
    const issues = issuesOf(parseReviewerChain({ id: 'c', name: '空链', appliesTo: {}, steps: [] }));
    expect(issues).toEqual([{ path: 'steps', message: '字段 steps：审批链至少需要一个环节' }]);
  });
});
