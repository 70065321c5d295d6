import type { TeamMigration } from './index';

/** The approval queue. (requester, request_id) makes filing idempotent. */
export const t002Approvals: TeamMigration = {
  name: '002-approvals',
  up(db) {
    db.exec(`
      CREATE TABLE approvals (
        id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
        requester TEXT NOT NULL REFERENCES members(userid),
        userid TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        group_id TEXT,
        group_name TEXT,
        tag_id TEXT,
        tag_name TEXT,
        reason TEXT NOT NULL,
        findings TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        decided_by TEXT,
        decided_at TEXT,
        note TEXT,
        replacement_tag_id TEXT,
        replacement_name TEXT,
        applied_tag_id TEXT,
        applied_tag_name TEXT,
        apply_pending INTEGER NOT NULL DEFAULT 0,
        apply_error TEXT,
        UNIQUE (requester, request_id)
      ) STRICT;
      CREATE INDEX approvals_by_status ON approvals(status, created_at);
      CREATE INDEX approvals_by_relation ON approvals(userid, external_userid, tag_id, status);
    `);
  },
};
