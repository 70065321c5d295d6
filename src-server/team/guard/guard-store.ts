// The persisted side of the guard: alerts with the exact tag changes they are about (so a
// revert restores precisely those), blocked-text attempts (categories only, never the text)
// and suspensions with who lifted them. Synchronous SQL only.
import { letterId } from '../admin/ids';
import type { TeamDb } from '../store/database';

export type AlertKind = 'mass_change' | 'tag_removal' | 'off_hours' | 'blocked_attempts';
export type AlertStatus = 'open' | 'reverted' | 'dismissed';

/** One relayed or batched tag change as the central audit recorded it. */
export interface GuardChange {
  /** The server chain's seq: orders changes and deduplicates them. */
  seq: number;
  at: string;
  actor: string;
  member: string;
  customer: string;
  tagId: string;
  action: 'tag.add' | 'tag.remove';
  tagName: string | null;
  groupName: string | null;
  source: string;
}

export interface GuardAlert {
  id: string;
  kind: AlertKind;
  status: AlertStatus;
  actor: string;
  actorName: string;
  device: string | null;
  summary: string;
  details: Record<string, unknown>;
  changes: GuardChange[];
  /** Distinct customers the changes touched. */
  customers: string[];
  createdAt: string;
  updatedAt: string;
  revertBatchId: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
}

export interface Suspension {
  userid: string;
  since: string;
  by: string;
  reason: string;
  alertId: string | null;
}

interface AlertRow {
  id: string; kind: AlertKind; status: AlertStatus; actor: string; device: string | null; summary: string; details: string; changes: string;
  created_at: string; updated_at: string; revert_batch_id: string | null; resolved_by: string | null; resolved_at: string | null; note: string | null;
}

export function createGuardStore(db: TeamDb, nameOf: (userid: string) => string) {
  const toAlert = (r: AlertRow): GuardAlert => {
    const changes = JSON.parse(r.changes) as GuardChange[];
    return {
      id: r.id, kind: r.kind, status: r.status, actor: r.actor, actorName: nameOf(r.actor), device: r.device, summary: r.summary,
      details: JSON.parse(r.details) as Record<string, unknown>, changes, customers: [...new Set(changes.map((c) => c.customer))],
      createdAt: r.created_at, updatedAt: r.updated_at, revertBatchId: r.revert_batch_id, resolvedBy: r.resolved_by, resolvedAt: r.resolved_at, note: r.note,
    };
  };
  const insertAlert = db.prepare(`INSERT INTO guard_alerts (id, kind, status, actor, device, summary, details, changes, created_at, updated_at) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?)`);
  const updateChanges = db.prepare(`UPDATE guard_alerts SET summary = ?, details = ?, changes = ?, updated_at = ? WHERE id = ?`);
  const getAlert = db.prepare(`SELECT * FROM guard_alerts WHERE id = ?`);
  const resolve = db.prepare(`UPDATE guard_alerts SET status = ?, resolved_by = ?, resolved_at = ?, note = ?, revert_batch_id = ? WHERE id = ? AND status = 'open'`);
  const insertAttempt = db.prepare(`INSERT INTO guard_blocked_attempts (userid, device_id, at, origin, field, categories, external_userid) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const attemptsSince = db.prepare(`SELECT field, categories FROM guard_blocked_attempts WHERE userid = ? AND at >= ? ORDER BY at`);
  const lastLift = db.prepare(`SELECT MAX(lifted_at) FROM guard_suspensions WHERE userid = ?`).pluck();
  const activeSuspension = db.prepare(`SELECT userid, since, by, reason, alert_id AS alertId FROM guard_suspensions WHERE userid = ? AND lifted_at IS NULL`);
  const allActive = db.prepare(`SELECT userid, since, by, reason, alert_id AS alertId FROM guard_suspensions WHERE lifted_at IS NULL ORDER BY since`);
  const insertSuspension = db.prepare(`INSERT INTO guard_suspensions (userid, since, by, reason, alert_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const liftSuspension = db.prepare(`UPDATE guard_suspensions SET lifted_at = ?, lifted_by = ?, lift_note = ? WHERE userid = ? AND lifted_at IS NULL`);

  return {
    createAlert(a: { kind: AlertKind; actor: string; device: string | null; summary: string; details: Record<string, unknown>; changes: GuardChange[]; at: string }): GuardAlert {
      // Letters only: the id sits in audited values, whose redactor could cut a digit run out of a UUID.
      const id = letterId('alert');
      insertAlert.run(id, a.kind, a.actor, a.device, a.summary, JSON.stringify(a.details), JSON.stringify(a.changes), a.at, a.at);
      return toAlert(getAlert.get(id) as AlertRow);
    },
    extendAlert(id: string, summary: string, details: Record<string, unknown>, changes: GuardChange[], at: string): void {
      updateChanges.run(summary, JSON.stringify(details), JSON.stringify(changes), at, id);
    },
    alert(id: string): GuardAlert | null {
      const r = getAlert.get(id) as AlertRow | undefined;
      return r ? toAlert(r) : null;
    },
    alerts(q: { status?: AlertStatus; actors?: readonly string[] | null; limit: number }): GuardAlert[] {
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (q.status) { where.push('status = ?'); args.push(q.status); }
      if (q.actors) { where.push(`actor IN (${q.actors.map(() => '?').join(',') || "''"})`); args.push(...q.actors); }
      const sql = `SELECT * FROM guard_alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT ?`;
      return (db.prepare(sql).all(...args, q.limit) as AlertRow[]).map(toAlert);
    },
    /** Closes an open alert; false when it was no longer open. */
    resolve(id: string, status: Exclude<AlertStatus, 'open'>, by: string, at: string, note: string | null, batchId: string | null): boolean {
      return resolve.run(status, by, at, note, batchId, id).changes === 1;
    },
    recordAttempt(a: { userid: string; deviceId: string | null; at: string; origin: 'relay' | 'desktop'; field: string; categories: string[]; externalUserid: string | null }): void {
      insertAttempt.run(a.userid, a.deviceId, a.at, a.origin, a.field, JSON.stringify(a.categories), a.externalUserid);
    },
    /** Attempts since `from`, not counting those before the member's last lift. */
    attemptsSince(userid: string, from: string): { field: string; categories: string[] }[] {
      const lifted = lastLift.get(userid) as string | null;
      const since = lifted && lifted > from ? lifted : from;
      return (attemptsSince.all(userid, since) as { field: string; categories: string }[]).map((r) => ({ field: r.field, categories: JSON.parse(r.categories) as string[] }));
    },
    suspension(userid: string): Suspension | null {
      return (activeSuspension.get(userid) as Suspension | undefined) ?? null;
    },
    suspensions(): Suspension[] {
      return allActive.all() as Suspension[];
    },
    suspend(userid: string, at: string, by: string, reason: string, alertId: string | null): boolean {
      return insertSuspension.run(userid, at, by, reason, alertId).changes === 1;
    },
    lift(userid: string, at: string, by: string, note: string | null): boolean {
      return liftSuspension.run(at, by, note, userid).changes === 1;
    },
  };
}

export type GuardStore = ReturnType<typeof createGuardStore>;
