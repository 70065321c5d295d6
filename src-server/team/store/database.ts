// The team server's embedded store (better-sqlite3): WAL, synchronous=FULL, numbered
// migrations through the core's runner. One process, one writer.
import Database from 'better-sqlite3';
import { applyMigrations } from '../../../src-shared/storage/migrate';
import { teamMigrations } from './migrations/index';

export type TeamDb = Database.Database;

export function openTeamDatabase(file: string): TeamDb {
  const db = new Database(file);
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  applyMigrations(db, teamMigrations, 'team server database');
  return db;
}
