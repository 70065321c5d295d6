import type { TeamMigration } from './index';

/** Suspicious-edit alerts, blocked-text attempts (category only) and tagging suspensions (docs/guardrails.md). */
export const t011Guard: TeamMigration = {
  name: '011-guard',
  up(db) {
    db.exec(`
      CREATE TABLE guard_alerts (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('mass_change', 'tag_removal', 'off_hours', 'blocked_attempts')),
        status TEXT NOT NULL CHECK (status IN ('open', 'reverted', 'dismissed')),
        actor TEXT NOT NULL,
        device TEXT,
        summary TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}',
        changes TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        revert_batch_id TEXT,
        resolved_by TEXT,
        resolved_at TEXT,
        note TEXT
      ) STRICT;
      CREATE INDEX guard_alerts_by_actor ON guard_alerts (actor, created_at);
      CREATE INDEX guard_alerts_by_status ON guard_alerts (status, created_at);
      CREATE TABLE guard_blocked_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        userid TEXT NOT NULL,
        device_id TEXT,
        at TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('relay', 'desktop')),
        field TEXT NOT NULL,
        categories TEXT NOT NULL DEFAULT '[]',
        external_userid TEXT
      ) STRICT;
      CREATE INDEX guard_blocked_by_user ON guard_blocked_attempts (userid, at);
      CREATE TABLE guard_suspensions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        userid TEXT NOT NULL,
        since TEXT NOT NULL,
        by TEXT NOT NULL,
        reason TEXT NOT NULL,
        alert_id TEXT,
        lifted_at TEXT,
        lifted_by TEXT,
        lift_note TEXT
      ) STRICT;
      CREATE UNIQUE INDEX guard_suspensions_active ON guard_suspensions (userid) WHERE lifted_at IS NULL;
    `);
  },
};
