// JS-SDK signatures for the chat-toolbar page. WeCom's `ww.register` asks the page for two:
// the corp signature (jsapi_ticket from get_jsapi_ticket) and the app-identity signature
// (the app's ticket from ticket/get?type=agent_config). Tickets are sensitive and stay here;
// each is cached for its lifetime minus a margin, single-flight.
import { randomBytes } from 'node:crypto';
import { jsapiSignature } from '../../wecom-crypto/callback-crypto';
import { callOk, type WeComUpstream } from '../upstream';

export type TicketKind = 'corp' | 'agent';

export function createTicketSigner(upstream: WeComUpstream, now: () => Date, marginS = 300) {
  const cache = new Map<TicketKind, { ticket: string; until: number }>();
  const inflight = new Map<TicketKind, Promise<string>>();

  async function ticket(kind: TicketKind): Promise<string> {
    const hit = cache.get(kind);
    if (hit && hit.until > now().getTime()) return hit.ticket;
    let p = inflight.get(kind);
    if (!p) {
      p = (async () => {
        try {
          const r = kind === 'corp'
            ? await callOk(upstream, 'GET', '/cgi-bin/get_jsapi_ticket', {})
            : await callOk(upstream, 'GET', '/cgi-bin/ticket/get', { type: 'agent_config' });
          const t = String(r.ticket);
          cache.set(kind, { ticket: t, until: now().getTime() + (Number(r.expires_in ?? 7200) - marginS) * 1000 });
          return t;
        } finally {
          inflight.delete(kind);
        }
      })();
      inflight.set(kind, p);
    }
    return p;
  }

  return {
    async sign(kind: TicketKind, url: string): Promise<{ timestamp: number; nonceStr: string; signature: string }> {
      const t = await ticket(kind);
      const timestamp = Math.floor(now().getTime() / 1000);
      const nonceStr = randomBytes(8).toString('hex');
      return { timestamp, nonceStr, signature: jsapiSignature(t, nonceStr, timestamp, url) };
    },
  };
}

export type TicketSigner = ReturnType<typeof createTicketSigner>;
