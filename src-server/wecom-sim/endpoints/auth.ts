// Web-login code exchange (auth/getuserinfo, official page 98177): a code from the login page is single
// use and expires after 5 minutes; a bad one answers 40029 "invalid code".
import { SimError } from '../errors';
import { queryString, type SimEndpoint } from './types';

export const authEndpoints: SimEndpoint[] = [
  {
    path: 'auth/getuserinfo',
    method: 'GET',
    auth: 'token',
    handle(ctx) {
      const code = queryString(ctx, 'code');
      const entry = ctx.rt.loginCodes.get(code);
      ctx.rt.loginCodes.delete(code);
      if (!entry || entry.expiresAtMs <= ctx.nowMs) throw new SimError(40029);
      return { userid: entry.userid };
    },
  },
];
