import type { Migration } from './index';

/** Key-value facts about this installation (device id, first run). */
export const m001Meta: Migration = {
  name: '001-meta',
  up(db) {
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
  },
};
