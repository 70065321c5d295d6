// The supervisor's view of their team's enterprise-tag changes (central audit on the team server).
import { z } from 'zod';
import { channel } from '../contract';

export const teamHistoryEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  source: z.string(),
  action: z.string(),
  externalUserid: z.string().nullable(),
  customerName: z.string().nullable(),
  summary: z.string(),
});
export type TeamHistoryEntry = z.infer<typeof teamHistoryEntrySchema>;

export const teamChannels = {
  'team.history': channel({
    summary: "The team's enterprise-tag changes the signed-in supervisor may see, newest first, filtered.",
    args: z.object({
      member: z.string().max(64).optional(),
      externalUserid: z.string().max(64).optional(),
      source: z.string().max(32).optional(),
      /** ISO 8601 bounds. */
      from: z.string().datetime({ offset: true, message: '开始时间格式不正确' }).optional(),
      to: z.string().datetime({ offset: true, message: '结束时间格式不正确' }).optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }).strict(),
    result: z.object({ entries: z.array(teamHistoryEntrySchema) }),
  }),
};
