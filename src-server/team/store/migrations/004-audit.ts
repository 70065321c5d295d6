import type { TeamMigration } from './index';

/**
 * Central audit: the server's own chain ('server') and each device's uploaded enterprise chain
 * ('device:<id>'), event by event, with the columns queries filter on. The body is the event
 * exactly as hashed, so an export verifies without trusting these columns.
 */
export const t004Audit: TeamMigration = {
  name: '004-audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        chain_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        member TEXT NOT NULL,
        customer TEXT,
        source TEXT NOT NULL,
        action TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (chain_id, seq)
      ) STRICT;
      CREATE INDEX audit_by_customer ON audit_events(customer, at);
      CREATE INDEX audit_by_member ON audit_events(member, at);
      CREATE INDEX audit_by_at ON audit_events(at);
    `);
  },
};
