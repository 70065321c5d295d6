// The device's audit chains as rows: each event carries the previous event's hash, so any
// edit or gap shows on verification. Appending happens inside the caller's transaction, next
// to the change it records. 'personal' never leaves the device; 'enterprise' is uploaded.
import { createHash } from 'node:crypto';
import type { Db } from './database';
import { inTransaction, nowSeconds, prepared } from './sql';

export type AuditChain = 'enterprise' | 'personal';

export interface AuditEvent {
  chain: AuditChain;
  seq: number;
  prevHash: string;
  hash: string;
  body: Record<string, unknown>;
  createdAt: number;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

export function auditHash(prevHash: string, chain: AuditChain, seq: number, bodyJson: string): string {
  return createHash('sha256').update(`${chain}\n${seq}\n${prevHash}\n${bodyJson}`).digest('hex');
}

interface Row { chain: AuditChain; seq: number; prev_hash: string; hash: string; body: string; created_at: number }
const toEvent = (r: Row): AuditEvent => ({
  chain: r.chain, seq: r.seq, prevHash: r.prev_hash, hash: r.hash, body: JSON.parse(r.body) as Record<string, unknown>, createdAt: r.created_at,
});

/** Appends one event to a chain; joins the caller's transaction when there is one. */
export function appendAuditEvent(db: Db, chain: AuditChain, body: Record<string, unknown>, now = nowSeconds()): AuditEvent {
  return inTransaction(db, () => {
    const last = prepared<[AuditChain], { seq: number; hash: string }>(db,
      `SELECT seq, hash FROM audit_events WHERE chain = ? ORDER BY seq DESC LIMIT 1`).get(chain);
    const seq = (last?.seq ?? 0) + 1;
    const prevHash = last?.hash ?? GENESIS_HASH;
    const bodyJson = canonicalJson(body);
    const hash = auditHash(prevHash, chain, seq, bodyJson);
    prepared(db, `INSERT INTO audit_events (chain, seq, prev_hash, hash, body, created_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(chain, seq, prevHash, hash, bodyJson, now);
    return { chain, seq, prevHash, hash, body, createdAt: now };
  });
}

/** Walks a chain; returns the first seq whose link or hash does not hold. */
export function verifyAuditChain(db: Db, chain: AuditChain): { ok: true; length: number } | { ok: false; brokenAt: number } {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of prepared<[AuditChain], Row>(db, `SELECT * FROM audit_events WHERE chain = ? ORDER BY seq`).iterate(chain)) {
    if (r.seq !== expectedSeq || r.prev_hash !== prev || auditHash(prev, chain, r.seq, r.body) !== r.hash) {
      return { ok: false, brokenAt: r.seq };
    }
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, length: expectedSeq - 1 };
}

/** Enterprise events not yet accepted by the team server, oldest first. */
export function unuploadedAuditEvents(db: Db, limit = 500): AuditEvent[] {
  return prepared<[number], Row>(db, `SELECT chain, seq, prev_hash, hash, body, created_at FROM audit_events
    WHERE chain = 'enterprise' AND uploaded_at IS NULL ORDER BY seq LIMIT ?`).all(limit).map(toEvent);
}

export function markAuditUploaded(db: Db, throughSeq: number, now = nowSeconds()): void {
  prepared(db, `UPDATE audit_events SET uploaded_at = ? WHERE chain = 'enterprise' AND seq <= ? AND uploaded_at IS NULL`).run(now, throughSeq);
}

export function auditEvents(db: Db, chain: AuditChain, fromSeq = 1, limit = 500): AuditEvent[] {
  return prepared<[AuditChain, number, number], Row>(db, `SELECT chain, seq, prev_hash, hash, body, created_at FROM audit_events
    WHERE chain = ? AND seq >= ? ORDER BY seq LIMIT ?`).all(chain, fromSeq, limit).map(toEvent);
}
