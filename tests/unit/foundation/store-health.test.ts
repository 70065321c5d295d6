// The local store opens durable (WAL + synchronous=FULL), migrates forward, reports its
// health, and refuses a database written by a newer Tagdesk instead of corrupting it.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, storeHealth, StoreVersionError } from '../../../src-main/store/database';
import { migrations } from '../../../src-main/store/migrations/index';

const tmpFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'tagdesk-store-')), 'store.sqlite');

describe('store health', () => {
  it('opens a file database in WAL mode with synchronous=FULL at the latest schema', () => {
    const db = openDatabase(tmpFile());
    const h = storeHealth(db);
    expect(h.journalMode).toBe('wal');
    expect(h.synchronous).toBe('FULL');
    expect(h.integrity).toBe('ok');
    expect(h.schemaVersion).toBe(migrations.length);
    expect(h.sizeBytes).toBeGreaterThan(0);
    db.close();
  });

  it('reopens an existing database without re-running migrations and keeps its data', () => {
    const file = tmpFile();
    const a = openDatabase(file);
    a.prepare(`INSERT INTO meta (key, value) VALUES ('device_id', 'dev-1')`).run();
    a.close();
    const b = openDatabase(file);
    expect(b.prepare(`SELECT value FROM meta WHERE key = 'device_id'`).pluck().get()).toBe('dev-1');
    b.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const file = tmpFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(StoreVersionError);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(migrations.length + 5);
    check.close();
  });

  it('reports a damaged file instead of "ok"', () => {
    const file = tmpFile();
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (x BLOB) STRICT');
    const insert = db.prepare('INSERT INTO filler VALUES (randomblob(4000))');
    for (let i = 0; i < 50; i++) insert.run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // scribble over a page in the middle of the file
    const h = openSync(file, 'r+');
    writeSync(h, Buffer.alloc(4096, 0xab), 0, 4096, 4096 * 5);
    closeSync(h);
    let reported: string;
    try {
      const damaged = openDatabase(file);
      reported = storeHealth(damaged).integrity;
      damaged.close();
    } catch (e) {
      reported = (e as Error).message;
    }
    expect(reported).not.toBe('ok');
  });
});
