import type { Migration } from './index';

/**
 * The enterprise tag catalog (get_corp_tag_list). Tags get a local integer `ref` so the two
 * million base-snapshot links stay small; WeCom's opaque `tag_id` is unique beside it. A tag
 * seen on a customer before the catalog knows it (e.g. a rule-group tag) is a stub row with
 * no group. Deleted tags stay as rows (`deleted = 1`): ops and audit still name them.
 */
export const m003Catalog: Migration = {
  name: '003-catalog',
  up(db) {
    db.exec(`
      CREATE TABLE tag_groups (
        group_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0,
        create_time INTEGER NOT NULL DEFAULT 0,
        origin TEXT NOT NULL DEFAULT 'console' CHECK (origin IN ('app', 'console', 'rule')),
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        synced_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX tag_groups_name ON tag_groups(name);
      CREATE INDEX tag_groups_order ON tag_groups(sort_order DESC, create_time, group_id);

      CREATE TABLE tags (
        ref INTEGER PRIMARY KEY,
        tag_id TEXT NOT NULL UNIQUE,
        group_id TEXT REFERENCES tag_groups(group_id),
        name TEXT NOT NULL DEFAULT '',
        sort_order INTEGER NOT NULL DEFAULT 0,
        create_time INTEGER NOT NULL DEFAULT 0,
        origin TEXT NOT NULL DEFAULT 'console' CHECK (origin IN ('app', 'console', 'rule')),
        deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
        synced_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX tags_group_order ON tags(group_id, sort_order DESC, create_time, ref);
      CREATE INDEX tags_name ON tags(name, group_id);
    `);
  },
};
