import type { TeamMigration } from './index';

/** The company directory as Tagdesk sees it, signed-in devices, relay tokens, the event log. */
export const t001Directory: TeamMigration = {
  name: '001-directory',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id INTEGER,
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE members (
        userid TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        department_ids TEXT NOT NULL DEFAULT '[]',
        main_department INTEGER,
        role TEXT NOT NULL DEFAULT 'sales' CHECK (role IN ('sales', 'service', 'supervisor', 'admin')),
        active INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        userid TEXT NOT NULL REFERENCES members(userid),
        token_hash TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        last_seen_at TEXT,
        revoked_at TEXT,
        revoked_by TEXT
      ) STRICT;
      CREATE INDEX devices_by_user ON devices(userid);

      CREATE TABLE relay_tokens (
        token_hash TEXT PRIMARY KEY,
        device_id TEXT NOT NULL REFERENCES devices(id),
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX relay_tokens_by_device ON relay_tokens(device_id);

      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        audience TEXT NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
    `);
  },
};
