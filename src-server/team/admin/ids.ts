// Ids for batches, recycle-bin entries, snapshots and hand-overs. They appear inside audited
// values, which the audit redactor lints: a random id with a long run of digits can look like a
// phone or card number and be cut out. Letters only, so an id always survives redaction.
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz';

export function letterId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}
