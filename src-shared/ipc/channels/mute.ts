// Mute (屏蔽) rules and tag-targeted mass messages (docs/mute.md): the panel's verdict line for
// the open customer and the lift action, the rule list and editor with its week preview, and
// composing a mass message to a tag-set expression (count and sample after suppression and
// WeCom's monthly cap, linted) before submitting it through the relay.
import { z } from 'zod';
import { channel } from '../contract';
import { externalUseridSchema } from './customers';
import { holidayCalendarSchema, muteRuleSchema } from '../../policy/mute-rule';
import { muteLiftSchema, MAX_LIFT_HOURS, DEFAULT_LIFT_HOURS } from '../../mute/lift';
import { messagePreviewResultSchema } from '../../team-api/mute';

const iso = z.string().datetime({ offset: true, error: '时间应为 ISO 8601，例如 2026-03-10T21:00:00+08:00' });

export const decidingRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.enum(['company', 'member']),
  effect: z.enum(['mute', 'hold', 'suppress', 'allow']),
  priority: z.number(),
  until: z.string().nullable(),
  untilText: z.string().nullable(),
  /** Chinese sentence for this rule's part. */
  reason: z.string(),
});

export const muteProblemSchema = z.object({ ruleId: z.string(), name: z.string(), message: z.string() });

/** The panel line for one customer. */
export const muteVerdictViewSchema = z.object({
  externalUserid: z.string(),
  at: z.string(),
  state: z.enum(['muted', 'held', 'suppressed', 'open']),
  until: z.string().nullable(),
  /** Wall-clock text in the rule's zone: "09:00", "明日 09:00", "10月8日 09:00". */
  untilText: z.string().nullable(),
  /** 「静音至 09:00 · 规则「合作方夜间静音」」 — show as is. */
  sentence: z.string(),
  /** The rules that decided the state. */
  rules: z.array(decidingRuleSchema),
  /** Each effect on its own: notifications look at mute/hold, mass messages at suppress. */
  effects: z.object({ mute: z.boolean(), hold: z.boolean(), suppress: z.boolean() }),
  /** Whitelists that overrode a rule (allow rules, rule exceptions). */
  whitelist: z.array(decidingRuleSchema),
  lifts: z.array(z.object({ id: z.string(), by: z.string(), until: z.string(), reason: z.string(), covers: z.enum(['own', 'company']), ruleIds: z.array(z.string()) })),
  /** Show the lift action: some deciding rule is the member's own, or a company rule and they supervise or administer. */
  mayLift: z.boolean(),
  /** What a lift by this member would cover. */
  liftCovers: z.enum(['own', 'company']).nullable(),
  /** Rules that could not be evaluated (e.g. a deleted tag): for admins. */
  problems: z.array(muteProblemSchema),
  /** False when the lifts could not be refreshed from the team server (offline): the last known are used. */
  liftsFresh: z.boolean(),
});
export type MuteVerdictView = z.infer<typeof muteVerdictViewSchema>;

export const muteRuleViewSchema = z.object({
  rule: muteRuleSchema,
  /** The member may edit or delete it (admins: every rule; others: their own). */
  editable: z.boolean(),
  problem: z.string().nullable(),
});
export type MuteRuleView = z.infer<typeof muteRuleViewSchema>;

export const mutePreviewViewSchema = z.object({
  start: z.string(),
  hours: z.number().int(),
  rules: z.array(z.object({ ruleId: z.string(), name: z.string(), effect: z.string(), hours: z.array(z.number()), contacts: z.number().int(), members: z.number().int() })),
  members: z.array(z.object({ userid: z.string(), name: z.string(), quiet: z.array(z.number()), suppressed: z.array(z.number()), contacts: z.number().int() })),
  problems: z.array(muteProblemSchema),
  /** Where the relations came from (the team server reads WeCom's). */
  source: z.string(),
});

export const muteChannels = {
  'mute.verdict': channel({
    summary: "The open customer's mute verdict for the signed-in member (computed locally from the cached policy and lifts): state, until, deciding rules, the Chinese sentence, whether they may lift.",
    args: z.object({ externalUserid: externalUseridSchema, at: iso.optional() }).strict(),
    result: muteVerdictViewSchema,
  }),
  'mute.lift': channel({
    summary: 'Lifts mute rules for a customer or everyone with a tag for N hours (default 4) with a reason: own rules for staff, company rules for supervisors (their team) and admins (everyone). Needs the team server; audited.',
    args: z.object({
      externalUserid: externalUseridSchema.optional(),
      tagId: z.string().min(1).max(64).optional(),
      hours: z.number().positive('小时数应大于 0').max(MAX_LIFT_HOURS, `最长 ${MAX_LIFT_HOURS} 小时`).default(DEFAULT_LIFT_HOURS),
      reason: z.string().trim().min(2, '请填写解除原因（至少 2 个字）').max(200, '原因最长 200 个字'),
      covers: z.enum(['own', 'company']).optional(),
      ruleId: z.string().min(1).max(64).optional(),
    }).strict().refine((v) => Boolean(v.externalUserid) !== Boolean(v.tagId), { message: '请指定一位客户或一个标签（二选一）', path: ['externalUserid'] }),
    result: z.object({ lift: muteLiftSchema, verdict: muteVerdictViewSchema.nullable() }),
  }),
  'mute.lifts': channel({
    summary: 'Lifts in force that change the member\'s verdicts or that they created (from the team server; offline: the last known, fresh=false).',
    args: z.object({}).strict(),
    result: z.object({ lifts: z.array(muteLiftSchema), fresh: z.boolean() }),
  }),
  'mute.endLift': channel({
    summary: 'Ends a lift before its time (its creator, or an admin); audited.',
    args: z.object({ id: z.string().min(1).max(64) }).strict(),
    result: z.object({ lift: muteLiftSchema }),
  }),
  'mute.rules': channel({
    summary: 'Every mute rule in the cached policy (company rules and the member\'s own), with the holiday calendars and whether each may be edited.',
    args: z.object({}).strict(),
    result: z.object({ rules: z.array(muteRuleViewSchema), calendars: z.array(holidayCalendarSchema), canEditCompany: z.boolean(), policyRevision: z.number().int() }),
  }),
  'mute.saveRule': channel({
    summary: 'Saves one rule as a new policy revision on the team server (admins: any rule; members: their own quiet hours). Validated field by field (invalid_args issues name the field).',
    args: z.object({ rule: muteRuleSchema }).strict(),
    result: z.object({ rule: muteRuleSchema, revision: z.number().int(), problems: z.array(muteProblemSchema) }),
  }),
  'mute.deleteRule': channel({
    summary: 'Deletes one rule (admins: any; members: their own) as a new policy revision.',
    args: z.object({ id: z.string().min(1).max(64) }).strict(),
    result: z.object({ deleted: z.string(), revision: z.number().int() }),
  }),
  'mute.preview': channel({
    summary: 'Before a rule goes live: the next N days (default 7) as an hourly heatmap per rule and per member, and how many contacts the rule touches, from WeCom\'s relations via the team server. A draft rule is previewed without saving.',
    args: z.object({ rule: muteRuleSchema.optional(), ruleId: z.string().min(1).max(64).optional(), days: z.number().int().min(1).max(14).default(7), start: iso.optional() }).strict(),
    result: mutePreviewViewSchema,
  }),
  'messages.preview': channel({
    summary: 'Composes a tag-targeted mass message: recipients among the member\'s customers by expression, the count and a sample after mute suppression and WeCom\'s monthly cap (4 per customer), the text linted.',
    args: z.object({
      expression: z.string().trim().min(1, '请填写收件人标签表达式').max(500),
      text: z.string().trim().min(1, '消息内容不能为空').max(1300, '消息内容最长 1300 个字'),
      sampleSize: z.number().int().min(0).max(50).default(10),
    }).strict(),
    result: messagePreviewResultSchema,
  }),
  'messages.submit': channel({
    summary: 'Submits the mass message via add_msg_template through the relay (re-checked there: sender, suppression, lint; audited). The member confirms it in the WeCom client, as WeCom requires.',
    args: z.object({
      expression: z.string().trim().min(1).max(500),
      text: z.string().trim().min(1).max(1300),
      /** The recipient count the member saw; if it changed meanwhile the call answers conflict. */
      expectedRecipients: z.number().int().min(0).optional(),
    }).strict(),
    result: z.object({ msgid: z.string(), recipients: z.number().int(), failed: z.array(z.string()), excluded: z.object({ suppressed: z.number().int(), monthlyCap: z.number().int() }) }),
  }),
};
