// Automation rules (issue 10): trigger + conditions → actions, acting on the follow relations
// they name. Only the validated shape lives here; the evaluator is separate work.
import { z } from 'zod';
import { durationHoursSchema, ruleIdSchema, tagSetExpressionSchema } from './common';

export const BEHAVIOUR_EVENTS = [
  'link_clicked', 'material_viewed', 'form_submitted', 'group_joined', 'group_left', 'purchase', 'store_visit', 'chat_message',
] as const;

const tagRef = z.strictObject({
  groupName: z.string().min(1, { error: '标签组名不能为空' }),
  tagName: z.string().min(1, { error: '标签名不能为空' }).max(30, { error: '企业微信标签名最长 30 个字符' }),
});

export const automationTriggerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('event'), event: z.enum(BEHAVIOUR_EVENTS, { error: '未知的行为事件' }) }),
  z.strictObject({
    kind: z.literal('eventCount'),
    event: z.enum(BEHAVIOUR_EVENTS, { error: '未知的行为事件' }),
    atLeast: z.number().int().min(1, { error: '次数至少为 1' }),
    withinHours: durationHoursSchema,
  }),
  z.strictObject({ kind: z.literal('timeSince'), since: z.enum(['last_purchase', 'tag_added', 'relation_created'], { error: '未知的起点' }), hours: durationHoursSchema, tag: tagRef.optional() }),
  z.strictObject({ kind: z.literal('tagChanged'), change: z.enum(['added', 'removed'], { error: '应为 added 或 removed' }), tag: tagRef }),
  z.strictObject({ kind: z.literal('keyword'), synonymListId: z.string().min(1, { error: '请选择同义词表' }), minHits: z.number().int().min(1, { error: '次数至少为 1' }).default(1), per: z.enum(['day', 'week', 'month']).default('day') }),
], { error: '触发条件类型应为 event / eventCount / timeSince / tagChanged / keyword' });

export const automationConditionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tags'), expression: tagSetExpressionSchema }),
  z.strictObject({
    kind: z.literal('attribute'),
    /** rfm_segment: the RFM segment (重要价值客户 …) with the company's thresholds (policy rfmThresholds, src-shared/automation/rfm.ts). */
    attribute: z.enum(['purchase_amount', 'order_count', 'view_seconds', 'customer_type', 'rfm_segment'], { error: '未知的属性' }),
    op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte'], { error: '比较符应为 eq / ne / gt / gte / lt / lte' }),
    value: z.union([z.number(), z.string()]),
  }),
], { error: '条件类型应为 tags 或 attribute' });

export const automationActionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('addTag'), tag: tagRef, ttlHours: durationHoursSchema.optional() }),
  z.strictObject({ kind: z.literal('removeTag'), tag: tagRef }),
  /** Moves the customer within a single-choice group (潜在客户 → 试听客户 → 付费客户). */
  z.strictObject({ kind: z.literal('setStage'), tag: tagRef }),
  z.strictObject({ kind: z.literal('setExpiry'), tag: tagRef, ttlHours: durationHoursSchema }),
  z.strictObject({ kind: z.literal('notifyMember'), message: z.string().min(1, { error: '提醒文字不能为空' }).max(200, { error: '提醒文字最长 200 个字符' }) }),
], { error: '动作类型应为 addTag / removeTag / setStage / setExpiry / notifyMember' });

export const automationRuleSchema = z.strictObject({
  id: ruleIdSchema,
  name: z.string().min(1, { error: '规则名称不能为空' }).max(40, { error: '规则名称最长 40 个字符' }),
  version: z.number().int().min(1),
  enabled: z.boolean().default(false),
  trigger: automationTriggerSchema,
  conditions: z.array(automationConditionSchema).default([]),
  actions: z.array(automationActionSchema).min(1, { error: '至少需要一个动作' }),
  /** Which relations the writes go to: the customer's owner by default. */
  actsOn: z.enum(['owner', 'allFollowers', 'triggeringMember'], { error: '作用对象应为 owner / allFollowers / triggeringMember' }).default('owner'),
  /** Warn before a run touches more than this share of customers (the "everyone became VIP" guard). */
  maxShareWithoutConfirm: z.number().gt(0).max(1).default(0.2),
});
export type AutomationRule = z.output<typeof automationRuleSchema>;
