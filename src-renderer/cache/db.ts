// The renderer's Dexie database: rebuildable caches and UI state only (never a source of
// truth). It lets the panel paint at once from what it showed last time, before main answers.
import Dexie, { type EntityTable } from 'dexie';

export interface CachedValue {
  key: string;
  value: unknown;
  savedAt: number;
}

export class PanelCache extends Dexie {
  kv!: EntityTable<CachedValue, 'key'>;

  constructor() {
    super('tagdesk-panel');
    this.version(1).stores({ kv: 'key' });
  }
}

export const cache = new PanelCache();

export async function readCached<T>(key: string): Promise<T | undefined> {
  try {
    return (await cache.kv.get(key))?.value as T | undefined;
  } catch {
    return undefined; // a broken cache must never stop the panel: main is the truth
  }
}

export async function writeCached(key: string, value: unknown): Promise<void> {
  try {
    await cache.kv.put({ key, value, savedAt: Date.now() });
  } catch {
    /* caches are best effort */
  }
}
