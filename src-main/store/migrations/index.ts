// Numbered schema migrations, applied in order; the position in this list is the version.
// Never edit a shipped migration: add a new one. Each is tested on :memory: (tests/unit/store).
import type { Db } from '../database';
import type { Migration as GenericMigration } from '../../../src-shared/storage/migrate';
import { m001Meta } from './001-meta';
import { m002Directory } from './002-directory';
import { m003Catalog } from './003-catalog';
import { m004Customers } from './004-customers';
import { m005PersonalTags } from './005-personal-tags';
import { m006Outbox } from './006-outbox';
import { m007Caches } from './007-caches';
import { m008Audit } from './008-audit';
import { m009ApprovalOutbox } from './009-approval-outbox';
import { m010HandoverNotes } from './010-handover-notes';
import { m011DescriptorConsents } from './011-descriptor-consents';

export type Migration = GenericMigration<Db>;

export const migrations: readonly Migration[] = [
  m001Meta,
  m002Directory,
  m003Catalog,
  m004Customers,
  m005PersonalTags,
  m006Outbox,
  m007Caches,
  m008Audit,
  m009ApprovalOutbox,
  m010HandoverNotes,
  m011DescriptorConsents,
];
