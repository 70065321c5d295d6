// Suspicious-edit alerts for supervisors and admins: list, revert through a batch, dismiss;
// suspended members and lifting a suspension; a member's own suspension. Forwarded to the team
// server, which decides with the permission engine (docs/guardrails.md).
import { z } from 'zod';
import { channel } from '../contract';
import { guardAlertSchema, suspensionSchema } from '../../team-api/guard';
import { batchSchema } from '../../team-api/admin';

const id = z.string().min(1).max(64);

export const guardChannels = {
  'guard.alerts': channel({
    summary: 'Suspicious-edit alerts about the members the caller oversees (supervisors, admins), newest first.',
    args: z.object({ status: z.enum(['open', 'reverted', 'dismissed']).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    result: z.object({ alerts: z.array(guardAlertSchema) }),
  }),
  'guard.alert': channel({ summary: 'One alert with the exact tag changes and the affected customers.', args: z.object({ id }).strict(), result: guardAlertSchema }),
  'guard.revert': channel({
    summary: "Reverts an alert's changes through one undoable batch that restores the previous tags in WeCom.",
    args: z.object({ id }).strict(),
    result: z.object({ alert: guardAlertSchema, batch: batchSchema }),
  }),
  'guard.dismiss': channel({
    summary: 'Closes an alert without reverting, with a note (audited).',
    args: z.object({ id, note: z.string().trim().min(1, { error: '请填写处理说明' }).max(500) }).strict(),
    result: guardAlertSchema,
  }),
  'guard.suspensions': channel({ summary: 'Members whose tagging is suspended, in the caller’s scope.', args: z.object({}).strict(), result: z.object({ suspensions: z.array(suspensionSchema) }) }),
  'guard.lift': channel({
    summary: "Lifts a member's tagging suspension (their supervisor or an admin; audited).",
    args: z.object({ userid: z.string().min(1).max(128), note: z.string().trim().max(500).optional() }).strict(),
    result: z.object({ lifted: z.object({ userid: z.string(), since: z.string(), by: z.string(), reason: z.string(), alertId: z.string().nullable() }) }),
  }),
  'guard.me': channel({
    summary: "Whether the signed-in member's tagging is suspended, since when and why.",
    args: z.object({}).strict(),
    result: z.object({ suspended: z.boolean(), since: z.string().optional(), reason: z.string().optional() }),
  }),
};
