// Numbered schema migrations, applied in order; the position in this list is the version.
// Never edit a shipped migration: add a new one. Each is tested on :memory: (tests/unit/store).
import type { Db } from '../database';
import type { Migration as GenericMigration } from '../../../src-shared/storage/migrate';
import { m001Meta } from './001-meta';

export type Migration = GenericMigration<Db>;

export const migrations: readonly Migration[] = [m001Meta];
