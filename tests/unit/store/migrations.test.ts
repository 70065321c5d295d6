// Every migration applies on an empty in-memory database, tables are STRICT, the store opens
// durable on disk, and a database from a newer Tagdesk is refused without being touched.
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, migrate, storeHealth, StoreVersionError } from '../../../src-main/store/database';
import { migrations } from '../../../src-main/store/migrations/index';
import { applyMigrations } from '../../../src-shared/storage/migrate';

const tables = (db: Database.Database): string[] =>
  db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];

describe('migrations', () => {
  it('are numbered in order, one module per number', () => {
    migrations.forEach((m, i) => expect(m.name.startsWith(String(i + 1).padStart(3, '0'))).toBe(true));
  });

  it.each(migrations.map((m, i) => [m.name, i + 1] as const))('%s applies on :memory: on top of its predecessors', (_name, version) => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = applyMigrations(db, migrations.slice(0, version - 1));
    const tablesBefore = tables(db);
    applyMigrations(db, migrations.slice(0, version));
    expect(before).toBe(version - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(tables(db).length).toBeGreaterThan(tablesBefore.length);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('creates every table STRICT, so a wrongly typed value is refused', () => {
    const db = openDatabase(':memory:');
    const loose = db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND strict = 0 AND name NOT LIKE 'sqlite_%'`).pluck().all();
    expect(loose).toEqual([]);
    expect(() => db.prepare(`INSERT INTO customers (external_userid, name, synced_at) VALUES ('wm1', 'x', 'yesterday')`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('is idempotent: migrating an up-to-date store changes nothing', () => {
    const db = openDatabase(':memory:');
    const schema = db.prepare(`SELECT sql FROM sqlite_schema ORDER BY name`).pluck().all();
    expect(migrate(db)).toBe(migrations.length);
    expect(db.prepare(`SELECT sql FROM sqlite_schema ORDER BY name`).pluck().all()).toEqual(schema);
  });

  it('refuses a store from a newer version (user_version above the latest)', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(StoreVersionError);
    expect(tables(db)).toEqual([]);
  });

  it('rolls a failing migration back whole, keeping the previous version', () => {
    const db = new Database(':memory:');
    const broken = [...migrations.slice(0, 2), { name: '003-broken', up: (d: Database.Database) => { d.exec('CREATE TABLE half (x INTEGER) STRICT'); d.exec('NOT SQL'); } }];
    expect(() => applyMigrations(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tables(db)).not.toContain('half');
  });
});

describe('durability and self-check', () => {
  it('opens a file store in WAL mode with synchronous=FULL and a clean self-check', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tagdesk-store-')), 'store.sqlite');
    const db = openDatabase(file);
    const h = storeHealth(db);
    expect(h.journalMode).toBe('wal');
    expect(h.synchronous).toBe('FULL');
    expect(h.integrity).toBe('ok');
    expect(h.foreignKeyViolations).toBe(0);
    expect(h.schemaVersion).toBe(migrations.length);
    // WAL-reset bug fixed in 3.51.3
    const [maj, min, patch] = h.sqliteVersion.split('.').map(Number);
    expect(maj! * 1e6 + min! * 1e3 + patch!).toBeGreaterThanOrEqual(3_051_003);
    db.close();
    // a second connection sees the same persistent settings from the file
    const raw = new Database(file);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('reports dangling foreign keys found at start-up', () => {
    const db = openDatabase(':memory:');
    db.pragma('foreign_keys = OFF');
    db.prepare(`INSERT INTO follow_relations (customer_id, member_userid) VALUES (999, 'ghost')`).run();
    db.pragma('foreign_keys = ON');
    expect(storeHealth(db).foreignKeyViolations).toBe(1);
  });
});
