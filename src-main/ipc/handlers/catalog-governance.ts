// The catalog screen's layout and group policy, and the clean-up report: forwarded to the team
// server with the signed-in device's token; its refusals come back with its Chinese reason.
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { teamRequest } from '../team-call';
import { catalogLayoutSchema, cleanupReportSchema } from '../../../src-shared/team-api/catalog-governance';

type Channel = 'catalog.layout' | 'catalog.savePolicy' | 'governance.report';

export function catalogGovernanceHandlers(s: Services): Pick<HandlerTable, Channel> {
  const request = teamRequest(s);
  return {
    'catalog.layout': () => request('GET', '/team/v1/catalog/layout', catalogLayoutSchema),
    'catalog.savePolicy': ({ groupId, policy, baseRevision }) =>
      request('PUT', `/team/v1/catalog/groups/${encodeURIComponent(groupId)}/policy`, catalogLayoutSchema, { policy, baseRevision }),
    'governance.report': () => request('GET', '/team/v1/governance/report', cleanupReportSchema, undefined, 120_000),
  };
}
