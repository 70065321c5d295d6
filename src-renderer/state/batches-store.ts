// Batches as the 批量 view shows them: the member's batches (admins: everyone's), the one open
// with its per-customer results, kept current by batch.progress events (and a slow poll while
// running, in case an event was missed), and the tag names the results are written with.
import { create } from 'zustand';
import type { Batch, BatchItem } from '../../src-shared/team-api/admin';
import { getApi } from '../api/client';
import { userMessageOf } from '../util/errors';

export type BatchAction = 'pause' | 'resume' | 'cancel' | 'undo';

interface BatchesState {
  batches: Batch[] | null;
  error: string | null;
  open: string | null;
  items: BatchItem[] | null;
  itemsFilter: BatchItem['status'] | '';
  actionError: string | null;
  /** Tag id → name, from the admin catalog. */
  tagNames: Map<string, string>;
  /** Customer names seen in previews, for the per-customer results (which carry ids only). */
  customerNames: Map<string, string>;
  rememberNames: (pairs: [string, string][]) => void;
  groups: { groupId: string; groupName: string; tags: { tagId: string; name: string }[] }[];
  load: () => Promise<void>;
  loadCatalog: () => Promise<void>;
  refresh: (id: string) => Promise<void>;
  show: (id: string | null) => void;
  upsert: (b: Batch) => void;
  loadItems: () => Promise<void>;
  /** The next page of results, when the list is scrolled to its end. */
  loadMoreItems: () => Promise<void>;
  setItemsFilter: (f: BatchItem['status'] | '') => void;
  act: (id: string, action: BatchAction) => Promise<Batch | null>;
}

let itemsSeq = 0;
/** Results per request (the channel's maximum). */
const PAGE = 1000;

export const useBatchesStore = create<BatchesState>((set, get) => ({
  batches: null,
  error: null,
  open: null,
  items: null,
  itemsFilter: '',
  actionError: null,
  tagNames: new Map(),
  customerNames: new Map(),
  rememberNames(pairs) {
    set((s) => ({ customerNames: new Map([...s.customerNames, ...pairs]) }));
  },
  groups: [],
  async load() {
    const r = await getApi().call['admin.batches.list']({});
    if (!r.ok) return set({ error: userMessageOf(r.error) });
    set({ batches: r.value.batches, error: null });
  },
  async loadCatalog() {
    const r = await getApi().call['admin.catalog.list']({});
    if (!r.ok) return;
    set({ groups: r.value.groups, tagNames: new Map(r.value.groups.flatMap((g) => g.tags.map((x) => [x.tagId, x.name] as const))) });
  },
  async refresh(id) {
    const r = await getApi().call['admin.batches.get']({ id });
    if (!r.ok) return;
    const before = get().batches?.find((b) => b.id === id);
    get().upsert(r.value);
    // Per-customer results follow the open batch as it settles (also when the items on screen
    // were read before the batch's last chunk settled).
    const shownPending = get().items?.filter((i) => i.status === 'pending').length ?? 0;
    const changed = !before || before.counts.pending !== r.value.counts.pending || before.status !== r.value.status;
    if (get().open === id && (changed || shownPending > r.value.counts.pending)) void get().loadItems();
  },
  show(open) {
    set({ open, items: null, itemsFilter: '', actionError: null });
    if (open) {
      void get().refresh(open);
      void get().loadItems();
    }
  },
  upsert(b) {
    set((s) => {
      const list = s.batches ?? [];
      const i = list.findIndex((x) => x.id === b.id);
      return { batches: i < 0 ? [b, ...list] : list.map((x) => (x.id === b.id ? b : x)) };
    });
  },
  async loadItems() {
    const { open, itemsFilter } = get();
    if (!open) return;
    const mine = ++itemsSeq;
    const r = await getApi().call['admin.batches.items']({ id: open, offset: 0, limit: PAGE, ...(itemsFilter ? { status: itemsFilter } : {}) });
    // The latest request wins: an older answer may predate the last settled chunk.
    if (r.ok && mine === itemsSeq && get().open === open) set({ items: r.value.items });
  },
  async loadMoreItems() {
    const { open, itemsFilter, items } = get();
    if (!open || !items || items.length === 0 || items.length % PAGE !== 0) return;
    const mine = ++itemsSeq;
    const r = await getApi().call['admin.batches.items']({ id: open, offset: items.length, limit: PAGE, ...(itemsFilter ? { status: itemsFilter } : {}) });
    if (r.ok && mine === itemsSeq && get().open === open) set({ items: [...items, ...r.value.items] });
  },
  setItemsFilter(itemsFilter) {
    set({ itemsFilter, items: null });
    void get().loadItems();
  },
  async act(id, action) {
    const r = await getApi().call[`admin.batches.${action}`]({ id });
    if (!r.ok) {
      set({ actionError: userMessageOf(r.error) });
      return null;
    }
    set({ actionError: null });
    get().upsert(r.value);
    // Undo makes a new batch and marks the old one undone: read the old one back too.
    if (action === 'undo') void get().refresh(id);
    return r.value;
  },
}));
