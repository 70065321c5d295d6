// Opens the desktop's system of record: one better-sqlite3 database in WAL mode with
// synchronous=FULL, migrated to the current schema, refusing a database from a newer app.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { migrations } from './migrations/index';
import { applyMigrations } from '../../src-shared/storage/migrate';

export type Db = Database.Database;

export interface StoreHealth {
  path: string;
  journalMode: string;
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  schemaVersion: number;
  /** 'ok', or the first problem quick_check reported. */
  integrity: string;
  /** Rows whose foreign key points nowhere (PRAGMA foreign_key_check); 0 when healthy. */
  foreignKeyViolations: number;
  /** The bundled SQLite; 3.51.3 or later is free of the WAL-reset bug. */
  sqliteVersion: string;
  sizeBytes: number;
}

/** A database written by a newer Tagdesk; it is left untouched. */
export { SchemaVersionError as StoreVersionError } from '../../src-shared/storage/migrate';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (the Electron shell uses one built for Electron). */
  nativeBinding?: string;
  readonly?: boolean;
}

const SYNC_NAMES = ['OFF', 'NORMAL', 'FULL', 'EXTRA'] as const;

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const db = new Database(file, { nativeBinding: opts.nativeBinding, readonly: opts.readonly ?? false });
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

/** Applies pending migrations, each in its own transaction, tracking PRAGMA user_version. */
export function migrate(db: Db): number {
  return applyMigrations(db, migrations, 'local store');
}

/**
 * The store's health. The full checks (quick_check, foreign_key_check) read the whole file —
 * about a second at 200,000 customers — so `{ checks: false }` gives the cheap facts only, with
 * integrity 'checking', for the first paint; main runs the full check right after start-up.
 */
export function storeHealth(db: Db, opts: { checks?: boolean } = {}): StoreHealth {
  const checks = opts.checks ?? true;
  const integrity = checks ? ((db.pragma('quick_check', { simple: true }) as string) ?? 'unknown') : 'checking';
  let foreignKeyViolations = 0;
  if (checks) {
    try {
      foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    } catch {
      // A damaged file can fail the scan itself; quick_check above already says so.
      foreignKeyViolations = -1;
    }
  }
  const sync = db.pragma('synchronous', { simple: true }) as number;
  let sizeBytes = 0;
  if (db.name !== ':memory:') {
    try { sizeBytes = statSync(db.name).size; } catch { sizeBytes = 0; }
  }
  return {
    path: db.name,
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: SYNC_NAMES[sync] ?? 'OFF',
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    integrity,
    foreignKeyViolations,
    sqliteVersion: String(db.prepare('SELECT sqlite_version()').pluck().get()),
    sizeBytes,
  };
}
