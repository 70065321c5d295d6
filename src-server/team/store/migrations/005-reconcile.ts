import type { TeamMigration } from './index';

/** What the server last saw of each follow relation's tags, to notice changes WeCom did not call back about. */
export const t005Reconcile: TeamMigration = {
  name: '005-reconcile',
  up(db) {
    db.exec(`
      CREATE TABLE relation_digests (
        userid TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        digest TEXT NOT NULL,
        PRIMARY KEY (userid, external_userid)
      ) STRICT;
    `);
  },
};
