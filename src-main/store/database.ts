// Opens the desktop's system of record: one better-sqlite3 database in WAL mode with
// synchronous=FULL, migrated to the current schema, refusing a database from a newer app.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { migrations } from './migrations/index';

export type Db = Database.Database;

export interface StoreHealth {
  path: string;
  journalMode: string;
  synchronous: 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
  schemaVersion: number;
  /** 'ok', or the first problem quick_check reported. */
  integrity: string;
  sizeBytes: number;
}

export class StoreVersionError extends Error {
  override name = 'StoreVersionError';
}

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
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    throw new StoreVersionError(`database schema version ${current} is newer than this app supports (${latest}); update Tagdesk`);
  }
  for (let v = current; v < latest; v++) {
    const m = migrations[v]!;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return latest;
}

export function storeHealth(db: Db): StoreHealth {
  const integrity = (db.pragma('quick_check', { simple: true }) as string) ?? 'unknown';
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
    sizeBytes,
  };
}
