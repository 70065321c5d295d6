// Receives WeCom's callbacks on the customer-contact app (URL check and events), with WeCom's
// scheme: msg_signature over (token, timestamp, nonce, encrypt) and AES-256-CBC with the app's
// EncodingAESKey. Catalog changes invalidate the catalog copy and reach every panel; contact
// changes (edits made in the WeCom client) reach the customer's followers. Duplicate
// deliveries (WeCom retries) are answered but not acted on twice.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decryptMessage, encryptOfXml, msgSignature, openCallback } from '../../wecom-crypto/callback-crypto';
import { readRawBody } from '../http/body';
import type { TeamContext } from '../context';
import { applyChannelTags } from '../channel-codes/channel-codes';
import type { CatalogCache } from '../relay/catalog-cache';
import type { FollowerIndex } from '../relay/followers';

export const CALLBACK_PATH = '/wecom/callback';

export interface CallbackSecrets {
  token: string;
  encodingAesKey: string;
}

/** The value of a simple XML element (CDATA or plain), as WeCom's event bodies use. */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2] ?? '').trim() : undefined;
}

const text = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
};

export function createCallbackReceiver(ctx: TeamContext, secrets: CallbackSecrets, catalog: CatalogCache, followers: FollowerIndex) {
  const seen = new Map<string, number>();
  const remember = (sig: string): boolean => {
    const now = ctx.now().getTime();
    for (const [k, t] of seen) if (now - t > 15 * 60_000) seen.delete(k);
    if (seen.has(sig)) return false;
    seen.set(sig, now);
    return true;
  };

  async function onEvent(xml: string): Promise<void> {
    const event = xmlField(xml, 'Event');
    if (event === 'change_external_tag') {
      catalog.invalidate();
      await catalog.refresh().catch((e: unknown) => ctx.log.warn({ err: e }, 'callback: catalog refresh failed'));
      ctx.events.publish({ kind: 'catalog.changed', source: 'wecom' }, '*');
      return;
    }
    if (event === 'change_external_contact') {
      const userid = xmlField(xml, 'UserID') ?? '';
      const externalUserid = xmlField(xml, 'ExternalUserID') ?? '';
      if (!externalUserid) return;
      // A customer added the member through a channel code: the code's tags go on the relation first.
      const state = xmlField(xml, 'State');
      if (xmlField(xml, 'ChangeType') === 'add_external_contact' && state) {
        await applyChannelTags(ctx, userid, externalUserid, state)
          .catch((e: unknown) => ctx.log.warn({ err: (e as Error).message }, 'callback: channel tags not applied; the next delivery or a resync retries'));
      }
      let audience: string[] = [userid];
      try {
        audience = await followers.followersOf(externalUserid, { fresh: true });
      } catch {
        /* WeCom unreachable: tell at least the member whose relation changed */
      }
      ctx.events.publish(
        { kind: 'customer.tags.changed', externalUserid, userid, source: 'wecom' },
        [...new Set([...audience, userid, ...ctx.directory.overseersOf(userid)])].filter(Boolean),
      );
    }
  }

  return {
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const url = new URL(req.url ?? '/', 'http://team.local');
      if (url.pathname !== CALLBACK_PATH) return false;
      const q = {
        msg_signature: url.searchParams.get('msg_signature') ?? '',
        timestamp: url.searchParams.get('timestamp') ?? '',
        nonce: url.searchParams.get('nonce') ?? '',
      };
      if (req.method === 'GET') {
        // WeCom's URL check: decrypt echostr and answer its plaintext.
        const echostr = url.searchParams.get('echostr') ?? '';
        if (!echostr || msgSignature(secrets.token, q.timestamp, q.nonce, echostr) !== q.msg_signature) return (text(res, 403, 'bad signature'), true);
        try {
          const { msg, receiveId } = decryptMessage(secrets.encodingAesKey, echostr);
          if (receiveId !== ctx.config.corpid) return (text(res, 403, 'wrong receiver'), true);
          text(res, 200, msg);
        } catch {
          text(res, 400, 'bad echostr');
        }
        return true;
      }
      if (req.method !== 'POST') return (text(res, 405, 'method not allowed'), true);
      let xml: string;
      try {
        const encrypt = encryptOfXml((await readRawBody(req, 64 * 1024)).toString('utf8'));
        if (!encrypt) return (text(res, 400, 'no Encrypt element'), true);
        xml = openCallback({ token: secrets.token, encodingAesKey: secrets.encodingAesKey, receiveId: ctx.config.corpid }, q, encrypt);
      } catch (e) {
        ctx.log.warn({ err: (e as Error).message }, 'callback refused');
        return (text(res, 403, 'refused'), true);
      }
      // Answer at once (WeCom waits 5 s, then retries); act once per delivery.
      text(res, 200, 'success');
      if (remember(q.msg_signature)) await onEvent(xml).catch((e: unknown) => ctx.log.warn({ err: e }, 'callback handling failed'));
      return true;
    },
  };
}

export type CallbackReceiver = ReturnType<typeof createCallbackReceiver>;
