// Facts about the running app: version, mode, data folder, and the local store's health.
import { z } from 'zod';
import { channel } from '../contract';

export const storeHealthSchema = z.object({
  path: z.string(),
  journalMode: z.string(),
  synchronous: z.enum(['OFF', 'NORMAL', 'FULL', 'EXTRA']),
  schemaVersion: z.number().int().nonnegative(),
  /** 'ok', 'checking' (start-up check still running), or the first problem found. */
  integrity: z.string(),
  /** -1 when the scan itself failed. */
  foreignKeyViolations: z.number().int().min(-1),
  sqliteVersion: z.string(),
  sizeBytes: z.number().int().nonnegative(),
});

export const appInfoSchema = z.object({
  name: z.literal('Tagdesk'),
  version: z.string(),
  /** electron: the desktop shell; browser: main's services under Node, UI in a browser tab. */
  mode: z.enum(['electron', 'browser']),
  platform: z.string(),
  dataDir: z.string(),
  store: storeHealthSchema,
  secrets: z.object({
    backend: z.enum(['keychain', 'safe-storage', 'memory']),
    persistent: z.boolean(),
    /** Why a weaker backend is in use, in Chinese, for the settings screen. */
    note: z.string().optional(),
  }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app.info': channel({
    summary: 'Version, mode, data folder, store health and secret backend of this app instance.',
    args: z.object({}).strict(),
    result: appInfoSchema,
  }),
  'app.ping': channel({
    summary: 'Echoes a short text; used to check a transport end to end.',
    args: z.object({ text: z.string().max(200) }).strict(),
    result: z.object({ text: z.string(), at: z.string() }),
  }),
};
