import type { TeamMigration } from './index';

/**
 * Company descriptors shared from personal tags with the member's consent (docs/automation.md):
 * descriptor, customer and time only. The grant id is random, made on the device per consent,
 * so a revoked consent can be withdrawn; no column names the member.
 */
export const t015CompanyDescriptors: TeamMigration = {
  name: '015-company-descriptors',
  up(db) {
    db.exec(`
      CREATE TABLE company_descriptors (
        grant_id TEXT NOT NULL,
        descriptor_id TEXT NOT NULL,
        external_userid TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (grant_id, external_userid)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX company_descriptors_by_descriptor ON company_descriptors (descriptor_id, external_userid);
    `);
  },
};
