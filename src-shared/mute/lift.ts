// A temporary lift (临时解除) of mute rules for one contact or everyone carrying a tag, for N
// hours with a reason. A member lifts their own rules; a supervisor (for their team) or an
// admin (for everyone) lifts company rules. Lifts end by themselves at `until`.
import { z } from 'zod';

export const DEFAULT_LIFT_HOURS = 4;
export const MAX_LIFT_HOURS = 24 * 7;

export const liftTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('contact'), externalUserid: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('tag'), tagId: z.string().min(1).max(64) }),
], { error: '解除对象应为某位客户或某个标签' });
export type LiftTarget = z.output<typeof liftTargetSchema>;

/** What a member asks for. `covers` defaults to what the member may lift (company rules for supervisors and admins). */
export const createLiftSchema = z.strictObject({
  target: liftTargetSchema,
  hours: z.number({ error: '应为小时数' }).positive({ error: '小时数应大于 0' }).max(MAX_LIFT_HOURS, { error: `最长 ${MAX_LIFT_HOURS} 小时` }).default(DEFAULT_LIFT_HOURS),
  reason: z.string().trim().min(2, { error: '请填写解除原因（至少 2 个字）' }).max(200, { error: '原因最长 200 个字' }),
  covers: z.enum(['own', 'company'], { error: '应为 own（本人规则）或 company（公司规则）' }).optional(),
  /** Only this rule; absent = every rule the lift covers. */
  ruleId: z.string().min(1).max(64).optional(),
});
export type CreateLift = z.input<typeof createLiftSchema>;

export const muteLiftSchema = z.strictObject({
  id: z.string().min(1),
  createdBy: z.string().min(1),
  /** own: the creator's personal rules; company: company rules. */
  covers: z.enum(['own', 'company']),
  /** Whose verdicts the lift changes: the creator (own), the supervisor's team, or everyone ('*'). */
  memberIds: z.union([z.literal('*'), z.array(z.string().min(1))]),
  target: liftTargetSchema,
  ruleId: z.string().min(1).optional(),
  reason: z.string(),
  from: z.string().datetime({ offset: true }),
  until: z.string().datetime({ offset: true }),
});
export type MuteLift = z.output<typeof muteLiftSchema>;
