// Events main pushes to the renderer (connection changes now; customer and approval updates
// as later work adds them). One discriminated union, validated on both transports.
import { z } from 'zod';
import { connectionSchema, memberSummarySchema } from './channels/session';
import { storeHealthSchema } from './channels/app';
import { syncStatusSchema } from './channels/sync';

export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connection'), connection: connectionSchema }),
  /** Signed in, signed out, or signed out by an admin (revoked). */
  z.object({ type: z.literal('session'), member: memberSummarySchema.nullable(), reason: z.enum(['signed-in', 'signed-out', 'revoked', 'restored']) }),
  z.object({ type: z.literal('focus-search') }),
  /** The start-up integrity check finished. */
  z.object({ type: z.literal('store-health'), store: storeHealthSchema }),
  /** A customer's panel changed (a local change, a change seen in WeCom, a change settled): read it again. */
  z.object({ type: z.literal('customer.changed'), externalUserid: z.string() }),
  /** The member opened this customer's chat in WeCom (chat-toolbar page): switch to it. */
  z.object({ type: z.literal('chat.current'), externalUserid: z.string() }),
  /** A deep link (tagdesk://customer/…) asked for this customer: open it. */
  z.object({ type: z.literal('open-customer'), externalUserid: z.string() }),
  z.object({ type: z.literal('sync'), status: syncStatusSchema }),
  /** The catalog or the policy changed: group access and completion may differ. */
  z.object({ type: z.literal('catalog.changed') }),
  /** A mute lift covering the member began or ended: the open customer's verdict may differ. */
  z.object({ type: z.literal('mute.changed') }),
  /** An approval request of the member's, or one they may decide, was filed or decided. */
  z.object({ type: z.literal('approvals.changed'), requestId: z.string(), status: z.string() }),
  /** A batch (bulk tagging, import, restore, undo) the member follows moved on. */
  z.object({ type: z.literal('batch.progress'), batchId: z.string(), status: z.string(), total: z.number().int(), done: z.number().int(), failed: z.number().int(), etaSeconds: z.number().nullable() }),
  /** For security contacts (admins): e.g. a tag used by more than 200 customers was deleted. */
  z.object({ type: z.literal('admin.alert'), code: z.string(), message: z.string() }),
  /** An automation rule's notifyMember action for this member (docs/automation.md). */
  z.object({ type: z.literal('automation.notice'), ruleId: z.string(), ruleName: z.string(), externalUserid: z.string(), customerName: z.string(), message: z.string() }),
  /** A suspicious edit by someone the member oversees, or the member's own suspension and its lift (docs/guardrails.md). */
  z.object({ type: z.literal('guard.alert'), alertId: z.string(), alertKind: z.string(), actor: z.string(), status: z.string(), summary: z.string() }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;
