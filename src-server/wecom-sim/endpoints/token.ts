// gettoken (DOC 91039): 7200 s tokens, secret checked before corpid, wrong secrets counted per
// IP so a loop of them gets the IP banned for an hour (DOC 90313, help for 45009).
import { SimError } from '../errors';
import type { SimEndpoint } from './types';

const HOUR = 3_600_000;

export const tokenEndpoints: SimEndpoint[] = [
  {
    path: 'gettoken',
    method: 'GET',
    auth: 'none',
    handle(ctx) {
      const { rt } = ctx;
      const bannedUntil = rt.bannedIps.get(ctx.ip) ?? 0;
      if (bannedUntil > ctx.nowMs) throw new SimError(45009, 'api freq out of limit: too many invalid credentials from this ip');
      const corpsecret = ctx.query.get('corpsecret');
      if (!corpsecret) throw new SimError(41004);
      const corpid = ctx.query.get('corpid');
      if (!corpid || corpid !== rt.company.credentials.corpid) throw new SimError(40013);
      if (corpsecret !== rt.company.credentials.corpsecret) {
        const recent = (rt.wrongSecrets.get(ctx.ip) ?? []).filter((t) => t > ctx.nowMs - HOUR);
        recent.push(ctx.nowMs);
        rt.wrongSecrets.set(ctx.ip, recent);
        if (recent.length >= rt.limits.wrongSecretBanThreshold) rt.bannedIps.set(ctx.ip, ctx.nowMs + HOUR);
        throw new SimError(40001);
      }
      const { token, expiresIn } = rt.issueToken();
      return { access_token: token, expires_in: expiresIn };
    },
  },
];
