import type { Migration } from './index';

/**
 * Members and the department tree, mirrored from WeCom's address book. No foreign key from
 * follow relations to members: a colleague outside the app's visible range still follows
 * customers, and the desktop must keep those relations.
 */
export const m002Directory: Migration = {
  name: '002-directory',
  up(db) {
    db.exec(`
      CREATE TABLE departments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        parent_id INTEGER,
        sort_order INTEGER NOT NULL DEFAULT 0,
        synced_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX departments_parent ON departments(parent_id);

      CREATE TABLE members (
        userid TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        synced_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE member_departments (
        userid TEXT NOT NULL REFERENCES members(userid) ON DELETE CASCADE,
        department_id INTEGER NOT NULL,
        is_leader INTEGER NOT NULL DEFAULT 0 CHECK (is_leader IN (0, 1)),
        PRIMARY KEY (userid, department_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX member_departments_department ON member_departments(department_id, userid);
    `);
  },
};
