// The shape of the typed IPC contract between the renderer and main. Each channel declares
// zod schemas for its arguments and result; the preload client, the main handlers and the
// browser-mode transport are all typed from these, and main validates every argument.
import { z } from 'zod';

export interface ChannelSpec<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  args: A;
  result: R;
  /** What the channel does, for docs/ipc.md and error logs. */
  summary: string;
}

export const channel = <A extends z.ZodType, R extends z.ZodType>(spec: ChannelSpec<A, R>): ChannelSpec<A, R> => spec;

export type ChannelMap = Record<string, ChannelSpec>;

export type ArgsOf<C extends ChannelSpec> = z.input<C['args']>;
export type ParsedArgsOf<C extends ChannelSpec> = z.output<C['args']>;
export type ResultOf<C extends ChannelSpec> = z.output<C['result']>;

/** Error codes a call may come back with; the renderer maps each to a Chinese message. */
export const IPC_ERROR_CODES = [
  'invalid_args', // the arguments did not match the channel's schema
  'unknown_channel', // no such channel in the contract
  'forbidden', // the permission engine or a transport check refused
  'not_found',
  'conflict',
  'unavailable', // a dependency (team server, keychain) cannot be reached
  'internal', // a bug: logged in main with details, shown to the user as a generic failure
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export const ipcErrorSchema = z.object({
  code: z.enum(IPC_ERROR_CODES),
  /** For the log and developers, in English. */
  message: z.string(),
  /** For the user, in Chinese. */
  userMessage: z.string(),
  /** For invalid_args: which field and what was wrong. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof ipcErrorSchema>;

/** Errors come back as data, never as a thrown IPC exception. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error });

/** Formats zod issues as {path, message} pairs with dotted paths. */
export function describeIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message }));
}

/** The client shape derived from a contract: one named async function per channel. */
export type ApiOf<M extends ChannelMap> = {
  [K in keyof M]: (args: ArgsOf<M[K]>) => Promise<IpcResult<ResultOf<M[K]>>>;
};
