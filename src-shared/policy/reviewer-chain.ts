// Reviewer chains: who approves a sensitive-tag request, in which order, with what SLA.
// A step names reviewers by role-in-department (the requester's supervisor) or by member.
import { z } from 'zod';
import { departmentIdSchema, memberIdSchema, ruleIdSchema } from './common';

export const reviewerStepSchema = z.strictObject({
  reviewers: z.discriminatedUnion('kind', [
    /** The supervisors of the requester's department (nearest up the tree). */
    z.strictObject({ kind: z.literal('requesterSupervisor') }),
    z.strictObject({ kind: z.literal('members'), memberIds: z.array(memberIdSchema).min(1, { error: '至少指定一名审批人' }) }),
    z.strictObject({ kind: z.literal('departmentSupervisors'), departmentId: departmentIdSchema }),
    z.strictObject({ kind: z.literal('admins') }),
  ], { error: '审批人类型应为 requesterSupervisor / members / departmentSupervisors / admins' }),
  /** 'any': one approval suffices; 'all': every named reviewer must approve. */
  quorum: z.enum(['any', 'all'], { error: '应为 any 或 all' }).default('any'),
  slaHours: z.number().positive().max(24 * 14, { error: '审批时限不能超过 14 天' }).default(24),
});

export const reviewerChainSchema = z.strictObject({
  id: ruleIdSchema,
  name: z.string().min(1, { error: '名称不能为空' }),
  /** Which tag groups (by id) or sensitivity classes use this chain; more specific wins. */
  appliesTo: z.strictObject({
    groupIds: z.array(z.string().min(1)).default([]),
    sensitivity: z.array(z.enum(['public', 'internal', 'sensitive', 'restricted'])).default([]),
  }),
  steps: z.array(reviewerStepSchema).min(1, { error: '审批链至少需要一个环节' }).max(5, { error: '审批链最多 5 个环节' }),
  /** A requester never approves their own request, even as a supervisor. */
  forbidSelfApproval: z.literal(true).default(true),
});
export type ReviewerChain = z.output<typeof reviewerChainSchema>;
