import type { Migration } from './index';

/**
 * Personal tags: the employee's private notes-as-tags. Device-only: no column here is ever
 * read by the sync engine. The store belongs to one member's data folder, so tags carry no
 * owner. Deleting is soft (`deleted_at`) for the 72 h recycle bin.
 */
export const m005PersonalTags: Migration = {
  name: '005-personal-tags',
  up(db) {
    db.exec(`
      CREATE TABLE personal_tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
        color TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        deleted_at INTEGER
      ) STRICT;
      CREATE UNIQUE INDEX personal_tags_live_name ON personal_tags(name) WHERE deleted_at IS NULL;

      CREATE TABLE personal_tag_assignments (
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        personal_tag_id INTEGER NOT NULL REFERENCES personal_tags(id) ON DELETE CASCADE,
        assigned_at INTEGER NOT NULL,
        PRIMARY KEY (customer_id, personal_tag_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX personal_tag_assignments_tag ON personal_tag_assignments(personal_tag_id, customer_id);
    `);
  },
};
