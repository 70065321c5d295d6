import type { TeamMigration } from './index';

/**
 * Mute lifts (who lifted which rules for whom, until when; expiry is audited once), mass
 * messages this server submitted per customer and month (WeCom's cap of 4), and the WeCom
 * intercept rules it keeps in sync with the rule pack's block-level words.
 */
export const t008Mute: TeamMigration = {
  name: '008-mute',
  up(db) {
    db.exec(`
      CREATE TABLE mute_lifts (
        id TEXT PRIMARY KEY,
        created_by TEXT NOT NULL,
        covers TEXT NOT NULL CHECK (covers IN ('own', 'company')),
        member_ids TEXT NOT NULL,
        target TEXT NOT NULL,
        rule_id TEXT,
        reason TEXT NOT NULL,
        from_at TEXT NOT NULL,
        until_at TEXT NOT NULL,
        expired_at TEXT
      ) STRICT;
      CREATE INDEX mute_lifts_open ON mute_lifts (until_at) WHERE expired_at IS NULL;
      CREATE TABLE mass_message_counts (
        month TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (month, external_userid)
      ) STRICT;
      CREATE TABLE mass_messages (
        msgid TEXT PRIMARY KEY,
        sender TEXT NOT NULL,
        expression TEXT,
        recipients INTEGER NOT NULL,
        failed INTEGER NOT NULL,
        sent_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE intercept_rules (
        name TEXT PRIMARY KEY,
        rule_id TEXT NOT NULL,
        digest TEXT NOT NULL,
        synced_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
