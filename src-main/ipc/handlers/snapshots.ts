// The time machine's restore channels: forwarded to the team server with the signed-in
// device's token; its refusals come back with its Chinese reason.
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { teamRequest } from '../team-call';
import { customerLookupSchema, restoreOutcomeSchema, restorePlanSchema } from '../../../src-shared/team-api/snapshot-restore';

type Channel = 'admin.snapshots.findCustomer' | 'admin.snapshots.restorePlan' | 'admin.snapshots.restore';

export function snapshotHandlers(s: Services): Pick<HandlerTable, Channel> {
  const request = teamRequest(s);
  const enc = encodeURIComponent;
  return {
    'admin.snapshots.findCustomer': ({ query, limit }) =>
      request('GET', `/team/v1/time-machine/customers?${new URLSearchParams({ q: query, limit: String(limit) }).toString()}`, customerLookupSchema, undefined, 60_000),
    // Both read every relation from WeCom: a large company takes a while.
    'admin.snapshots.restorePlan': ({ id }) => request('GET', `/team/v1/snapshots/${enc(id)}/restore-plan`, restorePlanSchema, undefined, 120_000),
    'admin.snapshots.restore': ({ id, planToken }) => request('POST', `/team/v1/snapshots/${enc(id)}/restore`, restoreOutcomeSchema, { planToken }, 300_000),
  };
}
