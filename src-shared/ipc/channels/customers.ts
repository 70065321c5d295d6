// Finding a customer and reading the panel: search over the local store, the panel's one read
// (both tag columns with every chip's state), the catalog as this member may use it, tag
// completion, and the customer's history.
import { z } from 'zod';
import { channel } from '../contract';

export const externalUseridSchema = z.string().trim().min(1, '缺少客户 ID').max(64, '客户 ID 过长');

export const searchHitSchema = z.object({
  externalUserid: z.string(),
  name: z.string(),
  corpName: z.string().nullable(),
  remark: z.string().nullable(),
  /** Last four digits of a remark mobile, when there is one. */
  mobileTail: z.string().nullable(),
  /** What matched, for the hint under the name. */
  match: z.enum(['name-exact', 'name-prefix', 'initials', 'pinyin', 'name-part', 'remark', 'company', 'mobile-tail']),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** A chip's state, as the panel draws it. */
export const chipStateSchema = z.enum(['applied', 'pending-add', 'pending-remove', 'parked', 'awaiting-approval', 'rejected']);
export type ChipState = z.infer<typeof chipStateSchema>;

export const panelChipSchema = z.object({
  tagId: z.string(),
  name: z.string(),
  state: chipStateSchema,
  /** The tag was deleted from the catalog meanwhile (shown struck through until synced). */
  deleted: z.boolean(),
  /** For awaiting-approval and rejected chips. */
  approval: z.object({ id: z.string(), expiresAt: z.string(), note: z.string().nullable(), decidedBy: z.string().nullable() }).nullable(),
  /** A parked change's conflict, to open from the chip. */
  conflictId: z.number().int().nullable(),
  /** Where the tag came from on this relation (automation, import, approval), when known. */
  provenance: z.string().nullable(),
});
export type PanelChip = z.infer<typeof panelChipSchema>;

export const groupAccessSchema = z.object({
  groupId: z.string(),
  groupName: z.string(),
  /** What this member may do with the group's tags on their own relation. */
  canApply: z.boolean(),
  requiresApproval: z.boolean(),
  singleChoice: z.boolean(),
  sensitivity: z.enum(['public', 'internal', 'sensitive', 'restricted']),
  /** Why the group is read-only or needs approval, from the permission engine; null when freely editable. */
  why: z.string().nullable(),
  /** Groups created outside Tagdesk (WeCom console) are read-only to it. */
  external: z.boolean(),
});
export type GroupAccess = z.infer<typeof groupAccessSchema>;

export const panelGroupSchema = z.object({
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  access: groupAccessSchema.nullable(),
  chips: z.array(panelChipSchema),
});
export type PanelGroup = z.infer<typeof panelGroupSchema>;

export const personalChipSchema = z.object({ id: z.number().int(), name: z.string(), color: z.string().nullable() });
export type PersonalChip = z.infer<typeof personalChipSchema>;

export const panelViewSchema = z.object({
  customer: z.object({
    externalUserid: z.string(),
    name: z.string(),
    type: z.number().int(),
    corpName: z.string().nullable(),
    position: z.string().nullable(),
    avatar: z.string().nullable(),
  }),
  /** The signed-in member's own follow relation; null when they do not follow this customer. */
  own: z.object({
    remark: z.string().nullable(),
    description: z.string().nullable(),
    mobileTail: z.string().nullable(),
    addedAt: z.string().nullable(),
    /** A remark change queued but not yet in WeCom. */
    pendingRemark: z.object({ remark: z.string().optional(), description: z.string().optional() }).nullable(),
  }).nullable(),
  enterprise: z.array(panelGroupSchema),
  /** Colleagues' relations on the same customer, read-only, where policy lets the member see them. */
  colleagues: z.array(z.object({ userid: z.string(), name: z.string(), groups: z.array(panelGroupSchema) })),
  personal: z.array(personalChipSchema),
  personalEnabled: z.object({ enabled: z.boolean(), because: z.string() }),
  pendingOps: z.number().int().nonnegative(),
  parkedOps: z.number().int().nonnegative(),
});
export type PanelView = z.infer<typeof panelViewSchema>;

export const suggestionSchema = z.object({
  kind: z.enum(['enterprise', 'personal', 'create-personal']),
  /** Tag id (enterprise), personal tag id as a string, or '' for create-personal. */
  id: z.string(),
  name: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  /** Already on the customer (offered to remove instead). */
  applied: z.boolean(),
  /** Disabled suggestions explain themselves. */
  disabledReason: z.string().nullable(),
  requiresApproval: z.boolean(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const historyEntrySchema = z.object({
  at: z.string(),
  actor: z.string(),
  actorName: z.string().nullable(),
  /** panel, import, automation, approval, wecom (a change seen in WeCom), sync. */
  source: z.string(),
  action: z.string(),
  /** Chinese one-liner, e.g. 添加企业标签「付费客户」. */
  summary: z.string(),
  chain: z.enum(['enterprise', 'personal']),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const customerChannels = {
  'customers.search': channel({
    summary: "Searches the member's local customers by name, remark, company, mobile tail, pinyin and initials.",
    args: z.object({ query: z.string().max(64, '搜索内容过长'), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    result: z.object({ hits: z.array(searchHitSchema), total: z.number().int() }),
  }),
  'customers.panel': channel({
    summary: 'The panel for one customer: both tag columns with each chip state, colleagues read-only, pending counts.',
    args: z.object({ externalUserid: externalUseridSchema }).strict(),
    result: panelViewSchema,
  }),
  'customers.refresh': channel({
    summary: 'Reads the customer back from WeCom now (through the relay) and returns the fresh panel.',
    args: z.object({ externalUserid: externalUseridSchema }).strict(),
    result: panelViewSchema,
  }),
  'customers.history': channel({
    summary: "The customer's tag history on this device: enterprise changes, and personal ones (only their owner sees them).",
    args: z.object({ externalUserid: externalUseridSchema, limit: z.number().int().min(1).max(500).default(100) }).strict(),
    result: z.object({ entries: z.array(historyEntrySchema) }),
  }),
  'catalog.groups': channel({
    summary: 'The enterprise tag catalog in WeCom order, with what the signed-in member may do in each group.',
    args: z.object({}).strict(),
    result: z.object({ groups: z.array(groupAccessSchema.extend({ tags: z.array(z.object({ tagId: z.string(), name: z.string() })) })) }),
  }),
  'tags.suggest': channel({
    summary: 'Completion for quick add: enterprise or personal tags matching text, pinyin or initials.',
    args: z.object({ externalUserid: externalUseridSchema, column: z.enum(['enterprise', 'personal']), query: z.string().max(30), limit: z.number().int().min(1).max(30).default(8) }).strict(),
    result: z.object({ suggestions: z.array(suggestionSchema) }),
  }),
};
