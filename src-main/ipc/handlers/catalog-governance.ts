// The catalog screen's layout and group policy, and the clean-up report: forwarded to the team
// server with the signed-in device's token; its refusals come back with its Chinese reason.
import type { HandlerTable } from '../dispatch';
import { HandledError } from '../dispatch';
import type { Services } from '../../app/services';
import { createTeamTransport, TeamApiError, TeamUnreachableError } from '../../team/team-api-client';
import { catalogLayoutSchema, cleanupReportSchema } from '../../../src-shared/team-api/catalog-governance';

type Channel = 'catalog.layout' | 'catalog.savePolicy' | 'governance.report';

export function catalogGovernanceHandlers(s: Services): Pick<HandlerTable, Channel> {
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
  return {
    'catalog.layout': () => call((request, token) => request('GET', '/team/v1/catalog/layout', catalogLayoutSchema, { token })),
    'catalog.savePolicy': ({ groupId, policy, baseRevision }) =>
      call((request, token) => request('PUT', `/team/v1/catalog/groups/${encodeURIComponent(groupId)}/policy`, catalogLayoutSchema, { token, body: { policy, baseRevision } })),
    'governance.report': () => call((request, token) => request('GET', '/team/v1/governance/report', cleanupReportSchema, { token, timeoutMs: 120_000 })),
  };
}
