// The team server's administration API in schemas: batches, bulk tagging, import and export,
// catalog administration, the recycle bin and the time machine. The desktop's client validates
// answers with these, and the IPC channels for the admin screens reuse them.
import { z } from 'zod';

export const selectorSchema = z.object({
  /** A tag-set expression, e.g. `VIP 且 地域:华东`. */
  query: z.string().trim().min(1).max(2000).optional(),
  /** Pasted external_userids. */
  externalUserids: z.array(z.string().min(1).max(128)).max(100_000).optional(),
  /** Only these follow-members' relations. */
  members: z.array(z.string().min(1).max(64)).max(1000).optional(),
  /** Customer name contains this text. */
  nameContains: z.string().trim().min(1).max(60).optional(),
}).strict().refine((s) => s.query !== undefined || s.externalUserids !== undefined, { message: '请给出标签表达式或客户 ID 列表', path: ['query'] });
export type Selector = z.infer<typeof selectorSchema>;

export const batchStatusSchema = z.enum(['running', 'paused', 'done', 'cancelled']);
export const batchSchema = z.object({
  id: z.string(),
  kind: z.string(),
  source: z.string(),
  title: z.string(),
  status: batchStatusSchema,
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  undoOf: z.string().nullable(),
  undoneBy: z.string().nullable(),
  total: z.number().int(),
  counts: z.object({ pending: z.number().int(), done: z.number().int(), unchanged: z.number().int(), failed: z.number().int() }),
  etaSeconds: z.number().nullable(),
  meta: z.record(z.string(), z.unknown()),
});
export type Batch = z.infer<typeof batchSchema>;

export const batchItemSchema = z.object({
  seq: z.number().int(),
  userid: z.string(),
  externalUserid: z.string(),
  add: z.array(z.string()),
  remove: z.array(z.string()),
  before: z.array(z.string()),
  status: z.enum(['pending', 'done', 'unchanged', 'failed']),
  errcode: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type BatchItem = z.infer<typeof batchItemSchema>;

export const bulkPreviewSchema = z.object({
  customers: z.number().int(),
  relations: z.number().int(),
  willChange: z.number().int(),
  unknownIds: z.array(z.string()),
  refused: z.number().int(),
  refusals: z.array(z.object({ userid: z.string(), externalUserid: z.string(), tagId: z.string().nullable(), reason: z.string() })),
  sample: z.array(z.object({ userid: z.string(), externalUserid: z.string(), customerName: z.string() })),
});
export type BulkPreview = z.infer<typeof bulkPreviewSchema>;

export const importColumnRoleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer') }), z.object({ kind: z.literal('member') }), z.object({ kind: z.literal('name') }),
  z.object({ kind: z.literal('group'), groupId: z.string().min(1).max(64) }), z.object({ kind: z.literal('tags') }), z.object({ kind: z.literal('ignore') }),
]);
export const importErrorSchema = z.object({ row: z.number().int(), column: z.string(), code: z.string(), message: z.string(), suggestion: z.string().nullable() });
export const importPreviewSchema = z.object({
  rows: z.number().int(),
  ok: z.number().int(),
  errors: z.array(importErrorSchema),
  columns: z.array(z.object({ header: z.string(), role: importColumnRoleSchema })),
  customers: z.number().int(),
  assignments: z.number().int(),
  relations: z.number().int(),
  encoding: z.string(),
});
export type ImportPreviewView = z.infer<typeof importPreviewSchema>;
export const importCommitSchema = z.object({ batch: batchSchema, rows: z.number().int(), ok: z.number().int(), skipped: z.number().int() });

export const catalogGroupSchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  /** Set when the group was created outside Tagdesk: why it cannot be changed here. */
  readOnlyReason: z.string().nullable(),
  canManage: z.boolean(),
  tags: z.array(z.object({ tagId: z.string(), name: z.string() })),
});
export const wecomGroupSchema = z.looseObject({ group_id: z.string(), group_name: z.string(), tag: z.array(z.looseObject({ id: z.string(), name: z.string() })).optional() });

export const recycleEntrySchema = z.object({
  id: z.string(),
  tagId: z.string(),
  tagName: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  assignments: z.number().int(),
  deletedBy: z.string(),
  deletedAt: z.string(),
  expiresAt: z.string(),
  restoredAt: z.string().nullable(),
  restoredTagId: z.string().nullable(),
  restoreBatchId: z.string().nullable(),
});
export type RecycleEntryView = z.infer<typeof recycleEntrySchema>;

export const deleteOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('confirmation_required'), usage: z.number().int(), confirmToken: z.string(), message: z.string() }),
  z.object({ status: z.literal('deleted'), usage: z.number().int(), recycled: z.array(recycleEntrySchema), snapshotId: z.string() }),
]);

export const snapshotSchema = z.object({ id: z.string(), takenAt: z.string(), reason: z.string(), takenBy: z.string(), groups: z.number().int(), tags: z.number().int(), relations: z.number().int() });
const catalogTagRef = z.object({ groupName: z.string(), tagName: z.string(), tagId: z.string() });
export const catalogDiffSchema = z.object({
  snapshotId: z.string(),
  takenAt: z.string(),
  removed: z.array(catalogTagRef),
  added: z.array(catalogTagRef),
  renamed: z.array(z.object({ tagId: z.string(), from: z.string(), to: z.string() })),
});
export const tagsAsOfSchema = z.object({
  externalUserid: z.string(),
  at: z.string(),
  basis: z.enum(['snapshot', 'current']),
  snapshotId: z.string().nullable(),
  relations: z.array(z.object({ userid: z.string(), tags: z.array(z.object({ tagId: z.string(), tagName: z.string().nullable(), groupName: z.string().nullable() })) })),
});

export const tagUsageSchema = z.object({
  tagId: z.string(), tagName: z.string(), groupId: z.string(), groupName: z.string(), customers: z.number().int(), relations: z.number().int(),
  lastUsedAt: z.string().nullable(), addsLast30Days: z.number().int(), addsPrevious30Days: z.number().int(),
});
const tagBrief = z.object({ tagId: z.string(), tagName: z.string(), groupName: z.string() });
export const nearDuplicateSchema = z.object({ a: tagBrief, b: tagBrief, nameSimilarity: z.number(), coOccurrence: z.number(), reason: z.string() });

const userid = z.string().min(1).max(64);
export const successorPlanSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('one'), userid }).strict(),
  z.object({ mode: z.literal('roundRobin'), userids: z.array(userid).min(1).max(100) }).strict(),
  z.object({ mode: z.literal('byTag'), rules: z.array(z.object({ tagId: z.string().min(1).max(64), userid }).strict()).min(1).max(50), fallback: userid }).strict(),
]);
export const handoverStartSchema = z.object({
  kind: z.enum(['onjob', 'resigned']),
  handoverUserid: userid,
  externalUserids: z.array(z.string().min(1).max(128)).min(1).max(10_000).optional(),
  successors: successorPlanSchema,
  message: z.string().trim().max(200).optional(),
}).strict();
const handoverStatus = z.enum(['waiting', 'taken_over', 'refused', 'successor_at_limit', 'failed']);
export const handoverSchema = z.object({
  id: z.string(),
  kind: z.enum(['onjob', 'resigned']),
  handoverUserid: z.string(),
  handoverName: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  counts: z.record(handoverStatus, z.number().int()),
  items: z.array(z.object({
    externalUserid: z.string(), customerName: z.string(), takeoverUserid: z.string(), takeoverName: z.string(), status: handoverStatus, errcode: z.number().int().nullable(), errorText: z.string().nullable(), repairBatchId: z.string().nullable(),
    /** The leaver's enterprise tags at the start; after takeover, checked and the missing ones put back. */
    beforeTagIds: z.array(z.string()), checkedAt: z.string().nullable(), repairedTagIds: z.array(z.string()),
  })),
});
export type HandoverView = z.infer<typeof handoverSchema>;
export const handoverPreviewArgsSchema = handoverStartSchema.omit({ message: true });
export const handoverPreviewSchema = z.object({
  calls: z.number().int(),
  perSuccessor: z.array(z.object({ userid: z.string(), name: z.string(), customers: z.number().int() })),
  customers: z.array(z.object({ externalUserid: z.string(), customerName: z.string(), tagIds: z.array(z.string()), takeoverUserid: z.string(), blockedReason: z.string().nullable() })),
});
export type HandoverPreviewView = z.infer<typeof handoverPreviewSchema>;
export const handoverCandidateSchema = z.object({ userid: z.string(), name: z.string(), kind: z.enum(['onjob', 'resigned']), department: z.string() });
export const handoverCustomerSchema = z.object({ externalUserid: z.string(), customerName: z.string(), tagIds: z.array(z.string()), transfers90d: z.number().int() });
export const handoverSummarySchema = z.object({ id: z.string(), kind: z.enum(['onjob', 'resigned']), handoverUserid: z.string(), handoverName: z.string(), createdAt: z.string(), customers: z.number().int() });
