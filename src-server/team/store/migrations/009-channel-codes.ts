import type { TeamMigration } from './index';

/**
 * Channel codes (渠道活码): a WeCom 「联系我」 configuration per channel with the tags a customer
 * who adds a member through it receives. `state` is what WeCom hands back in the
 * add_external_contact callback; `applied` records each customer tagged, once.
 */
export const t009ChannelCodes: TeamMigration = {
  name: '009-channel-codes',
  up(db) {
    db.exec(`
      CREATE TABLE channel_codes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        state TEXT NOT NULL UNIQUE,
        config_id TEXT NOT NULL UNIQUE,
        qr_code TEXT,
        tag_ids TEXT NOT NULL CHECK (json_valid(tag_ids)),
        users TEXT NOT NULL CHECK (json_valid(users)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE TABLE channel_code_adds (
        code_id TEXT NOT NULL REFERENCES channel_codes(id),
        userid TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        tag_ids TEXT NOT NULL CHECK (json_valid(tag_ids)),
        at TEXT NOT NULL,
        PRIMARY KEY (userid, external_userid)
      ) STRICT;
    `);
  },
};
