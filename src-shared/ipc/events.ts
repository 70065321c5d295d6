// Events main pushes to the renderer (connection changes now; customer and approval updates
// as later work adds them). One discriminated union, validated on both transports.
import { z } from 'zod';
import { connectionSchema, memberSummarySchema } from './channels/session';
import { storeHealthSchema } from './channels/app';

export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('connection'), connection: connectionSchema }),
  /** Signed in, signed out, or signed out by an admin (revoked). */
  z.object({ type: z.literal('session'), member: memberSummarySchema.nullable(), reason: z.enum(['signed-in', 'signed-out', 'revoked', 'restored']) }),
  z.object({ type: z.literal('focus-search') }),
  /** The start-up integrity check finished. */
  z.object({ type: z.literal('store-health'), store: storeHealthSchema }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;
