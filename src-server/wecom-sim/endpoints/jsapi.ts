// JS-SDK tickets (official page 96909): the corp ticket for ww.register's getConfigSignature and the
// app ticket (ticket/get?type=agent_config) for getAgentConfigSignature. 7200 s each, the same
// ticket inside its validity, at most 400/h per corp and 100/h per app.
import { SimError } from '../errors';
import type { SimContext, SimEndpoint } from './types';

function ticket(ctx: SimContext, kind: 'corp' | 'agent'): Record<string, unknown> {
  const cur = ctx.rt.tickets.get(kind);
  if (cur && cur.expiresAtMs > ctx.nowMs) return { ticket: cur.ticket, expires_in: Math.ceil((cur.expiresAtMs - ctx.nowMs) / 1000) };
  const fresh = { ticket: ctx.rt.state.newId('', 86), expiresAtMs: ctx.nowMs + 7200_000 };
  ctx.rt.tickets.set(kind, fresh);
  return { ticket: fresh.ticket, expires_in: 7200 };
}

export const jsapiEndpoints: SimEndpoint[] = [
  { path: 'get_jsapi_ticket', method: 'GET', auth: 'token', hourlyCap: (rt) => rt.limits.corpJsapiTicketsPerHour, handle: (ctx) => ticket(ctx, 'corp') },
  {
    path: 'ticket/get',
    method: 'GET',
    auth: 'token',
    hourlyCap: (rt) => rt.limits.agentJsapiTicketsPerHour,
    handle(ctx) {
      if (ctx.query.get('type') !== 'agent_config') throw new SimError(40058, 'invalid parameter: type must be agent_config');
      return ticket(ctx, 'agent');
    },
  },
];
