// The demo company's starting policy: realistic rules that make every governance flow
// reachable. Value tiers (VIP, 高净值客户…) are a single-choice, sensitive group whose tags
// staff may only apply with a supervisor's approval; lifecycle stages are single-choice; the
// groups that come from the WeCom admin console can be viewed and applied but not managed.
import { POLICY_SCHEMA_VERSION } from '../../src-shared/policy/index';
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
  };
}
