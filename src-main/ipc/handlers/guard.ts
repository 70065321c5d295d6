// The guard's channels: each forwards to the team server's /team/v1/guard routes with the
// signed-in device's token and validates the answer; team errors become handled errors with the
// server's Chinese message.
import { z } from 'zod';
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { guardAlertSchema, suspensionSchema } from '../../../src-shared/team-api/guard';
import { batchSchema } from '../../../src-shared/team-api/admin';

type GuardChannel = Extract<keyof HandlerTable, `guard.${string}`>;

export function guardHandlers(s: Services): Pick<HandlerTable, GuardChannel> {
  async function request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const url = s.session.serverUrl();
    const token = await s.session.deviceToken();
    if (!url || !token || !s.session.member()) throw new HandledError('unavailable', 'not signed in', '请先使用企业微信登录。');
    let res: Response;
    try {
      res = await fetch(`${url.replace(/\/+$/, '')}${path}`, {
        method, signal: AbortSignal.timeout(60_000),
        headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      throw new HandledError('unavailable', `team server unreachable: ${(e as Error).message}`, '无法连接团队服务器，请检查网络后重试。');
    }
    const json = (await res.json().catch(() => null)) as { ok?: boolean; value?: unknown; error?: { code: string; message: string; userMessage: string } } | null;
    if (!json?.ok) {
      const code = json?.error?.code;
      const handled = code === 'forbidden' || code === 'unauthenticated' || code === 'device_revoked' ? 'forbidden' : code === 'not_found' ? 'not_found' : code === 'upstream_unavailable' || !json ? 'unavailable' : 'conflict';
      throw new HandledError(handled, `team server: ${code ?? res.status}: ${json?.error?.message ?? ''}`, json?.error?.userMessage ?? '团队服务器返回了错误。');
    }
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) throw new HandledError('unavailable', `team server answered ${path} in an unexpected shape`, '团队服务器的回答格式不正确，请升级后重试。');
    return parsed.data;
  }
  const enc = encodeURIComponent;
  return {
    'guard.alerts': ({ status, limit }) => request('GET', `/team/v1/guard/alerts?${new URLSearchParams({ ...(status ? { status } : {}), ...(limit ? { limit: String(limit) } : {}) }).toString()}`, z.object({ alerts: z.array(guardAlertSchema) })),
    'guard.alert': ({ id }) => request('GET', `/team/v1/guard/alerts/${enc(id)}`, guardAlertSchema),
    'guard.revert': ({ id }) => request('POST', `/team/v1/guard/alerts/${enc(id)}/revert`, z.object({ alert: guardAlertSchema, batch: batchSchema })),
    'guard.dismiss': ({ id, note }) => request('POST', `/team/v1/guard/alerts/${enc(id)}/dismiss`, guardAlertSchema, { note }),
    'guard.suspensions': () => request('GET', '/team/v1/guard/suspensions', z.object({ suspensions: z.array(suspensionSchema) })),
    'guard.lift': ({ userid, note }) => request('POST', `/team/v1/guard/suspensions/${enc(userid)}/lift`, z.object({ lifted: suspensionSchema.omit({ name: true }) }), note ? { note } : {}),
    'guard.me': () => request('GET', '/team/v1/guard/me', z.object({ suspended: z.boolean(), since: z.string().optional(), reason: z.string().optional() })),
  };
}
