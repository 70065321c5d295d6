// Numbered schema migrations, applied in order; the position in this list is the version.
// Never edit a shipped migration: add a new one. Each is tested on :memory: (tests/unit/store).
import type { Db } from '../database';
import { m001Meta } from './001-meta';

export interface Migration {
  name: string;
  up(db: Db): void;
}

export const migrations: readonly Migration[] = [m001Meta];
