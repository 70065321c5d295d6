// Approval requests for sensitive tags: filed from the panel (queued while offline), and the
// supervisor's queue of their team's requests.
import { z } from 'zod';
import { channel } from '../contract';
import { externalUseridSchema } from './customers';

export const approvalViewSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  status: z.enum(['queued', 'pending', 'approved', 'rejected', 'expired']),
  requester: z.string(),
  requesterName: z.string(),
  userid: z.string(),
  externalUserid: z.string(),
  customerName: z.string().nullable(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  tagId: z.string().nullable(),
  tagName: z.string().nullable(),
  reason: z.string(),
  categories: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  appliedTagName: z.string().nullable(),
});
export type ApprovalView = z.infer<typeof approvalViewSchema>;

export const approvalChannels = {
  'approvals.request': channel({
    summary: 'Files an approval request for a sensitive tag (existing, or a new name in a group); queued while offline.',
    args: z.object({
      externalUserid: externalUseridSchema,
      tagId: z.string().min(1).max(64).optional(),
      groupId: z.string().min(1).max(64).optional(),
      proposedName: z.string().trim().min(1).max(30).optional(),
      reason: z.string().trim().min(2, '请写明申请理由（至少 2 个字）').max(500, '理由最多 500 字'),
    }).strict().refine((v) => Boolean(v.tagId) !== Boolean(v.groupId && v.proposedName), { message: '请指定已有标签，或指定分组和新标签名（二选一）', path: ['tagId'] }),
    result: z.object({ approval: approvalViewSchema }),
  }),
  'approvals.list': channel({
    summary: "Approval requests: the member's own ('mine') or those they may decide ('team'), from the team server (cached offline).",
    args: z.object({ scope: z.enum(['mine', 'team']), status: z.enum(['pending', 'approved', 'rejected', 'expired']).optional() }).strict(),
    result: z.object({ approvals: z.array(approvalViewSchema), live: z.boolean() }),
  }),
  'approvals.decide': channel({
    summary: 'Approves (optionally with a replacement tag or wording) or rejects with a reason; needs the team server.',
    args: z.object({
      ids: z.array(z.string().min(1)).min(1).max(200),
      decision: z.enum(['approve', 'reject']),
      replacementTagId: z.string().min(1).max(64).optional(),
      replacementName: z.string().trim().min(1).max(30).optional(),
      note: z.string().trim().max(500).optional(),
    }).strict()
      .refine((v) => v.decision === 'approve' || (v.note?.length ?? 0) >= 2, { message: '驳回时请写明原因', path: ['note'] })
      .refine((v) => !(v.replacementTagId && v.replacementName), { message: '替换标签和新措辞只能选一个', path: ['replacementName'] }),
    result: z.object({ decided: z.array(approvalViewSchema), failed: z.array(z.object({ id: z.string(), userMessage: z.string() })) }),
  }),
};
