// The demo company's starting policy: realistic rules that make every governance flow
// reachable. Value tiers (VIP, 高净值客户…) are a single-choice, sensitive group whose tags
// staff may only apply with a supervisor's approval; lifecycle stages are single-choice; the
// groups that come from the WeCom admin console can be viewed and applied but not managed.
import { POLICY_SCHEMA_VERSION } from '../../src-shared/policy/index';
import cn2026 from '../../resources/holidays/cn-2026.json' with { type: 'json' };
import type { DemoCompany } from './company';

export function demoPolicy(company: DemoCompany, now: Date): unknown {
  const id = (name: string): string => {
    const g = company.tagGroups.find((x) => x.group_name === name);
    if (!g) throw new Error(`demo catalog has no group ${name}`);
    return g.group_id;
  };
  return {
    schema: 'tagdesk.policy',
    schemaVersion: POLICY_SCHEMA_VERSION,
    revision: 1,
    updatedAt: now.toISOString(),
    updatedBy: 'system',
    rulePack: { packId: 'tagdesk-default', packVersion: '1.0.0' },
    defaultTagGroup: 'apply',
    tagGroups: [
      {
        groupId: id('价值等级'),
        baseline: 'apply',
        sensitivity: 'sensitive',
        approvalRequired: true,
        singleChoice: true,
      },
      { groupId: id('客户阶段'), baseline: 'apply', singleChoice: true },
      { groupId: id('生命周期'), baseline: 'apply', singleChoice: true },
      { groupId: id('活动参与'), baseline: 'apply', ttlHours: 24 * 90 },
      ...company.tagGroups.filter((g) => g.origin === 'admin_console').map((g) => ({ groupId: g.group_id, baseline: 'apply' })),
    ],
    delegation: { supervisorsApplyForTeam: true, adminsApplyForAll: true, staffViewColleagues: 'department' },
    personalTags: { enabled: true, departments: [] },
    // Mute rules (docs/mute.md): partners are quiet at night and on statutory holidays, customers
    // who asked not to be disturbed or are in a complaint get no mass marketing, A-class and VIP
    // customers always get through.
    holidayCalendars: [cn2026],
    muteRules: [
      {
        id: 'partner-night', name: '合作方夜间静音', owner: { kind: 'company' }, scope: { everyone: true },
        match: '客户类型:供应商 或 客户类型:经销商 或 客户类型:代理商',
        schedule: { timeZone: 'Asia/Shanghai', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '19:00', end: '09:00' }], holidayCalendarId: 'cn-2026', onHolidays: 'inside' },
        effect: 'mute', priority: 200,
      },
      {
        id: 'no-marketing', name: '勿扰与投诉客户不群发', owner: { kind: 'company' }, scope: { everyone: true },
        match: '勿频繁打扰 或 投诉处理中', schedule: { timeZone: 'Asia/Shanghai' }, effect: 'suppress', priority: 300,
      },
      {
        id: 'top-customers', name: 'A类与VIP客户始终提醒', owner: { kind: 'company' }, scope: { everyone: true },
        match: '价值等级:A类客户 或 价值等级:VIP', schedule: { timeZone: 'Asia/Shanghai' }, effect: 'allow', priority: 500,
      },
    ],
  };
}
