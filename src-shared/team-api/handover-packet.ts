// The personal-tag hand-over packet's API shapes (docs/admin.md). A leaver sends their
// personal tags and notes for chosen customers; the supervisor approves or strikes out each
// entry; the successor of each customer taken over accepts or declines each approved entry.
import { z } from 'zod';

const text = z.string().trim().min(1, '内容不能为空');
export const packetEntryInputSchema = z.discriminatedUnion('kind', [
  z.object({ externalUserid: z.string().min(1).max(64), customerName: z.string().max(100).default(''), kind: z.literal('tag'), text: text.max(30, '个人标签最多 30 个字') }).strict(),
  z.object({ externalUserid: z.string().min(1).max(64), customerName: z.string().max(100).default(''), kind: z.literal('note'), text: text.max(500, '交接备注最多 500 个字') }).strict(),
]);
export type PacketEntryInput = z.input<typeof packetEntryInputSchema>;

export const createPacketSchema = z.object({
  /** The desktop's id: sending again returns the same packet. */
  requestId: z.string().uuid(),
  entries: z.array(packetEntryInputSchema).min(1, '交接包是空的').max(2000, '一个交接包最多 2000 条'),
  note: z.string().trim().max(200).optional(),
}).strict();

export const entryDecisionSchema = z.enum(['pending', 'approved', 'struck']);
export const entryClaimSchema = z.enum(['accepted', 'declined']);

export const packetEntrySchema = z.object({
  seq: z.number().int(),
  externalUserid: z.string(),
  customerName: z.string(),
  kind: z.enum(['tag', 'note']),
  /** Null once erased from the server: struck out, or taken by the successor. */
  text: z.string().nullable(),
  sensitive: z.boolean(),
  reasons: z.array(z.string()),
  decision: entryDecisionSchema,
  strikeReason: z.string().nullable(),
  claim: entryClaimSchema.nullable(),
  claimedBy: z.string().nullable(),
});
export type PacketEntryView = z.infer<typeof packetEntrySchema>;

export const packetSchema = z.object({
  id: z.string(),
  member: z.string(),
  memberName: z.string(),
  createdAt: z.string(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'reviewed']),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  entries: z.array(packetEntrySchema),
});
export type PacketView = z.infer<typeof packetSchema>;

export const reviewPacketSchema = z.object({
  decisions: z.array(z.object({ seq: z.number().int().min(1), decision: z.enum(['approve', 'strike']), reason: z.string().trim().max(200).optional() }).strict()).min(1).max(2000),
}).strict();

/** An approved entry waiting for (or decided by) the successor of its customer. */
export const inheritedEntrySchema = packetEntrySchema.extend({
  packetId: z.string(),
  from: z.string(),
  fromName: z.string(),
  handoverId: z.string(),
});
export type InheritedEntryView = z.infer<typeof inheritedEntrySchema>;

export const claimPacketSchema = z.object({
  claims: z.array(z.object({ packetId: z.string().min(1).max(64), seq: z.number().int().min(1), claim: entryClaimSchema, confirmed: z.boolean().optional() }).strict()).min(1).max(2000),
}).strict();
