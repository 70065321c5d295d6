// The time machine's restore channels: forwarded to the team server with the signed-in
// device's token; its refusals come back with its Chinese reason.
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { createTeamTransport, TeamApiError, TeamUnreachableError } from '../../team/team-api-client';
import { customerLookupSchema, restoreOutcomeSchema, restorePlanSchema } from '../../../src-shared/team-api/snapshot-restore';

type Channel = 'admin.snapshots.findCustomer' | 'admin.snapshots.restorePlan' | 'admin.snapshots.restore';

export function snapshotHandlers(s: Services): Pick<HandlerTable, Channel> {
  async function call<T>(fn: (request: ReturnType<typeof createTeamTransport>['request'], token: string) => Promise<T>): Promise<T> {
    const url = s.session.serverUrl();
    const token = await s.session.deviceToken();
    if (!url || !token || !s.session.member()) throw new HandledError('unavailable', 'not signed in', '请先使用企业微信登录。');
    try {
      return await fn(createTeamTransport(url).request, token);
    } catch (e) {
      if (e instanceof TeamApiError) {
        const code = e.code === 'forbidden' || e.code === 'unauthenticated' || e.code === 'device_revoked' ? 'forbidden' : e.code === 'not_found' ? 'not_found' : e.code === 'upstream_unavailable' ? 'unavailable' : 'conflict';
        throw new HandledError(code, `team server: ${e.code}: ${e.message}`, e.userMessage);
      }
      if (e instanceof TeamUnreachableError) throw new HandledError('unavailable', e.message, '无法连接团队服务器，请检查网络后重试。');
      throw e;
    }
  }
  const enc = encodeURIComponent;
  return {
    'admin.snapshots.findCustomer': ({ query, limit }) =>
      call((request, token) => request('GET', `/team/v1/time-machine/customers?${new URLSearchParams({ q: query, limit: String(limit) }).toString()}`, customerLookupSchema, { token, timeoutMs: 60_000 })),
    // Both read every relation from WeCom: a large company takes a while.
    'admin.snapshots.restorePlan': ({ id }) => call((request, token) => request('GET', `/team/v1/snapshots/${enc(id)}/restore-plan`, restorePlanSchema, { token, timeoutMs: 120_000 })),
    'admin.snapshots.restore': ({ id, planToken }) => call((request, token) => request('POST', `/team/v1/snapshots/${enc(id)}/restore`, restoreOutcomeSchema, { token, body: { planToken }, timeoutMs: 300_000 })),
  };
}
