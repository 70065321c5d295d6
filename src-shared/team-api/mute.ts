// The team API's mute and mass-message shapes: lifts, verdict explanations, the week preview
// of a rule before it goes live, and composing a tag-targeted mass message (count and sample
// after mute/suppression and WeCom's monthly cap, text linted).
import { z } from 'zod';
import { createLiftSchema, muteLiftSchema } from '../mute/lift';

export { createLiftSchema, muteLiftSchema };

/** WeCom delivers at most this many mass messages to one customer per natural month. */
export const MASS_MESSAGES_PER_CUSTOMER_PER_MONTH = 4;
/** WeCom's add_msg_template takes at most this many external_userids. */
export const MASS_MESSAGE_MAX_RECIPIENTS = 10_000;

export const previewRequestSchema = z.strictObject({
  /** A draft rule (not yet saved) to preview alongside — or instead of — the rules in force. */
  rule: z.unknown().optional(),
  /** Show only this rule's row (the draft's id when a draft is given). */
  ruleId: z.string().min(1).max(64).optional(),
  days: z.number().int().min(1).max(14).default(7),
  start: z.string().datetime({ offset: true }).optional(),
});
export type PreviewRequest = z.input<typeof previewRequestSchema>;

export const messagePreviewSchema = z.strictObject({
  /** Recipients: a tag-set expression over the sender's customers (`VIP 且 华东`). */
  expression: z.string().trim().min(1, { error: '请填写收件人标签表达式' }).max(500),
  text: z.string().trim().min(1, { error: '消息内容不能为空' }).max(1300, { error: '消息内容最长 1300 个字' }),
  sampleSize: z.number().int().min(0).max(50).default(10),
});
export type MessagePreviewRequest = z.input<typeof messagePreviewSchema>;

export const recipientSchema = z.object({ externalUserid: z.string(), name: z.string() });
export const excludedRecipientSchema = recipientSchema.extend({
  why: z.enum(['suppressed', 'monthly_cap']),
  /** Chinese: the rule, or 「本月已收到 4 条群发」. */
  reason: z.string(),
});

export const messagePreviewResultSchema = z.object({
  sender: z.string(),
  expression: z.string(),
  /** Customers of the sender the expression takes in. */
  matched: z.number().int(),
  /** After suppression and the monthly cap. */
  recipients: z.number().int(),
  excluded: z.object({ suppressed: z.number().int(), monthlyCap: z.number().int() }),
  sample: z.array(recipientSchema),
  excludedSample: z.array(excludedRecipientSchema),
  /** Every recipient's id, for add_msg_template (at most 10,000). */
  recipientIds: z.array(z.string()),
  lint: z.object({
    verdict: z.enum(['ok', 'warn', 'replace', 'approval', 'block']),
    findings: z.array(z.object({ category: z.string(), action: z.string(), message: z.string() })),
  }),
  /** The text may be sent (no block or approval finding). */
  sendable: z.boolean(),
});
export type MessagePreviewResult = z.output<typeof messagePreviewResultSchema>;

export const interceptSyncResultSchema = z.object({
  words: z.number().int(),
  rules: z.array(z.object({ name: z.string(), ruleId: z.string(), words: z.number().int() })),
  added: z.number().int(),
  updated: z.number().int(),
  deleted: z.number().int(),
});
export type InterceptSyncResult = z.output<typeof interceptSyncResultSchema>;
