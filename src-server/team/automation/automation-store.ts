// The automation tables (migrations 012, 016): behaviour events, rule firings, provenance of every
// automatic assignment, per-customer rule mutes, held rule versions, the TTL clock and backtests.
// Synchronous statements only; callers wrap writes that belong together in one transaction.
import { randomUUID } from 'node:crypto';
import type { TeamDb } from '../store/database';
import type { StoredEvent } from '../../../src-shared/automation/index';

export interface ProvenanceRow {
  id: string;
  ruleId: string;
  ruleVersion: number;
  ruleName: string;
  fireKey: string;
  eventId: string | null;
  reason: string;
  batchId: string | null;
  userid: string;
  externalUserid: string;
  tagId: string;
  action: 'add' | 'remove' | 'expiry';
  at: number;
  expiresAt: number | null;
  expiredAt: number | null;
  revertedAt: number | null;
  revertedBy: string | null;
  revertBatchId: string | null;
}

interface ProvenanceDbRow {
  id: string; rule_id: string; rule_version: number; rule_name: string; fire_key: string; event_id: string | null; reason: string; batch_id: string | null;
  userid: string; external_userid: string; tag_id: string; action: ProvenanceRow['action']; at: number; expires_at: number | null; expired_at: number | null;
  reverted_at: number | null; reverted_by: string | null; revert_batch_id: string | null;
}

const provenanceOf = (r: ProvenanceDbRow): ProvenanceRow => ({
  id: r.id, ruleId: r.rule_id, ruleVersion: r.rule_version, ruleName: r.rule_name, fireKey: r.fire_key, eventId: r.event_id, reason: r.reason, batchId: r.batch_id,
  userid: r.userid, externalUserid: r.external_userid, tagId: r.tag_id, action: r.action, at: r.at, expiresAt: r.expires_at, expiredAt: r.expired_at,
  revertedAt: r.reverted_at, revertedBy: r.reverted_by, revertBatchId: r.revert_batch_id,
});

interface EventDbRow { id: string; kind: StoredEvent['kind']; external_userid: string; userid: string | null; at: number; data: string }
const eventOf = (r: EventDbRow): StoredEvent => ({ id: r.id, kind: r.kind, externalUserid: r.external_userid, userid: r.userid, at: r.at, data: JSON.parse(r.data) as Record<string, unknown> });

export type AutomationStore = ReturnType<typeof createAutomationStore>;

export function createAutomationStore(db: TeamDb) {
  const insertEvent = db.prepare(`INSERT OR IGNORE INTO automation_events (id, kind, external_userid, userid, at, data, received_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const eventsOfCustomer = db.prepare(`SELECT * FROM automation_events WHERE external_userid = ? AND at >= ? AND at <= ? ORDER BY at, id`);
  const eventsBetween = db.prepare(`SELECT * FROM automation_events WHERE at >= ? AND at <= ? ORDER BY external_userid, at, id`);
  const insertFiring = db.prepare(`INSERT OR IGNORE INTO automation_firings (rule_id, external_userid, fire_key, rule_version, event_id, at, batch_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const hasFiring = db.prepare(`SELECT 1 FROM automation_firings WHERE rule_id = ? AND external_userid = ? AND fire_key = ?`).pluck();
  const insertProvenance = db.prepare(`
    INSERT INTO automation_provenance (id, rule_id, rule_version, rule_name, fire_key, event_id, reason, batch_id, userid, external_userid, tag_id, action, at, expires_at)
    VALUES (@id, @ruleId, @ruleVersion, @ruleName, @fireKey, @eventId, @reason, @batchId, @userid, @externalUserid, @tagId, @action, @at, @expiresAt)`);
  return {
    /** Stores the event unless its id is known; true when it is new. */
    addEvent(e: StoredEvent, origin: 'webhook' | 'csv' | 'demo', receivedAt: number): boolean {
      return insertEvent.run(e.id, e.kind, e.externalUserid, e.userid, e.at, JSON.stringify(e.data), receivedAt, origin).changes === 1;
    },
    eventsOf(externalUserid: string, from: number, to: number): StoredEvent[] {
      return (eventsOfCustomer.all(externalUserid, from, to) as EventDbRow[]).map(eventOf);
    },
    /** Every customer's events in the span, grouped by customer. */
    eventsByCustomer(from: number, to: number): Map<string, StoredEvent[]> {
      const out = new Map<string, StoredEvent[]>();
      for (const r of eventsBetween.iterate(from, to) as Iterable<EventDbRow>) {
        const list = out.get(r.external_userid) ?? [];
        list.push(eventOf(r));
        out.set(r.external_userid, list);
      }
      return out;
    },
    event(id: string): StoredEvent | null {
      const r = db.prepare(`SELECT * FROM automation_events WHERE id = ?`).get(id) as EventDbRow | undefined;
      return r ? eventOf(r) : null;
    },
    eventCount: (): number => db.prepare(`SELECT count(*) FROM automation_events`).pluck().get() as number,

    fired: (ruleId: string, externalUserid: string, key: string): boolean => hasFiring.get(ruleId, externalUserid, key) !== undefined,
    recordFiring(f: { ruleId: string; externalUserid: string; key: string; version: number; eventId: string | null; at: number; batchId: string | null; outcome: string }): boolean {
      return insertFiring.run(f.ruleId, f.externalUserid, f.key, f.version, f.eventId, f.at, f.batchId, f.outcome).changes === 1;
    },
    /** Distinct customers the rule acted on since `since` (the live share guard). */
    customersFiredSince: (ruleId: string, since: number): number =>
      db.prepare(`SELECT count(DISTINCT external_userid) FROM automation_firings WHERE rule_id = ? AND at >= ? AND outcome = 'applied'`).pluck().get(ruleId, since) as number,

    /**
     * Per rule: firings that passed their conditions (hits), distinct customers acted on, the
     * last firing's event time, and when a run last wrote (the rule list's columns).
     */
    ruleStats(): Map<string, { hits: number; customers: number; lastHitAt: number | null; lastAppliedAt: number | null }> {
      const out = new Map<string, { hits: number; customers: number; lastHitAt: number | null; lastAppliedAt: number | null }>();
      const firings = db.prepare(`
        SELECT rule_id, count(*) AS hits, count(DISTINCT CASE WHEN outcome = 'applied' THEN external_userid END) AS customers, max(at) AS last_hit
        FROM automation_firings WHERE outcome != 'conditions_false' GROUP BY rule_id`).all() as { rule_id: string; hits: number; customers: number; last_hit: number | null }[];
      for (const f of firings) out.set(f.rule_id, { hits: f.hits, customers: f.customers, lastHitAt: f.last_hit, lastAppliedAt: null });
      const writes = db.prepare(`SELECT rule_id, max(at) AS last FROM automation_provenance GROUP BY rule_id`).all() as { rule_id: string; last: number }[];
      for (const w of writes) out.set(w.rule_id, { ...(out.get(w.rule_id) ?? { hits: 0, customers: 0, lastHitAt: null }), lastAppliedAt: w.last });
      return out;
    },

    addProvenance(p: Omit<ProvenanceRow, 'id' | 'expiredAt' | 'revertedAt' | 'revertedBy' | 'revertBatchId'>): string {
      const id = randomUUID();
      insertProvenance.run({ ...p, id });
      return id;
    },
    provenance(id: string): ProvenanceRow | null {
      const r = db.prepare(`SELECT * FROM automation_provenance WHERE id = ?`).get(id) as ProvenanceDbRow | undefined;
      return r ? provenanceOf(r) : null;
    },
    provenanceOf(externalUserid: string, userid?: string, tagId?: string): ProvenanceRow[] {
      const rows = db.prepare(`SELECT * FROM automation_provenance WHERE external_userid = ? ORDER BY at DESC, id`).all(externalUserid) as ProvenanceDbRow[];
      return rows.map(provenanceOf).filter((p) => (!userid || p.userid === userid) && (!tagId || p.tagId === tagId));
    },
    /** Assignments whose expiry has come, not yet expired or reverted. */
    dueExpiries(now: number): ProvenanceRow[] {
      return (db.prepare(`SELECT * FROM automation_provenance WHERE expires_at IS NOT NULL AND expires_at <= ? AND expired_at IS NULL AND reverted_at IS NULL ORDER BY expires_at`).all(now) as ProvenanceDbRow[]).map(provenanceOf);
    },
    markExpired(ids: readonly string[], at: number): void {
      const st = db.prepare(`UPDATE automation_provenance SET expired_at = ? WHERE id = ?`);
      for (const id of ids) st.run(at, id);
    },
    markReverted(id: string, by: string, at: number, batchId: string | null): boolean {
      return db.prepare(`UPDATE automation_provenance SET reverted_at = ?, reverted_by = ?, revert_batch_id = ? WHERE id = ? AND reverted_at IS NULL`).run(at, by, batchId, id).changes === 1;
    },

    mute(ruleId: string, externalUserid: string, by: string, at: number): void {
      db.prepare(`INSERT OR IGNORE INTO automation_mutes (rule_id, external_userid, by, at) VALUES (?, ?, ?, ?)`).run(ruleId, externalUserid, by, at);
    },
    muted: (ruleId: string, externalUserid: string): boolean =>
      db.prepare(`SELECT 1 FROM automation_mutes WHERE rule_id = ? AND external_userid = ?`).pluck().get(ruleId, externalUserid) !== undefined,

    hold(ruleId: string, version: number): { status: 'held' | 'confirmed'; wouldTouch: number; customers: number; at: number } | null {
      const r = db.prepare(`SELECT status, would_touch, customers, at FROM automation_holds WHERE rule_id = ? AND rule_version = ?`).get(ruleId, version) as { status: 'held' | 'confirmed'; would_touch: number; customers: number; at: number } | undefined;
      return r ? { status: r.status, wouldTouch: r.would_touch, customers: r.customers, at: r.at } : null;
    },
    /** Records a hold; false when this version already has one (held or confirmed). */
    putHold(ruleId: string, version: number, wouldTouch: number, customers: number, at: number): boolean {
      return db.prepare(`INSERT OR IGNORE INTO automation_holds (rule_id, rule_version, status, would_touch, customers, at) VALUES (?, ?, 'held', ?, ?, ?)`).run(ruleId, version, wouldTouch, customers, at).changes === 1;
    },
    confirmHold(ruleId: string, version: number, by: string, wouldTouch: number, customers: number, at: number): void {
      db.prepare(`
        INSERT INTO automation_holds (rule_id, rule_version, status, would_touch, customers, at, decided_by) VALUES (?, ?, 'confirmed', ?, ?, ?, ?)
        ON CONFLICT (rule_id, rule_version) DO UPDATE SET status = 'confirmed', decided_by = excluded.decided_by`).run(ruleId, version, wouldTouch, customers, at, by);
    },
    holds(): { ruleId: string; version: number; status: string; wouldTouch: number; customers: number; at: number }[] {
      return (db.prepare(`SELECT * FROM automation_holds ORDER BY at DESC`).all() as { rule_id: string; rule_version: number; status: string; would_touch: number; customers: number; at: number }[])
        .map((r) => ({ ruleId: r.rule_id, version: r.rule_version, status: r.status, wouldTouch: r.would_touch, customers: r.customers, at: r.at }));
    },

    /** Records that `by` backtested this content of the rule (the latest time wins). */
    recordBacktest(ruleId: string, digest: string, by: string, at: number): void {
      db.prepare(`INSERT INTO automation_backtests (rule_id, digest, at, by) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET at = excluded.at, by = excluded.by`).run(ruleId, digest, at, by);
    },
    /** When this content of the rule was last backtested, or null. */
    backtestedAt: (ruleId: string, digest: string): number | null =>
      (db.prepare(`SELECT at FROM automation_backtests WHERE rule_id = ? AND digest = ?`).pluck().get(ruleId, digest) as number | undefined) ?? null,

    /** When a tag of a TTL group was first seen on (or put on) the relation. */
    clockSince(userid: string, externalUserid: string, tagId: string, seenAt: number): number {
      db.prepare(`INSERT OR IGNORE INTO tag_ttl_clock (userid, external_userid, tag_id, since) VALUES (?, ?, ?, ?)`).run(userid, externalUserid, tagId, seenAt);
      return db.prepare(`SELECT since FROM tag_ttl_clock WHERE userid = ? AND external_userid = ? AND tag_id = ?`).pluck().get(userid, externalUserid, tagId) as number;
    },
    resetClock(userid: string, externalUserid: string, tagId: string, since: number): void {
      db.prepare(`INSERT INTO tag_ttl_clock (userid, external_userid, tag_id, since) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET since = excluded.since`).run(userid, externalUserid, tagId, since);
    },
    dropClock(userid: string, externalUserid: string, tagId: string): void {
      db.prepare(`DELETE FROM tag_ttl_clock WHERE userid = ? AND external_userid = ? AND tag_id = ?`).run(userid, externalUserid, tagId);
    },
  };
}
