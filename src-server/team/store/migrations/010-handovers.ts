import type { TeamMigration } from './index';

/**
 * Customer hand-overs (在职继承 / 离职继承): one row per hand-over and one per customer with its
 * successor, WeCom's status, and the leaver's enterprise tags at the start, so the successor's
 * relation can be checked and repaired after the takeover.
 */
export const t010Handovers: TeamMigration = {
  name: '010-handovers',
  up(db) {
    db.exec(`
      CREATE TABLE handovers (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('onjob', 'resigned')),
        handover_userid TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        message TEXT
      ) STRICT;
      CREATE TABLE handover_items (
        handover_id TEXT NOT NULL REFERENCES handovers (id),
        external_userid TEXT NOT NULL,
        takeover_userid TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'taken_over', 'refused', 'successor_at_limit', 'failed')),
        errcode INTEGER,
        before_tags TEXT NOT NULL,
        takeover_time INTEGER,
        repair_batch_id TEXT,
        checked_at TEXT,
        PRIMARY KEY (handover_id, external_userid)
      ) STRICT;
    `);
  },
};
