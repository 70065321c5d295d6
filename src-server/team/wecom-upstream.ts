// The team server's WeComUpstream on the shared WeCom client: the company's token, its cache
// and single-flight refresh, the rate limiter that keeps the whole company under WeCom's
// windows. Used against qyapi.weixin.qq.com, and against the simulator in the demo and tests.
import { createWecomClient, RateLimitWaitError, type RateLimitConfig, type WecomClient } from '../../src-shared/wecom/index';
import { QuotaWaitError, type WeComUpstream } from './upstream';

export interface UpstreamConfig {
  baseUrl: string;
  corpid: string;
  corpsecret: string;
  /** WeCom's windows as the client keeps them (defaults: 90 % of WeCom's published limits). */
  rateLimits?: Partial<RateLimitConfig>;
}

export function createWecomUpstream(cfg: UpstreamConfig): { upstream: WeComUpstream; client: WecomClient } {
  const client = createWecomClient({
    baseUrl: cfg.baseUrl,
    corpid: cfg.corpid,
    corpsecret: cfg.corpsecret,
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
    requestSignal: () => AbortSignal.timeout(30_000),
    ...(cfg.rateLimits ? { rateLimits: cfg.rateLimits } : {}),
  });
  return {
    client,
    upstream: {
      async call(method, path, query, body, opts) {
        try {
          return await client.raw(path.replace(/^\/cgi-bin\//, ''), method, query, body, opts);
        } catch (e) {
          if (e instanceof RateLimitWaitError) throw new QuotaWaitError(e.retryAfterMs);
          throw e;
        }
      },
    },
  };
}
