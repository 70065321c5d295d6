import type { TeamMigration } from './index';

/**
 * Administration and bulk work: batches of per-relation tag changes with their items (so a
 * restarted server resumes and any batch can be undone), where catalog entries came from
 * (Tagdesk's own, or created elsewhere and so read-only to it), the recycle bin of deleted tags, and snapshots.
 */
export const t007Admin: TeamMigration = {
  name: '007-admin',
  up(db) {
    db.exec(`
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'paused', 'done', 'cancelled')),
        undo_of TEXT,
        undone_by TEXT,
        total INTEGER NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        meta TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE TABLE batch_items (
        batch_id TEXT NOT NULL REFERENCES batches (id),
        seq INTEGER NOT NULL,
        userid TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        add_tags TEXT NOT NULL,
        remove_tags TEXT NOT NULL,
        before_tags TEXT NOT NULL,
        audience TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'unchanged', 'failed')),
        errcode INTEGER,
        error TEXT,
        finished_at TEXT,
        PRIMARY KEY (batch_id, seq)
      ) STRICT;
      CREATE INDEX batch_items_pending ON batch_items (batch_id, status, seq);
      CREATE TABLE catalog_origin (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('group', 'tag')),
        origin TEXT NOT NULL CHECK (origin IN ('tagdesk', 'external')),
        noted_by TEXT NOT NULL,
        noted_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE recycle_bin (
        id TEXT PRIMARY KEY,
        tag_id TEXT NOT NULL,
        tag_name TEXT NOT NULL,
        tag_order INTEGER NOT NULL,
        group_id TEXT NOT NULL,
        group_name TEXT NOT NULL,
        assignments TEXT NOT NULL,
        deleted_by TEXT NOT NULL,
        deleted_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        snapshot_id TEXT,
        restored_at TEXT,
        restored_by TEXT,
        restored_tag_id TEXT,
        restore_batch_id TEXT
      ) STRICT;
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,
        taken_at TEXT NOT NULL,
        reason TEXT NOT NULL,
        taken_by TEXT NOT NULL,
        catalog TEXT NOT NULL,
        assignments TEXT NOT NULL
      ) STRICT;
      CREATE INDEX snapshots_at ON snapshots (taken_at);
    `);
  },
};
