// The guard's channels: each forwards to the team server's /team/v1/guard routes with the
// signed-in device's token and validates the answer; team errors become handled errors with the
// server's Chinese message.
import { z } from 'zod';
import type { HandlerTable } from '../dispatch';
import type { Services } from '../../app/services';
import { teamRequest } from '../team-call';
import { guardAlertSchema, suspensionSchema } from '../../../src-shared/team-api/guard';
import { batchSchema } from '../../../src-shared/team-api/admin';

type GuardChannel = Extract<keyof HandlerTable, `guard.${string}`>;

export function guardHandlers(s: Services): Pick<HandlerTable, GuardChannel> {
  const request = teamRequest(s);
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
