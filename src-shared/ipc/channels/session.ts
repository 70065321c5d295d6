// Who is signed in on this device and how the connection to the team server stands.
import { z } from 'zod';
import { channel } from '../contract';

export const memberSummarySchema = z.object({
  userid: z.string(),
  name: z.string(),
  departmentName: z.string(),
  role: z.enum(['sales', 'service', 'supervisor', 'admin']),
});
export type MemberSummary = z.infer<typeof memberSummarySchema>;

export const connectionSchema = z.object({
  state: z.enum(['not_configured', 'connecting', 'online', 'offline']),
  serverUrl: z.string().nullable(),
  /** Local changes waiting to be sent. */
  queued: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
});
export type Connection = z.infer<typeof connectionSchema>;

export const sessionChannels = {
  'session.current': channel({
    summary: 'The signed-in member (null before sign-in) and the connection state.',
    args: z.object({}).strict(),
    result: z.object({ member: memberSummarySchema.nullable(), connection: connectionSchema }),
  }),
  'session.beginSignIn': channel({
    summary: "Starts WeCom's sign-in: returns the login page URL (already opened in a window by the Electron shell).",
    args: z.object({}).strict(),
    result: z.object({ url: z.string().url(), opened: z.boolean() }),
  }),
  'session.signOut': channel({
    summary: 'Signs this device out: revokes its token on the team server and deletes it from the keychain.',
    args: z.object({}).strict(),
    result: z.object({ signedOut: z.boolean() }),
  }),
};
