// The WeCom relay: desktops speak WeCom's own protocol to the team server. `gettoken` takes a
// device token as `corpsecret` and returns a short-lived relay token; every other listed
// endpoint is authorised for the calling member, forwarded with the company's real token, and
// answered in WeCom's shape. Invalid or expired relay tokens get WeCom's 40014 / 42001 so an
// unchanged WeCom client refreshes; what only the relay decides has Tagdesk's own errcodes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { TeamContext } from '../context';
import { parseJsonBuffer, readRawBody } from '../http/body';
import { sendJson, TeamHttpError } from '../http/respond';
import { relayEndpoints, type RelayCall, type RelayDeps } from './endpoints';
import type { RelayTokens } from './relay-tokens';
import type { Refusal } from './governance';
import type { FairShare } from './fair-share';
import { QuotaWaitError } from '../upstream';
import { guardOf } from '../guard/guard-service';

/** How long a relayed call may wait for the company's WeCom quota before the desktop is told to back off. */
export const RELAY_QUOTA_WAIT_MS = 2000;

const wecom = (res: ServerResponse, errcode: number, errmsg: string, extra: Record<string, unknown> = {}): void =>
  sendJson(res, 200, { errcode, errmsg, ...extra });

export interface Relay {
  /** Handles /cgi-bin/* requests; returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
}

export function createRelay(ctx: TeamContext, deps: Omit<RelayDeps, 'ctx'>, tokens: RelayTokens, fair: FairShare): Relay {
  const full: RelayDeps = { ctx, ...deps };
  const endpoints = new Map(relayEndpoints.map((e) => [e.path, e]));

  function refuse(res: ServerResponse, call: RelayCall, r: Refusal): void {
    ctx.log.info({ path: call.path, userid: call.caller.userid, errcode: r.errcode }, `relay refused: ${r.message}`);
    wecom(res, r.errcode, `${r.message}; ${r.reason}`, { tagdesk_reason: r.reason });
    if (r.lint) {
      const customer = call.body.external_userid;
      guardOf(ctx).recordBlocked({
        userid: call.caller.userid, deviceId: call.caller.deviceId, origin: 'relay', field: r.lint.field, categories: r.lint.categories,
        externalUserid: typeof customer === 'string' ? customer : null,
      });
    }
  }

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://relay.local');
      if (!url.pathname.startsWith('/cgi-bin/')) return false;
      const query = Object.fromEntries(url.searchParams.entries());

      if (url.pathname === '/cgi-bin/gettoken') {
        if (req.method !== 'GET') return (wecom(res, 43004, 'require GET method'), true);
        if (query.corpid !== ctx.config.corpid) return (wecom(res, 40013, 'invalid corpid'), true);
        const device = ctx.devices.check(query.corpsecret ?? '');
        if (device === null || device === 'revoked') {
          wecom(res, RELAY_ERRCODES.deviceRevoked, 'device token unknown or revoked; sign in again', { tagdesk_reason: '此设备的登录已失效，请重新登录。' });
          return true;
        }
        const t = tokens.issue(device.deviceId);
        wecom(res, 0, 'ok', { access_token: t.token, expires_in: t.expiresIn });
        return true;
      }

      const endpoint = endpoints.get(url.pathname);
      if (!endpoint) {
        wecom(res, 48002, `api forbidden: ${url.pathname} is not relayed by Tagdesk`);
        return true;
      }
      if (req.method !== endpoint.method) return (wecom(res, endpoint.method === 'GET' ? 43004 : 43002, `require ${endpoint.method} method`), true);
      const checked = tokens.check(query.access_token ?? '');
      if (checked === 'invalid') return (wecom(res, 40014, 'invalid access_token'), true);
      if (checked === 'expired') return (wecom(res, 42001, 'access_token expired'), true);

      let body: Record<string, unknown> = {};
      if (endpoint.method === 'POST') {
        try {
          const parsed = parseJsonBuffer(await readRawBody(req));
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return (wecom(res, 47001, 'data format error'), true);
          body = parsed as Record<string, unknown>;
        } catch (e) {
          if (e instanceof TeamHttpError && e.code === 'payload_too_large') return (wecom(res, 40058, 'request body too large'), true);
          return (wecom(res, 47001, 'data format error'), true);
        }
      }
      delete query.access_token;
      if (!fair.take(checked.userid)) {
        wecom(res, RELAY_ERRCODES.relayRateLimited, `member over its fair share of the WeCom quota; retry in ${fair.waitMs(checked.userid)} ms`, { tagdesk_reason: '操作过于频繁，稍后会自动重试。', retry_after_ms: fair.waitMs(checked.userid) });
        return true;
      }
      const call: RelayCall = { caller: checked, method: endpoint.method, path: url.pathname, query, body };
      if (endpoint.write) {
        // A member suspended by the guard writes nothing until a supervisor lifts it (docs/guardrails.md).
        const suspended = guardOf(ctx).suspension(checked.userid);
        if (suspended) return (refuse(res, call, { errcode: RELAY_ERRCODES.memberSuspended, message: 'member tagging suspended', reason: suspended.reason }), true);
        guardOf(ctx).noteWrite(checked.userid, checked.deviceId);
      }
      const refusal = await endpoint.authorize(full, call);
      if (refusal) return (refuse(res, call, refusal), true);

      let response;
      try {
        response = await ctx.upstream.call(endpoint.method, url.pathname, query, endpoint.method === 'POST' ? body : undefined, { maxWaitMs: RELAY_QUOTA_WAIT_MS });
      } catch (e) {
        if (e instanceof QuotaWaitError) {
          wecom(res, RELAY_ERRCODES.relayRateLimited, `the company's WeCom quota for this API is used up; retry in ${e.retryAfterMs} ms`, { tagdesk_reason: '企业微信接口调用额度暂时用尽，稍后会自动重试。', retry_after_ms: e.retryAfterMs });
          return true;
        }
        ctx.log.warn({ err: e, path: url.pathname }, 'relay: WeCom unreachable');
        wecom(res, RELAY_ERRCODES.upstreamUnavailable, 'WeCom unreachable from the team server; retry later', { tagdesk_reason: '团队服务器暂时无法连接企业微信，稍后会自动重试。' });
        return true;
      }
      if ((response.errcode ?? 0) === 0 && endpoint.after) {
        try {
          await endpoint.after(full, call, response);
        } catch (e) {
          // WeCom accepted the call; a failed notification must not turn it into an error.
          ctx.log.warn({ err: e, path: url.pathname }, 'relay: after-hook failed');
        }
      }
      sendJson(res, 200, endpoint.filter && (response.errcode ?? 0) === 0 ? await endpoint.filter(full, call, response) : response);
      return true;
    },
  };
}
