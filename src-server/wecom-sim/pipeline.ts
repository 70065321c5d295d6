// One simulated WeCom call from the wire to the answer: method and body checks, frequency
// windows, token, faults, 45033/45035, the handler. Every failure becomes WeCom's
// HTTP-200-with-errcode JSON; nothing a client sends can crash the server or yield HTML.
import type { IncomingMessage } from 'node:http';
import { SimError, formatErrmsg } from './errors';
import type { SimRuntime } from './runtime';
import type { SimContext, SimEndpoint } from './endpoints/types';

export interface Answer {
  status: number;
  json?: Record<string, unknown>;
  /** Drop the connection without answering (a lost response). */
  drop?: boolean;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function errorAnswer(rt: SimRuntime, ip: string, e: unknown, log?: (l: string) => void): Answer {
  const err = e instanceof SimError ? e : new SimError(-1);
  if (!(e instanceof SimError)) log?.(`wecom-sim: internal error answered as -1: ${(e as Error).stack ?? String(e)}`);
  return { status: 200, json: { errcode: err.errcode, errmsg: formatErrmsg(err.errcode, err.detail, ip, rt.nowMs()), ...err.extra } };
}

/** Reads a body up to `max` bytes; beyond that the rest is drained and discarded. */
export async function readBody(req: IncomingMessage, max: number): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > max) tooLarge = true;
    else chunks.push(b);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge };
}

export function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new SimError(40058, 'invalid Request Parameter, Warning: wrong json format.');
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SimError(40058, 'invalid Request Parameter, Warning: wrong json format.');
  return v as Record<string, unknown>;
}

export async function runEndpoint(rt: SimRuntime, ep: SimEndpoint, req: IncomingMessage, url: URL, ip: string): Promise<Answer> {
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') throw new SimError(40063, `http method ${method} not supported`);
  // A POST API called as GET answers 40058 (DOC 90313, help for 40058).
  if (ep.method === 'POST' && method === 'GET') throw new SimError(40058, 'invalid Request Parameter: this api requires POST');
  let body: Record<string, unknown> = {};
  if (method === 'POST') {
    const { text, tooLarge } = await readBody(req, rt.limits.maxBodyBytes);
    if (tooLarge) throw new SimError(40058, `invalid Request Parameter: request body exceeds ${rt.limits.maxBodyBytes} bytes`);
    if (ep.method === 'POST') body = parseJsonBody(text);
  }
  const nowMs = rt.nowMs();
  const debug = url.searchParams.get('debug') === '1';
  if (rt.limiter.overLimit(ep.path, ip, nowMs, debug, ep.hourlyCap?.(rt))) throw new SimError(45009);
  if (ep.auth === 'token') {
    const code = rt.checkToken(url.searchParams.get('access_token'));
    if (code !== 0) throw new SimError(code);
  }
  const trusted = rt.options.trustedIps;
  if (trusted && !trusted.includes(ip)) throw new SimError(60020);
  rt.settleTransfers();
  const faults = rt.faults;
  if (faults?.take(faults.busy, ep.path)) throw new SimError(-1);

  const ctx: SimContext = { rt, nowMs, nowSec: Math.floor(nowMs / 1000), query: url.searchParams, body, ip };
  const keys = ep.writeKeys?.(ctx) ?? [];
  if (keys.length > 0 && !rt.limiter.lock(keys)) throw new SimError(45035);
  const inFlight = ep.read ? rt.limiter.enter(ep.path) : 0;
  try {
    if (ep.read && inFlight > rt.limits.maxConcurrentReads) throw new SimError(45033);
    const latency = faults?.latencyFor(ep.path) ?? 0;
    if (latency > 0) await sleep(latency);
    const late = ep.lateApplicable ? faults?.take(faults.late, ep.path) : undefined;
    if (late) {
      // Answer now, apply later; a failure then is as silent as it would be at WeCom.
      setTimeout(() => { try { ep.handle(ctx); } catch { /* dropped */ } }, late.ms).unref();
      return { status: 200, json: { errcode: 0, errmsg: 'ok' } };
    }
    const result = ep.handle(ctx);
    if (faults?.take(faults.lose, ep.path)) return { status: 200, drop: true };
    return { status: 200, json: { errcode: 0, errmsg: 'ok', ...result } };
  } finally {
    if (ep.read) rt.limiter.leave(ep.path);
    if (keys.length > 0) rt.limiter.unlock(keys);
  }
}
