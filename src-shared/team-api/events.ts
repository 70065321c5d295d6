// Events the team server pushes to desktops on GET /team/v1/events (Server-Sent Events).
// Each carries the log's `seq`, which a reconnecting desktop sends back as its cursor.
import { z } from 'zod';

export const teamEventSchema = z.discriminatedUnion('kind', [
  /** The cursor is older than the log keeps: pull everything again, then follow from `seq`. */
  z.object({ kind: z.literal('resync'), reason: z.string() }),
  /** The tag catalog changed in WeCom (through Tagdesk or the admin console). */
  z.object({ kind: z.literal('catalog.changed'), source: z.string() }),
  /** Tags on a follow relation changed; desktops showing the customer pull it. */
  z.object({ kind: z.literal('customer.tags.changed'), externalUserid: z.string(), userid: z.string(), source: z.string() }),
  /** An approval request was filed, decided, or expired. */
  z.object({ kind: z.literal('approval.updated'), requestId: z.string(), status: z.string(), requester: z.string() }),
  /** Policy (rule packs, group policy, mute/automation rules) has a new version. */
  z.object({ kind: z.literal('policy.updated'), version: z.number().int() }),
  /** The member's current WeCom chat is with this customer (from the chat-toolbar page). */
  z.object({ kind: z.literal('chat.current'), externalUserid: z.string() }),
  /** A batch (bulk tagging, import, restore, undo) moved on: counts and time left. */
  z.object({ kind: z.literal('batch.progress'), batchId: z.string(), status: z.string(), total: z.number().int(), done: z.number().int(), failed: z.number().int(), etaSeconds: z.number().nullable() }),
  /** Something security contacts must know (e.g. a widely used tag was deleted). */
  z.object({ kind: z.literal('admin.alert'), code: z.string(), message: z.string() }),
  /** An automation rule asks the follow-member to act on a customer (docs/automation.md). */
  z.object({ kind: z.literal('automation.notice'), ruleId: z.string(), ruleName: z.string(), externalUserid: z.string(), customerName: z.string(), message: z.string() }),
  /**
   * A suspicious edit (mass change, many removals of one tag, edits outside working hours,
   * repeated blocked texts) or a suspension, for the actor's overseers and admins (docs/guardrails.md).
   */
  z.object({ kind: z.literal('guard.alert'), alertId: z.string(), alertKind: z.string(), actor: z.string(), status: z.string(), summary: z.string() }),
  /** A mute lift that changes this member's verdicts began or ended: read the lifts again. */
  z.object({ kind: z.literal('mute.lifts.changed'), liftId: z.string() }),
  /** This device was signed out by an admin. */
  z.object({ kind: z.literal('device.revoked'), deviceId: z.string() }),
]);
export type TeamEvent = z.infer<typeof teamEventSchema>;
export type TeamEventEnvelope = { seq: number; at: string; event: TeamEvent };
