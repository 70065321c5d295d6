import type { Migration } from './index';

/**
 * Copies of team-server data the desktop needs offline: tag policy (versioned blobs, the
 * highest version of a kind is current) and approval requests. Rebuildable from the server.
 */
export const m007Caches: Migration = {
  name: '007-caches',
  up(db) {
    db.exec(`
      CREATE TABLE policy_cache (
        kind TEXT NOT NULL,
        version INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (kind, version)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE approvals_cache (
        request_id TEXT PRIMARY KEY,
        state TEXT NOT NULL,
        member_userid TEXT,
        external_userid TEXT,
        body TEXT NOT NULL CHECK (json_valid(body)),
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX approvals_cache_state ON approvals_cache(state, updated_at);
      CREATE INDEX approvals_cache_customer ON approvals_cache(external_userid) WHERE external_userid IS NOT NULL;
    `);
  },
};
