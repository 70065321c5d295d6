import type { TeamMigration } from './index';

/** Every saved revision of the company's policy document; the highest is in force. */
export const t003Policy: TeamMigration = {
  name: '003-policy',
  up(db) {
    db.exec(`
      CREATE TABLE policy_revisions (
        revision INTEGER PRIMARY KEY,
        body TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        saved_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
