import type { TeamMigration } from './index';

/**
 * Automation (docs/automation.md): ingested behaviour events (idempotent by the sender's id),
 * rule firings (one per rule, customer and firing key), the provenance of every automatic
 * assignment with its expiry and revert, per-customer rule mutes, held rule versions, and the
 * clock of tags in groups with a TTL.
 */
export const t012Automation: TeamMigration = {
  name: '012-automation',
  up(db) {
    db.exec(`
      CREATE TABLE automation_events (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        userid TEXT,
        at INTEGER NOT NULL,
        data TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('webhook', 'csv', 'demo'))
      ) STRICT;
      CREATE INDEX automation_events_by_customer ON automation_events (external_userid, at);
      CREATE INDEX automation_events_by_time ON automation_events (at);
      CREATE TABLE automation_firings (
        rule_id TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        fire_key TEXT NOT NULL,
        rule_version INTEGER NOT NULL,
        event_id TEXT,
        at INTEGER NOT NULL,
        batch_id TEXT,
        outcome TEXT NOT NULL,
        PRIMARY KEY (rule_id, external_userid, fire_key)
      ) STRICT;
      CREATE INDEX automation_firings_by_rule ON automation_firings (rule_id, at);
      CREATE TABLE automation_provenance (
        id TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        rule_version INTEGER NOT NULL,
        rule_name TEXT NOT NULL,
        fire_key TEXT NOT NULL,
        event_id TEXT,
        reason TEXT NOT NULL,
        batch_id TEXT,
        userid TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        tag_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'remove', 'expiry')),
        at INTEGER NOT NULL,
        expires_at INTEGER,
        expired_at INTEGER,
        reverted_at INTEGER,
        reverted_by TEXT,
        revert_batch_id TEXT
      ) STRICT;
      CREATE INDEX automation_provenance_by_relation ON automation_provenance (external_userid, userid, tag_id);
      CREATE INDEX automation_provenance_due ON automation_provenance (expires_at) WHERE expires_at IS NOT NULL AND expired_at IS NULL AND reverted_at IS NULL;
      CREATE TABLE automation_mutes (
        rule_id TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        by TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (rule_id, external_userid)
      ) STRICT;
      CREATE TABLE automation_holds (
        rule_id TEXT NOT NULL,
        rule_version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('held', 'confirmed')),
        would_touch INTEGER NOT NULL,
        customers INTEGER NOT NULL,
        at INTEGER NOT NULL,
        decided_by TEXT,
        PRIMARY KEY (rule_id, rule_version)
      ) STRICT;
      CREATE TABLE tag_ttl_clock (
        userid TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        tag_id TEXT NOT NULL,
        since INTEGER NOT NULL,
        PRIMARY KEY (userid, external_userid, tag_id)
      ) STRICT;
    `);
  },
};
