// The migration rule shared by the desktop store and the team server's store: numbered
// migrations in an ordered list, each in its own transaction, tracked in PRAGMA user_version;
// a database from a newer version is refused untouched. Written against a structural
// interface so the pure core does not depend on a driver.

export interface MigratableDb {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction(fn: () => void): () => void;
}

export interface Migration<D extends MigratableDb = MigratableDb> {
  name: string;
  up(db: D): void;
}

export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

/** Applies pending migrations; returns the schema version reached. */
export function applyMigrations<D extends MigratableDb>(db: D, migrations: readonly Migration<D>[], what = 'database'): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  const latest = migrations.length;
  if (current > latest) {
    throw new SchemaVersionError(`${what} schema version ${current} is newer than this build supports (${latest}); update Tagdesk`);
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
