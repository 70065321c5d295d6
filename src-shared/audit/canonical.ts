// The canonical encoding hashed into the chain, version 1: a prefix naming the version, then
// JSON with object keys sorted by UTF-16 code units, no whitespace, undefined members dropped
// and only finite numbers (the JCS rules for the values an audit event can hold).
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export const CANONICAL_PREFIX_V1 = 'tagdesk-audit/1\n';

export class CanonicalEncodingError extends Error {
  override name = 'CanonicalEncodingError';
}

export function canonicalJson(value: unknown, path = '$'): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': return JSON.stringify(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalEncodingError(`${path}: non-finite number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((v, i) => {
          if (v === undefined) throw new CanonicalEncodingError(`${path}[${i}]: undefined in array`);
          return canonicalJson(v, `${path}[${i}]`);
        }).join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new CanonicalEncodingError(`${path}: not a plain object`);
      const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v, `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalEncodingError(`${path}: ${typeof value} cannot be encoded`);
  }
}

/** Hex SHA-256 of the event's canonical encoding; `hash` itself is never part of it. */
export function hashEventBody(body: Readonly<Record<string, unknown>>): string {
  const { hash: _hash, ...rest } = body;
  return bytesToHex(sha256(utf8ToBytes(CANONICAL_PREFIX_V1 + canonicalJson(rest))));
}

export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)));
