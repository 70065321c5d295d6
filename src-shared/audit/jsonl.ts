// JSON Lines export and import of a chain: an optional header line with the chain's head,
// then one event per line in seq order. The header is a consistency check against cut-off
// files, not a proof: only the head the server holds can prove nothing was cut.
import type { AuditChainKind, AuditEvent } from './event';
import { verifyAuditChain, type VerifyOptions, type VerifyResult } from './verify';

export const EXPORT_HEADER_TYPE = 'tagdesk.audit-export';

export interface AuditExportHeader {
  type: typeof EXPORT_HEADER_TYPE;
  v: 1;
  chain: AuditChainKind;
  count: number;
  /** Seq and hash of the event before the first line (partial exports), if any. */
  after?: { seq: number; hash: string };
  head: { seq: number; hash: string } | null;
}

export function exportAuditJsonl(events: readonly AuditEvent[], chain: AuditChainKind, after?: { seq: number; hash: string }): string {
  const last = events.at(-1);
  const header: AuditExportHeader = {
    type: EXPORT_HEADER_TYPE, v: 1, chain, count: events.length,
    ...(after ? { after } : {}),
    head: last ? { seq: last.seq, hash: last.hash } : null,
  };
  return [header, ...events].map((x) => JSON.stringify(x)).join('\n') + '\n';
}

/** A line that is not JSON stays in place as this marker, so verify names its seq. */
export interface UnreadableLine {
  unreadableLine: number;
}

export interface ParsedAuditJsonl {
  header: AuditExportHeader | null;
  /** Events (unvalidated) in file order; unreadable lines as UnreadableLine markers. */
  events: unknown[];
}

export function parseAuditJsonl(text: string): ParsedAuditJsonl {
  const lines = text.split(/\r?\n/);
  let header: AuditExportHeader | null = null;
  const events: unknown[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      events.push({ unreadableLine: i + 1 } satisfies UnreadableLine);
      return;
    }
    if (events.length === 0 && header === null && isHeader(value)) header = value;
    else events.push(value);
  });
  return { header, events };
}

function isHeader(v: unknown): v is AuditExportHeader {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === EXPORT_HEADER_TYPE;
}

/** Parses and verifies an export, using its header (if any) for the chain kind and head. */
export function verifyAuditJsonl(text: string, opts: VerifyOptions = {}): VerifyResult {
  const { header, events } = parseAuditJsonl(text);
  return verifyAuditChain(events, {
    ...(header ? { chain: header.chain, ...(header.after ? { after: header.after } : {}), ...(header.head ? { expectHead: header.head } : {}) } : {}),
    ...opts,
  });
}
