// The policy document: everything an admin configures, in one versioned, validated object.
// The team server is its source of truth; desktops keep a copy (by revision) to work offline.
import { z } from 'zod';
import { automationRuleSchema } from './automation-rule';
import { departmentIdSchema } from './common';
import { holidayCalendarSchema, muteRuleSchema } from './mute-rule';
import { reviewerChainSchema } from './reviewer-chain';
import { guardrailsSchema } from './guardrails';
import { tagGroupPolicySchema } from './tag-group-policy';
import { companyDescriptorSchema, DEFAULT_COMPANY_DESCRIPTORS } from './company-descriptor';
import { DEFAULT_RFM_THRESHOLDS, rfmThresholdsSchema } from '../automation/rfm';

/** The schema version this code reads; a newer document is refused rather than misread. */
export const POLICY_SCHEMA_VERSION = 1;

/** The compliance rule pack (and optional admin overlay) in force, by id and version only. */
export const rulePackRefSchema = z.strictObject({
  packId: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: '规则包 ID 格式不正确' }),
  packVersion: z.string().regex(/^\d+\.\d+\.\d+$/, { error: '规则包版本应为 x.y.z' }),
  overlayId: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { error: '覆盖规则 ID 格式不正确' }).optional(),
  overlayVersion: z.string().regex(/^\d+\.\d+\.\d+$/, { error: '覆盖规则版本应为 x.y.z' }).optional(),
}).refine((r) => (r.overlayId === undefined) === (r.overlayVersion === undefined), {
  error: '覆盖规则的 ID 和版本须同时填写', path: ['overlayVersion'],
});
export type RulePackRef = z.output<typeof rulePackRefSchema>;

/** Personal tags on/off for a department subtree; the nearest setting up the tree counts. */
export const personalTagSwitchSchema = z.strictObject({
  departmentId: departmentIdSchema,
  enabled: z.boolean({ error: '应为 true 或 false' }),
});

/** When may someone act on a colleague's follow relation (always audited with both names)? */
export const delegationSchema = z.strictObject({
  /** Supervisors may tag on relations of members in their department subtree. */
  supervisorsApplyForTeam: z.boolean().default(true),
  /** Admins may tag on any relation (e.g. cleaning up after a hand-over). */
  adminsApplyForAll: z.boolean().default(true),
  /** Staff see colleagues' enterprise tags on a shared customer, read-only. */
  staffViewColleagues: z.enum(['none', 'department', 'all'], { error: '应为 none / department / all' }).default('department'),
});
export type Delegation = z.output<typeof delegationSchema>;

export const policyDocumentSchema = z.strictObject({
  schema: z.literal('tagdesk.policy', { error: '不是 Tagdesk 策略文件（schema 应为 tagdesk.policy）' }),
  schemaVersion: z.literal(POLICY_SCHEMA_VERSION, { error: `策略格式版本应为 ${POLICY_SCHEMA_VERSION}；请升级 Tagdesk 后再打开较新的策略` }),
  /** Increases with every saved change; desktops keep the highest they have seen. */
  revision: z.number().int().min(1, { error: '修订号应为正整数' }),
  updatedAt: z.string().datetime({ offset: true, error: '应为 ISO 8601 时间' }),
  updatedBy: z.string().min(1),
  rulePack: rulePackRefSchema,
  tagGroups: z.array(tagGroupPolicySchema).default([]),
  /** Policy for groups without an entry (e.g. created in the WeCom console meanwhile). */
  defaultTagGroup: tagGroupPolicySchema.shape.baseline.default('view'),
  delegation: delegationSchema.default({ supervisorsApplyForTeam: true, adminsApplyForAll: true, staffViewColleagues: 'department' }),
  personalTags: z.strictObject({
    /** Company-wide default before department switches. */
    enabled: z.boolean().default(true),
    departments: z.array(personalTagSwitchSchema).default([]),
  }).default({ enabled: true, departments: [] }),
  muteRules: z.array(muteRuleSchema).default([]),
  holidayCalendars: z.array(holidayCalendarSchema).default([]),
  automationRules: z.array(automationRuleSchema).default([]),
  /** RFM score thresholds every RFM computation uses (rules' rfm_segment, backtests, charts); docs/automation.md. */
  rfmThresholds: rfmThresholdsSchema.default(DEFAULT_RFM_THRESHOLDS),
  reviewerChains: z.array(reviewerChainSchema).default([]),
  /** Standard descriptors members may map their personal tags to, with consent (docs/automation.md). */
  companyDescriptors: z.array(companyDescriptorSchema).default(DEFAULT_COMPANY_DESCRIPTORS),
  /** Thresholds of the suspicious-edit alerts (docs/guardrails.md); absent = the defaults. */
  guardrails: guardrailsSchema.optional(),
  /** A faint watermark (member name and id, date) over the panel, so screenshots carry their source. */
  watermark: z.strictObject({
    enabled: z.boolean({ error: '应为 true 或 false' }).default(false),
    /** 0.02–0.2: visible on a screenshot, never in the way of reading. */
    opacity: z.number({ error: '透明度应为数字' }).min(0.02, { error: '透明度应在 0.02–0.2 之间' }).max(0.2, { error: '透明度应在 0.02–0.2 之间' }).default(0.07),
  }).default({ enabled: false, opacity: 0.07 }),
}).superRefine((doc, ctx) => {
  const dup = <T>(items: readonly T[], key: (t: T) => string, path: string, what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [path, i], message: `${what}「${k}」重复` });
      seen.add(k);
    });
  };
  dup(doc.tagGroups, (g) => g.groupId, 'tagGroups', '标签组策略');
  dup(doc.muteRules, (r) => r.id, 'muteRules', '屏蔽规则');
  dup(doc.automationRules, (r) => r.id, 'automationRules', '自动化规则');
  dup(doc.reviewerChains, (r) => r.id, 'reviewerChains', '审批链');
  dup(doc.companyDescriptors, (d) => d.id, 'companyDescriptors', '公司描述');
  dup(doc.personalTags.departments, (d) => String(d.departmentId), 'personalTags', '部门个人标签开关');
  const calendars = new Set(doc.holidayCalendars.map((c) => c.id));
  doc.muteRules.forEach((r, i) => {
    const cal = r.schedule.holidayCalendarId;
    if (cal !== undefined && !calendars.has(cal)) {
      ctx.addIssue({ code: 'custom', path: ['muteRules', i, 'schedule', 'holidayCalendarId'], message: `找不到节假日日历「${cal}」` });
    }
  });
});
export type PolicyDocument = z.output<typeof policyDocumentSchema>;
export type PolicyDocumentInput = z.input<typeof policyDocumentSchema>;
