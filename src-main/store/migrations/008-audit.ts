import type { Migration } from './index';

/**
 * The device's audit chains as rows: 'enterprise' (uploaded to the team server) and 'personal'
 * (never leaves the device). Append-only is enforced by triggers, not by habit; only the
 * upload marker may change.
 */
export const m008Audit: Migration = {
  name: '008-audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        chain TEXT NOT NULL CHECK (chain IN ('enterprise', 'personal')),
        seq INTEGER NOT NULL CHECK (seq > 0),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL CHECK (json_valid(body)),
        created_at INTEGER NOT NULL,
        uploaded_at INTEGER,
        PRIMARY KEY (chain, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX audit_events_unuploaded ON audit_events(chain, seq) WHERE uploaded_at IS NULL;

      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;

      CREATE TRIGGER audit_events_no_rewrite BEFORE UPDATE OF chain, seq, prev_hash, hash, body, created_at ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    `);
  },
};
