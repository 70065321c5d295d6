// How IPC handlers reach the team server as the signed-in device: the server URL and the device
// token from the session (or a Chinese "sign in first"), and the team server's refusals turned
// into handled errors that carry its Chinese reason to the panel (English stays in the log).
import type { z } from 'zod';
import { HandledError } from './dispatch';
import type { Services } from '../app/services';
import { createTeamTransport, TeamApiError, TeamUnreachableError } from '../team/team-api-client';

/** The team server's error codes as the panel's handled-error kinds. */
export function toHandled(e: unknown): never {
  if (e instanceof TeamApiError) {
    const code = e.code === 'forbidden' || e.code === 'unauthenticated' || e.code === 'device_revoked' ? 'forbidden'
      : e.code === 'not_found' ? 'not_found' : e.code === 'upstream_unavailable' ? 'unavailable' : 'conflict';
    throw new HandledError(code, `team server: ${e.code}: ${e.message}`, e.userMessage);
  }
  if (e instanceof TeamUnreachableError) throw new HandledError('unavailable', e.message, '无法连接团队服务器，请检查网络后重试。');
  throw e;
}

/** The team server and this device's token, or the handled "sign in first". */
export async function signedInTeam(s: Services): Promise<{ url: string; token: string }> {
  const url = s.session.serverUrl();
  const token = await s.session.deviceToken();
  if (!url || !token || !s.session.member()) throw new HandledError('unavailable', 'not signed in', '请先使用企业微信登录。');
  return { url, token };
}

/** Runs `fn` against the team server as this device; its refusals become handled errors. */
export async function withTeam<T>(s: Services, fn: (url: string, token: string) => Promise<T>): Promise<T> {
  const { url, token } = await signedInTeam(s);
  try {
    return await fn(url, token);
  } catch (e) {
    return toHandled(e);
  }
}

export type TeamRequest = <S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, schema: S, body?: unknown, timeoutMs?: number) => Promise<z.output<S>>;

/** Validated requests to the team server as this device (a minute each unless told: admin work can be slow). */
export function teamRequest(s: Services): TeamRequest {
  return (method, path, schema, body, timeoutMs = 60_000) =>
    withTeam(s, (url, token) => createTeamTransport(url).request(method, path, schema, { token, timeoutMs, ...(body !== undefined ? { body } : {}) }));
}
