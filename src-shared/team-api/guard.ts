// Suspicious-edit alerts and suspensions as the team server's /team/v1/guard routes return them
// (docs/guardrails.md); the desktop validates answers with these before the screens see them.
import { z } from 'zod';

export const guardChangeSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  member: z.string(),
  customer: z.string(),
  tagId: z.string(),
  action: z.enum(['tag.add', 'tag.remove']),
  tagName: z.string().nullable(),
  groupName: z.string().nullable(),
  source: z.string(),
});

export const guardAlertSchema = z.object({
  id: z.string(),
  kind: z.enum(['mass_change', 'tag_removal', 'off_hours', 'blocked_attempts']),
  status: z.enum(['open', 'reverted', 'dismissed']),
  actor: z.string(),
  actorName: z.string(),
  device: z.string().nullable(),
  /** Chinese: who did what, e.g. 刘洋 在 10 分钟内改动了 50 位客户的标签（…）. */
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  changes: z.array(guardChangeSchema),
  customers: z.array(z.string()),
  /** The customers' names as WeCom has them, for the viewer's scope (a supervisor's device holds only their own customers). */
  customerNames: z.record(z.string(), z.string()).default({}),
  createdAt: z.string(),
  updatedAt: z.string(),
  revertBatchId: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type GuardAlertView = z.infer<typeof guardAlertSchema>;

export const suspensionSchema = z.object({
  userid: z.string(),
  name: z.string(),
  since: z.string(),
  by: z.string(),
  reason: z.string(),
  alertId: z.string().nullable(),
});
