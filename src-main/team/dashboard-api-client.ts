// The desktop's client of the team server's dashboard and company-descriptor routes. Answers are
// validated with the shared schemas; errors are the team client's TeamApiError / TeamUnreachableError.
import { dashboardSchema, descriptorListSchema, descriptorPublishedSchema, type DescriptorGrant } from '../../src-shared/team-api/dashboard';
import { createTeamTransport } from './team-api-client';

export type DashboardApiClient = ReturnType<typeof createDashboardApiClient>;

export function createDashboardApiClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch) {
  const transport = createTeamTransport(baseUrl, fetchImpl);
  const enc = encodeURIComponent;
  return {
    dashboard: () => transport.request('GET', '/team/v1/dashboard', dashboardSchema, { token, timeoutMs: 60_000 }),
    descriptors: () => transport.request('GET', '/team/v1/descriptors', descriptorListSchema, { token }),
    /** Replaces what one consent shares: the descriptor and the customers, nothing else. */
    publish: (grantId: string, grant: DescriptorGrant) => transport.request('PUT', `/team/v1/descriptors/grants/${enc(grantId)}`, descriptorPublishedSchema, { token, body: grant, timeoutMs: 60_000 }),
    withdraw: (grantId: string) => transport.request('DELETE', `/team/v1/descriptors/grants/${enc(grantId)}`, descriptorPublishedSchema, { token }),
  };
}
