import type { Migration } from './index';

/**
 * Consents to share a personal tag as a company descriptor (docs/automation.md). One row per
 * personal tag: the descriptor chosen, the random grant id the team server knows it by, and what
 * was last published (a hash of the customer set) so only real changes are sent again. A revoked
 * consent stays as `revoking` until the server has withdrawn the grant.
 */
export const m011DescriptorConsents: Migration = {
  name: '011-descriptor-consents',
  up(db) {
    db.exec(`
      CREATE TABLE descriptor_consents (
        personal_tag_id INTEGER PRIMARY KEY REFERENCES personal_tags(id) ON DELETE CASCADE,
        descriptor_id TEXT NOT NULL,
        grant_id TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('active', 'revoking')),
        consented_at INTEGER NOT NULL,
        published_at INTEGER,
        published_hash TEXT,
        published_customers INTEGER,
        publish_error TEXT
      ) STRICT;
    `);
  },
};
