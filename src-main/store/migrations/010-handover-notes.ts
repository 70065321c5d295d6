import type { Migration } from './index';

/**
 * Hand-over notes a member accepted from a colleague's packet (docs/admin.md): device-only,
 * like personal tags; accepted tags become ordinary personal tags, notes are kept here.
 */
export const m010HandoverNotes: Migration = {
  name: '010-handover-notes',
  up(db) {
    db.exec(`
      CREATE TABLE handover_notes (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        from_member TEXT NOT NULL,
        from_name TEXT NOT NULL,
        text TEXT NOT NULL,
        packet_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        UNIQUE (packet_id, seq)
      ) STRICT;
      CREATE INDEX handover_notes_customer ON handover_notes(customer_id);
    `);
  },
};
