// The sync engine as the member sees it: queued changes, stall, and the conflicts inbox.
import { z } from 'zod';
import { channel } from '../contract';

export const syncStatusSchema = z.object({
  online: z.boolean(),
  /** First load of the member's customers still running. */
  loading: z.boolean(),
  loaded: z.object({ customers: z.number().int(), at: z.string().nullable() }),
  stalled: z.boolean(),
  configError: z.string().nullable(),
  queued: z.number().int(),
  parked: z.number().int(),
  approvalsQueued: z.number().int(),
  lastProgressAt: z.string().nullable(),
});
export type SyncStatusView = z.infer<typeof syncStatusSchema>;

export const conflictChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pick-replacement'), tagId: z.string(), groupId: z.string().nullable(), label: z.string() }),
  z.object({ kind: z.literal('create-tag'), label: z.string() }),
  z.object({ kind: z.literal('retry'), label: z.string() }),
  z.object({ kind: z.literal('drop'), label: z.string() }),
]);

export const conflictViewSchema = z.object({
  id: z.number().int(),
  externalUserid: z.string(),
  customerName: z.string().nullable(),
  /** Chinese: what the member wanted, e.g. 添加「付费客户」. */
  wanted: z.string(),
  /** Chinese: what happened, e.g. 该标签已在企业微信中被删除. */
  happened: z.string(),
  serverValue: z.string().nullable(),
  at: z.string(),
  choices: z.array(conflictChoiceSchema),
});
export type ConflictView = z.infer<typeof conflictViewSchema>;

export const syncChannels = {
  'sync.status': channel({
    summary: 'Queued and parked changes, first-load progress, stall and configuration errors.',
    args: z.object({}).strict(),
    result: syncStatusSchema,
  }),
  'sync.now': channel({
    summary: 'Sends queued changes now and refreshes the catalog (the member pressed 同步).',
    args: z.object({}).strict(),
    result: syncStatusSchema,
  }),
  'conflicts.list': channel({
    summary: 'The conflicts inbox: parked changes with what happened and the choices.',
    args: z.object({}).strict(),
    result: z.object({ conflicts: z.array(conflictViewSchema) }),
  }),
  'conflicts.resolve': channel({
    summary: 'Applies a choice to a parked change: a replacement tag, create the tag, retry, or drop with a reason.',
    args: z.object({
      id: z.number().int().positive(),
      choice: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('pick-replacement'), tagId: z.string().min(1), groupId: z.string().nullable() }),
        z.object({ kind: z.literal('create-tag') }),
        z.object({ kind: z.literal('retry') }),
        z.object({ kind: z.literal('drop'), reason: z.string().trim().min(2, '请写明放弃的原因').max(200) }),
      ]),
    }).strict(),
    result: z.object({ resolved: z.boolean() }),
  }),
};
