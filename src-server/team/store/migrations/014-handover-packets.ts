import type { TeamMigration } from './index';

/**
 * Personal-tag hand-over packets (docs/admin.md): what a leaver chose to pass on, entry by
 * entry, with the supervisor's decision and the successor's answer. An entry's text is erased
 * (set to NULL) once struck out or answered by the successor, so the server holds a member's
 * personal notes only while the hand-over needs them. Hand-over items also keep which
 * enterprise tags the check after takeover put back, and the customer's name.
 */
export const t014HandoverPackets: TeamMigration = {
  name: '014-handover-packets',
  up(db) {
    db.exec(`
      CREATE TABLE handover_packets (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        member TEXT NOT NULL,
        created_at TEXT NOT NULL,
        note TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'reviewed')),
        reviewed_by TEXT,
        reviewed_at TEXT,
        UNIQUE (member, request_id)
      ) STRICT;
      CREATE TABLE handover_packet_entries (
        packet_id TEXT NOT NULL REFERENCES handover_packets (id),
        seq INTEGER NOT NULL,
        external_userid TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('tag', 'note')),
        text TEXT,
        sensitive INTEGER NOT NULL,
        reasons TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('pending', 'approved', 'struck')),
        strike_reason TEXT,
        decided_by TEXT,
        decided_at TEXT,
        claim TEXT CHECK (claim IN ('accepted', 'declined')),
        claimed_by TEXT,
        claimed_at TEXT,
        PRIMARY KEY (packet_id, seq)
      ) STRICT;
      CREATE INDEX handover_packet_entries_customer ON handover_packet_entries (external_userid, decision);
      -- The enterprise tags a hand-over's check put back on the successor's relation.
      ALTER TABLE handover_items ADD COLUMN repaired_tags TEXT;
      -- The customer's name at the start, so the hand-over's list reads as people after the transfer.
      ALTER TABLE handover_items ADD COLUMN customer_name TEXT;
      CREATE INDEX handover_items_customer ON handover_items (external_userid, takeover_userid, status);
    `);
  },
};
