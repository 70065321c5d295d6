// The shape of one simulated endpoint and the field readers every endpoint uses, so bad input
// gets WeCom's codes (40058 wrong type/too long, 40063 missing, or the endpoint's own 41xxx).
import type { SimRuntime } from '../runtime';
import { SimError } from '../errors';

export interface SimContext {
  rt: SimRuntime;
  nowMs: number;
  nowSec: number;
  query: URLSearchParams;
  /** Parsed JSON object of a POST (empty for GET). */
  body: Record<string, unknown>;
  ip: string;
}

export interface SimEndpoint {
  /** Path under /cgi-bin/, e.g. "externalcontact/mark_tag". */
  path: string;
  method: 'GET' | 'POST';
  /** 'token' endpoints need a valid access_token in the query. */
  auth: 'token' | 'none';
  /** A read of stored data: concurrent calls beyond the cap get 45033. */
  read?: boolean;
  /** Records this call writes: a second concurrent call on one of them gets 45035. */
  writeKeys?(ctx: SimContext): string[];
  /** Its success answer carries no data, so "late application" can answer first and apply later. */
  lateApplicable?: boolean;
  /** Hourly cap specific to this API (e.g. JS-SDK tickets). */
  hourlyCap?(rt: SimRuntime): number;
  handle(ctx: SimContext): Record<string, unknown>;
}

export const charLen = (s: string): number => [...s].length;

interface FieldOpts { required?: boolean; missingCode?: number; maxChars?: number; minChars?: number }

export function optString(body: Record<string, unknown>, key: string, opts: FieldOpts = {}): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (opts.required) throw new SimError(opts.missingCode ?? 40063, `${key} missing`);
    return undefined;
  }
  if (typeof v !== 'string') throw new SimError(40058, `invalid parameter: ${key} must be a string`);
  if (opts.required && v === '') throw new SimError(opts.missingCode ?? 40063, `${key} missing`);
  if (opts.maxChars !== undefined && charLen(v) > opts.maxChars) throw new SimError(40058, `invalid parameter: ${key} exceeds ${opts.maxChars} characters`);
  return v;
}

export function reqString(body: Record<string, unknown>, key: string, missingCode = 40063, maxChars?: number): string {
  return optString(body, key, { required: true, missingCode, ...(maxChars !== undefined ? { maxChars } : {}) })!;
}

export function optStringArray(body: Record<string, unknown>, key: string, max?: number): string[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new SimError(40058, `invalid parameter: ${key} must be an array of strings`);
  if (max !== undefined && v.length > max) throw new SimError(40058, `invalid parameter: ${key} holds more than ${max} items`);
  return v as string[];
}

export function optInt(body: Record<string, unknown>, key: string, min = 0, max = 2 ** 32 - 1): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new SimError(40058, `invalid parameter: ${key} must be an integer in [${min}, ${max}]`);
  return v;
}

export function optObject(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new SimError(40058, `invalid parameter: ${key} must be an object`);
  return v as Record<string, unknown>;
}

/** An active member's userid, or 40003 (resigned members' userids become invalid). */
export function memberId(ctx: SimContext, userid: string | undefined, key = 'userid'): string {
  if (!userid) throw new SimError(40003, `${key} missing`);
  if (!ctx.rt.state.members.has(userid)) throw new SimError(40003, `invalid userid: ${userid}`);
  return userid;
}

export function queryString(ctx: SimContext, key: string, missingCode = 40063): string {
  const v = ctx.query.get(key);
  if (v === null || v === '') throw new SimError(missingCode, `${key} missing`);
  return v;
}

/** Opaque cursors: base64url of a small JSON value. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}
export function decodeCursor<T>(cursor: string | undefined, fallback: T, valid: (v: unknown) => v is T): T {
  if (!cursor) return fallback;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (valid(v)) return v;
  } catch {
    /* fall through */
  }
  throw new SimError(40058, 'invalid parameter: cursor');
}
