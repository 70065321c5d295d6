// What the team server needs from WeCom: raw calls with the company's real access token
// (the relay forwards desktops' calls this way) and a few typed reads. Backed by the WeCom
// client against qyapi.weixin.qq.com, or against the simulator in the demo and tests.

export type WeComJson = Record<string, unknown> & { errcode?: number; errmsg?: string };

export interface WeComUpstream {
  /**
   * Calls a WeCom API path (e.g. /cgi-bin/externalcontact/mark_tag) with the real token injected.
   * With `maxWaitMs`, throws QuotaWaitError instead of queueing longer for the company's quota.
   */
  call(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown, opts?: { maxWaitMs?: number }): Promise<WeComJson>;
}

/** The company's WeCom quota for this API is used up for `retryAfterMs`. */
export class QuotaWaitError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`WeCom quota window full for ${retryAfterMs} ms`);
    this.name = 'QuotaWaitError';
  }
}

export class UpstreamError extends Error {
  constructor(
    readonly errcode: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamError';
  }
}

/** The member userid in an auth/getuserinfo answer ('' for a non-member). */
export function useridOf(info: WeComJson): string {
  const v = info.userid ?? info.UserId;
  return typeof v === 'string' ? v : '';
}

/** Calls and throws on a non-zero errcode. */
export async function callOk(up: WeComUpstream, method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<WeComJson> {
  const r = await up.call(method, path, query, body);
  if (r.errcode && r.errcode !== 0) throw new UpstreamError(r.errcode, `${path}: ${r.errcode} ${r.errmsg ?? ''}`.trim());
  return r;
}
