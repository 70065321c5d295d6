// One WeCom HTTP exchange: build the URL, send, read JSON, split errcode from the result.
// fetch (and an optional timeout signal) are injected so the same code runs in Node, Electron and simulations.
import type { z } from 'zod';
import { envelope } from './schemas/common';
import { WecomShapeError, WecomTransportError } from './errors';

/** The subset of the fetch API the client needs; pass globalThis.fetch in production. */
export type WecomFetch = (url: string, init: {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}) => Promise<{ status: number; text(): Promise<string> }>;

export interface Envelope { errcode: number; errmsg: string; body: Record<string, unknown> }

export interface TransportOptions {
  baseUrl: string;
  fetch: WecomFetch;
  /** A fresh abort signal per request, e.g. () => AbortSignal.timeout(30_000); none means no timeout. */
  requestSignal?: () => AbortSignal;
}

export function buildUrl(baseUrl: string, path: string, query: Record<string, string | number | undefined>): string {
  const qs = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `${baseUrl.replace(/\/+$/, '')}/cgi-bin/${path}${qs ? `?${qs}` : ''}`;
}

export async function exchange(
  opts: TransportOptions,
  api: string,
  method: 'GET' | 'POST',
  query: Record<string, string | number | undefined>,
  body: unknown,
): Promise<Envelope> {
  const signal = opts.requestSignal?.();
  let status: number;
  let text: string;
  try {
    const res = await opts.fetch(buildUrl(opts.baseUrl, api, query), {
      method,
      headers: method === 'POST' ? { 'content-type': 'application/json; charset=utf-8' } : {},
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
      ...(signal ? { signal } : {}),
    });
    status = res.status;
    text = await res.text();
  } catch (e) {
    throw new WecomTransportError(`WeCom ${api}: ${signal?.aborted ? 'timed out' : (e as Error).message}`, api);
  }
  if (status !== 200) throw new WecomTransportError(`WeCom ${api}: HTTP ${status}`, api, status);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WecomTransportError(`WeCom ${api}: response is not JSON`, api, status);
  }
  const env = envelope.safeParse(json);
  if (!env.success) throw new WecomShapeError(api, env.error.message);
  return { errcode: env.data.errcode ?? 0, errmsg: env.data.errmsg ?? '', body: env.data };
}

/** Validates a successful body against the endpoint's schema. */
export function parseResult<T extends z.ZodType>(api: string, schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw new WecomShapeError(api, r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return r.data;
}
