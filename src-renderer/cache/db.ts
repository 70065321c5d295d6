// The renderer's Dexie database: rebuildable caches and UI state only (never a source of
// truth). It lets the panel paint at once from what it showed last time, before main answers,
// and keeps half-typed drafts so a crash or reload never loses what the member wrote.
import Dexie, { type EntityTable } from 'dexie';

export interface CachedValue {
  key: string;
  value: unknown;
  savedAt: number;
}

/** The last panel shown for a customer, per member (personal tags are the member's alone). */
export interface CachedPanel {
  key: string;
  member: string;
  externalUserid: string;
  value: unknown;
  savedAt: number;
}

/** A customer the member opened recently, for the empty search box. */
export interface RecentCustomer {
  key: string;
  member: string;
  externalUserid: string;
  name: string;
  corpName: string | null;
  remark: string | null;
  mobileTail: string | null;
  openedAt: number;
}

/** Text the member was typing, keyed by member, customer and field. */
export interface Draft {
  key: string;
  text: string;
  savedAt: number;
}

export class PanelCache extends Dexie {
  kv!: EntityTable<CachedValue, 'key'>;
  panels!: EntityTable<CachedPanel, 'key'>;
  recents!: EntityTable<RecentCustomer, 'key'>;
  drafts!: EntityTable<Draft, 'key'>;

  constructor() {
    super('tagdesk-panel');
    this.version(1).stores({ kv: 'key' });
    // Version 2 only adds tables: version 1's kv is kept as it was.
    this.version(2).stores({ kv: 'key', panels: 'key, member, savedAt', recents: 'key, member, openedAt', drafts: 'key' });
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

const PANELS_KEPT = 200;
const RECENTS_KEPT = 10;

export async function readPanel<T>(member: string, externalUserid: string): Promise<T | undefined> {
  try {
    return (await cache.panels.get(`${member}|${externalUserid}`))?.value as T | undefined;
  } catch {
    return undefined;
  }
}

export async function writePanel(member: string, externalUserid: string, value: unknown): Promise<void> {
  try {
    await cache.panels.put({ key: `${member}|${externalUserid}`, member, externalUserid, value, savedAt: Date.now() });
    const count = await cache.panels.where('member').equals(member).count();
    if (count > PANELS_KEPT) {
      const old = await cache.panels.where('member').equals(member).sortBy('savedAt');
      await cache.panels.bulkDelete(old.slice(0, count - PANELS_KEPT).map((p) => p.key));
    }
  } catch {
    /* caches are best effort */
  }
}

export async function readRecents(member: string): Promise<RecentCustomer[]> {
  try {
    const rows = await cache.recents.where('member').equals(member).sortBy('openedAt');
    return rows.reverse().slice(0, RECENTS_KEPT);
  } catch {
    return [];
  }
}

export async function rememberRecent(entry: Omit<RecentCustomer, 'key' | 'openedAt'>): Promise<RecentCustomer[]> {
  try {
    await cache.recents.put({ ...entry, key: `${entry.member}|${entry.externalUserid}`, openedAt: Date.now() });
    const rows = (await cache.recents.where('member').equals(entry.member).sortBy('openedAt')).reverse();
    if (rows.length > RECENTS_KEPT) await cache.recents.bulkDelete(rows.slice(RECENTS_KEPT).map((r) => r.key));
    return rows.slice(0, RECENTS_KEPT);
  } catch {
    return [];
  }
}

export const draftKey = (member: string, externalUserid: string, field: string): string => `${member}|${externalUserid}|${field}`;

export async function readDraft(key: string): Promise<string | undefined> {
  try {
    return (await cache.drafts.get(key))?.text;
  } catch {
    return undefined;
  }
}

export async function writeDraft(key: string, text: string): Promise<void> {
  try {
    if (text === '') await cache.drafts.delete(key);
    else await cache.drafts.put({ key, text, savedAt: Date.now() });
  } catch {
    /* drafts are best effort too: the field itself still holds the text */
  }
}
