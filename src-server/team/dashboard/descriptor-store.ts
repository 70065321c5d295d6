// Company descriptors shared with consent: per random grant id, the descriptor and the customers
// it was shared for, with the time. Nothing here names a member: replacing or withdrawing a
// grant needs its id, which only the consenting device holds.
import type { TeamDb } from '../store/database';

export type DescriptorStore = ReturnType<typeof createDescriptorStore>;

export function createDescriptorStore(db: TeamDb) {
  const del = db.prepare(`DELETE FROM company_descriptors WHERE grant_id = ?`);
  const ins = db.prepare(`INSERT OR IGNORE INTO company_descriptors (grant_id, descriptor_id, external_userid, at) VALUES (?, ?, ?, ?)`);
  const pairs = db.prepare(`SELECT DISTINCT descriptor_id AS descriptorId, external_userid AS externalUserid FROM company_descriptors`);
  return {
    /** Replaces what the grant shares (one transaction); returns the customers now shared. */
    put(grantId: string, descriptorId: string, externalUserids: readonly string[], at: number): number {
      return db.transaction(() => {
        del.run(grantId);
        let n = 0;
        for (const e of new Set(externalUserids)) n += ins.run(grantId, descriptorId, e, at).changes;
        return n;
      })();
    },
    /** Withdraws everything the grant shared; returns how many rows went. */
    withdraw: (grantId: string): number => del.run(grantId).changes,
    /** Distinct (descriptor, customer) pairs across all grants. */
    pairs: (): { descriptorId: string; externalUserid: string }[] => pairs.all() as { descriptorId: string; externalUserid: string }[],
  };
}

const stores = new WeakMap<TeamDb, DescriptorStore>();
/** One store per team database (statements prepared once). */
export function descriptorStoreOf(db: TeamDb): DescriptorStore {
  let s = stores.get(db);
  if (!s) stores.set(db, (s = createDescriptorStore(db)));
  return s;
}
