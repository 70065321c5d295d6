// The team server's WeComUpstream on the shared WeCom client: the company's token, its cache
// and single-flight refresh, the rate limiter that keeps the whole company under WeCom's
// windows. Used against qyapi.weixin.qq.com, and against the simulator in the demo and tests.
import { createWecomClient, type WecomClient } from '../../src-shared/wecom/index';
import type { WeComUpstream } from './upstream';

export interface UpstreamConfig {
  baseUrl: string;
  corpid: string;
  corpsecret: string;
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
  });
  return {
    client,
    upstream: { call: (method, path, query, body) => client.raw(path.replace(/^\/cgi-bin\//, ''), method, query, body) },
  };
}
