import type { TeamMigration } from './index';

/** Admins' overlays on the shipped rule pack (extra words, stricter actions, replacements), by id and version. */
export const t006RuleOverlays: TeamMigration = {
  name: '006-rule-overlays',
  up(db) {
    db.exec(`
      CREATE TABLE rule_overlays (
        id TEXT NOT NULL,
        version TEXT NOT NULL,
        body TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;
    `);
  },
};
