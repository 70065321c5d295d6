// The approval queue's API shapes: one queue for every kind of review. Sensitive tags now;
// hand-over packets, large deletions and lifted suspensions are further kinds later.
import { z } from 'zod';

export const APPROVAL_SLA_MS = 24 * 60 * 60 * 1000;

export const approvalKindSchema = z.enum(['sensitive_tag']);
export const approvalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'expired']);
export type ApprovalStatus = z.infer<typeof approvalStatusSchema>;

/** A linter finding as the desktop saw it (the server lints again; this is for the reviewer). */
export const findingSummarySchema = z.object({
  category: z.string().max(64),
  action: z.enum(['warn', 'replace', 'approval', 'block']),
  message: z.string().max(300),
});

export const createApprovalSchema = z
  .object({
    /** The desktop's id for this request: filing it again returns the same request. */
    requestId: z.string().uuid(),
    kind: approvalKindSchema,
    /** The follow relation the tag goes on. */
    userid: z.string().min(1).max(64),
    externalUserid: z.string().min(1).max(64),
    /** An existing tag … */
    tagId: z.string().min(1).max(64).optional(),
    /** … or a new one to be created in this group. */
    groupId: z.string().min(1).max(64).optional(),
    proposedName: z.string().min(1).max(30).optional(),
    reason: z.string().trim().min(2, '请写明申请理由').max(500),
    findings: z.array(findingSummarySchema).max(20).default([]),
  })
  .strict()
  .refine((v) => Boolean(v.tagId) !== Boolean(v.groupId && v.proposedName), { message: '请指定已有标签，或指定分组和新标签名（二选一）', path: ['tagId'] });
export type CreateApproval = z.infer<typeof createApprovalSchema>;

export const decisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    /** Approve an existing tag instead of the one asked for. */
    replacementTagId: z.string().min(1).max(64).optional(),
    /** Approve a new wording; the tag is created where the approver may manage the group. */
    replacementName: z.string().trim().min(1).max(30).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine((v) => !(v.replacementTagId && v.replacementName), { message: '替换标签和新措辞只能选一个', path: ['replacementName'] })
  .refine((v) => v.decision === 'approve' || !(v.replacementTagId || v.replacementName), { message: '驳回时不能指定替换标签', path: ['decision'] })
  .refine((v) => v.decision === 'approve' || (v.note?.length ?? 0) >= 2, { message: '驳回时请写明原因', path: ['note'] });
export type Decision = z.infer<typeof decisionSchema>;

export const approvalSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  kind: approvalKindSchema,
  status: approvalStatusSchema,
  requester: z.string(),
  requesterName: z.string(),
  userid: z.string(),
  externalUserid: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  tagId: z.string().nullable(),
  tagName: z.string().nullable(),
  reason: z.string(),
  findings: z.array(findingSummarySchema),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** The tag that was applied in WeCom on approval (the replacement, if one was chosen). */
  appliedTagId: z.string().nullable(),
  appliedTagName: z.string().nullable(),
  /** Approved but not yet applied in WeCom (it retries by itself). */
  applyPending: z.boolean(),
});
export type Approval = z.infer<typeof approvalSchema>;
