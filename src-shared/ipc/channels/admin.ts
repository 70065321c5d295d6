// The admin and operations screens: bulk tagging in batches (progress, pause, resume, undo),
// tag import and customer export, catalog administration, the recycle bin and the time
// machine. Main forwards each call to the team server, which decides with the permission
// engine; progress arrives as `batch.progress` events.
import { z } from 'zod';
import { channel } from '../contract';
import {
  batchItemSchema, batchSchema, bulkPreviewSchema, catalogDiffSchema, catalogGroupSchema, deleteOutcomeSchema, importColumnRoleSchema,
  handoverSchema, handoverStartSchema, handoverSummarySchema, handoverPreviewArgsSchema, handoverPreviewSchema, handoverCandidateSchema, handoverCustomerSchema, importCommitSchema, importPreviewSchema, nearDuplicateSchema, recycleEntrySchema, tagUsageSchema, selectorSchema, snapshotSchema, tagsAsOfSchema, wecomGroupSchema,
} from '../../team-api/admin';

const id = z.string().min(1).max(128);
const tagIds = z.array(z.string().min(1).max(64)).max(100);
const bulkArgs = z.object({ selector: selectorSchema, add: tagIds.default([]), remove: tagIds.default([]), title: z.string().trim().min(1).max(100).optional() })
  .strict().refine((b) => b.add.length + b.remove.length > 0, { message: '请至少选择一个要添加或移除的标签', path: ['add'] });
const name = z.string().trim().min(1, '名称不能为空').max(30, '名称最多 30 个字');
const newTags = z.array(z.object({ name, order: z.number().int().min(0).optional() }).strict()).min(1, '至少要有一个标签').max(100);
/** Files travel base64-encoded so their bytes (and encoding) arrive intact; about 700 KB fits the browser transport. */
const file = { fileBase64: z.string().min(1).max(1_000_000), fileName: z.string().max(200).optional(), mapping: z.record(z.string().max(200), importColumnRoleSchema).optional() };

export const adminChannels = {
  'admin.bulk.preview': channel({
    summary: 'How many customers and relations a bulk change would touch, how many would change, and any refusals; changes nothing.',
    args: bulkArgs,
    result: bulkPreviewSchema,
  }),
  'admin.bulk.start': channel({
    summary: 'Starts a bulk add/remove of enterprise tags as a batch (no 200 cap); progress follows as batch.progress events.',
    args: bulkArgs,
    result: batchSchema,
  }),
  'admin.batches.list': channel({
    summary: "Batches the member started (admins: everyone's), newest first.",
    args: z.object({}).strict(),
    result: z.object({ batches: z.array(batchSchema) }),
  }),
  'admin.batches.get': channel({ summary: 'One batch with counts and ETA.', args: z.object({ id }).strict(), result: batchSchema }),
  'admin.batches.items': channel({
    summary: "A page of a batch's per-customer results.",
    args: z.object({ id, status: z.enum(['pending', 'done', 'unchanged', 'failed']).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    result: z.object({ items: z.array(batchItemSchema) }),
  }),
  'admin.batches.pause': channel({ summary: 'Pauses a running batch after the items in flight.', args: z.object({ id }).strict(), result: batchSchema }),
  'admin.batches.resume': channel({ summary: 'Resumes a paused batch.', args: z.object({ id }).strict(), result: batchSchema }),
  'admin.batches.cancel': channel({ summary: 'Stops a batch for good; what reached WeCom stays (and can be undone).', args: z.object({ id }).strict(), result: batchSchema }),
  'admin.batches.undo': channel({ summary: 'Undoes a whole batch as a new batch: every relation gets back the touched tags it had before.', args: z.object({ id }).strict(), result: batchSchema }),
  'admin.import.preview': channel({
    summary: 'Checks a CSV tag import (encoding detected, header mapped) and lists every row-level error with a suggestion; changes nothing.',
    args: z.object(file).strict(),
    result: importPreviewSchema,
  }),
  'admin.import.commit': channel({
    summary: 'Imports the rows without errors as one undoable batch (refused while errors remain unless skipErrors).',
    args: z.object({ ...file, title: z.string().trim().min(1).max(100).optional(), skipErrors: z.boolean().default(false) }).strict(),
    result: importCommitSchema,
  }),
  'admin.export.customers': channel({
    summary: 'Customers with tags and metadata as CSV for Excel (UTF-8 BOM, CRLF), within the member’s scope and visible groups.',
    args: z.object({ selector: selectorSchema.optional() }).strict(),
    result: z.object({ csv: z.string(), rows: z.number().int(), fileName: z.string() }),
  }),
  'admin.catalog.list': channel({
    summary: 'The tag catalog with, per group, whether the member may manage it and why not (groups created outside Tagdesk).',
    args: z.object({}).strict(),
    result: z.object({ groups: z.array(catalogGroupSchema) }),
  }),
  'admin.catalog.createGroup': channel({
    summary: 'Creates a tag group with its first tags in WeCom.',
    args: z.object({ groupName: name, order: z.number().int().min(0).optional(), tags: newTags }).strict(),
    result: wecomGroupSchema,
  }),
  'admin.catalog.addTags': channel({ summary: 'Adds tags to a group in WeCom.', args: z.object({ groupId: id, tags: newTags }).strict(), result: wecomGroupSchema }),
  'admin.catalog.edit': channel({
    summary: 'Renames and/or reorders a group or tag in WeCom.',
    args: z.object({ id, name: name.optional(), order: z.number().int().min(0).optional() }).strict().refine((b) => b.name !== undefined || b.order !== undefined, { message: '请给出新名称或排序', path: ['name'] }),
    result: z.object({ edited: z.string() }),
  }),
  'admin.catalog.delete': channel({
    summary: 'Deletes tags or a group (snapshot and recycle bin first). Over 200 customers: admins only, and the first call returns a confirmToken to send back.',
    args: z.object({ tagIds: z.array(id).min(1).max(100).optional(), groupId: id.optional(), confirmToken: z.string().max(200).optional() })
      .strict().refine((b) => Boolean(b.tagIds) !== Boolean(b.groupId), { message: '请指定要删除的标签，或整个标签组（二选一）', path: ['tagIds'] }),
    result: deleteOutcomeSchema,
  }),
  'admin.recycleBin.list': channel({
    summary: 'Deleted tags restorable within 72 h (all: restored and expired ones too).',
    args: z.object({ all: z.boolean().default(false) }).strict(),
    result: z.object({ entries: z.array(recycleEntrySchema) }),
  }),
  'admin.recycleBin.restore': channel({
    summary: 'Recreates a deleted tag in WeCom and re-applies its assignments through a batch (new id, audited).',
    args: z.object({ id }).strict(),
    result: z.object({ entry: recycleEntrySchema, batch: batchSchema.nullable() }),
  }),
  'admin.snapshots.list': channel({ summary: 'Snapshots of the catalog and assignments, newest first.', args: z.object({}).strict(), result: z.object({ snapshots: z.array(snapshotSchema) }) }),
  'admin.snapshots.take': channel({ summary: 'Takes a snapshot now.', args: z.object({ reason: z.string().trim().min(1).max(200).optional() }).strict(), result: snapshotSchema }),
  'admin.snapshots.diff': channel({ summary: 'What changed in the catalog since a snapshot (preview of restoring the catalog as of then).', args: z.object({ id }).strict(), result: catalogDiffSchema }),
  'admin.customer.tagsAsOf': channel({
    summary: "A customer's enterprise tags as of a moment (time machine), on the relations and groups the member may see.",
    args: z.object({ externalUserid: id, at: z.string().datetime({ offset: true, message: '时间格式不正确' }) }).strict(),
    result: tagsAsOfSchema,
  }),
  'admin.governance.usage': channel({
    summary: 'Usage per tag (customers, relations, last used, adds in the last 30 days and the 30 before) and the unused tags; admins.',
    args: z.object({}).strict(),
    result: z.object({ tags: z.array(tagUsageSchema), unused: z.array(z.string()) }),
  }),
  'admin.governance.duplicates': channel({
    summary: 'Near-duplicate tag pairs by name similarity and co-occurrence on the same customers, with the reason; admins.',
    args: z.object({ minScore: z.number().min(0.1).max(1).optional() }).strict(),
    result: z.object({ pairs: z.array(nearDuplicateSchema) }),
  }),
  'admin.governance.merge': channel({
    summary: 'Merges tags into one: every relation carrying a merged tag gets the target and loses the others, in one undoable batch.',
    args: z.object({ fromTagIds: z.array(id).min(1).max(20), toTagId: id }).strict(),
    result: batchSchema,
  }),
  'admin.handover.start': channel({
    summary: "Hands a transferring or resigned member's customers to successors (one, round-robin, by tag) through WeCom's transfer APIs, 100 per call.",
    args: handoverStartSchema,
    result: handoverSchema,
  }),
  'admin.handover.candidates': channel({
    summary: 'Members whose customers this member may hand over: the team (supervisors), everyone and resigned members (admins).',
    args: z.object({}).strict(),
    result: z.object({ members: z.array(handoverCandidateSchema) }),
  }),
  'admin.handover.customers': channel({
    summary: "A leaver's customers with their enterprise tags and transfers started in the last 90 days.",
    args: z.object({ kind: z.enum(['onjob', 'resigned']), userid: z.string().min(1).max(64) }).strict(),
    result: z.object({ customers: z.array(handoverCustomerSchema) }),
  }),
  'admin.handover.preview': channel({
    summary: 'Who takes whom, how many WeCom calls (100 customers each), and which customers WeCom will refuse (twice in 90 days); changes nothing.',
    args: handoverPreviewArgsSchema,
    result: handoverPreviewSchema,
  }),
  'admin.handover.list': channel({ summary: 'Hand-overs the member started (admins: all).', args: z.object({}).strict(), result: z.object({ handovers: z.array(handoverSummarySchema) }) }),
  'admin.handover.get': channel({ summary: "One hand-over with each customer's status.", args: z.object({ id }).strict(), result: handoverSchema }),
  'admin.handover.refresh': channel({
    summary: "Asks WeCom how each transfer stands; after takeover, re-applies any of the leaver's enterprise tags that did not carry over (one batch).",
    args: z.object({ id }).strict(),
    result: handoverSchema,
  }),
};
