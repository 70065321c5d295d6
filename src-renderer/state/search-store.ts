// Customer search: the query as typed (searched on every keystroke once IME composition
// ends), the hits with the highlighted row, and the recent customers shown when it is empty.
import { create } from 'zustand';
import type { SearchHit } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { readRecents, type RecentCustomer } from '../cache/db';
import { userMessageOf } from '../util/errors';

/** A row of the list: a search hit, or a recent customer (no match hint). */
export type SearchItem = Omit<SearchHit, 'match'> & { match: SearchHit['match'] | null };

interface SearchState {
  query: string;
  hits: SearchItem[];
  total: number;
  recents: SearchItem[];
  active: number;
  /** The list is showing (focus in the box, or a query typed). */
  open: boolean;
  error: string | null;
  setQuery: (query: string, composing: boolean) => void;
  search: (query: string) => Promise<void>;
  move: (delta: number) => void;
  setActive: (i: number) => void;
  setOpen: (open: boolean) => void;
  clear: () => void;
  loadRecents: (member: string) => Promise<void>;
  setRecents: (rows: RecentCustomer[]) => void;
  /** The rows on screen: hits for a query, recents for an empty box. */
  items: () => SearchItem[];
}

const toItem = (r: RecentCustomer): SearchItem => ({
  externalUserid: r.externalUserid,
  name: r.name,
  corpName: r.corpName,
  remark: r.remark,
  mobileTail: r.mobileTail,
  match: null,
});

let seq = 0;

export const useSearchStore = create<SearchState>((set, get) => ({
  query: '',
  hits: [],
  total: 0,
  recents: [],
  active: 0,
  open: false,
  error: null,
  setQuery(query, composing) {
    set({ query, open: true });
    // Mid-composition the box holds pinyin letters, not what the member means: wait.
    if (!composing) void get().search(query);
  },
  async search(query) {
    const mine = ++seq;
    if (query.trim() === '') {
      set({ hits: [], total: 0, active: 0, error: null });
      return;
    }
    const r = await getApi().call['customers.search']({ query: query.trim(), limit: 20 });
    if (mine !== seq) return; // a later keystroke's answer wins
    if (!r.ok) return set({ error: userMessageOf(r.error), hits: [], total: 0 });
    set({ hits: r.value.hits, total: r.value.total, active: 0, error: null });
  },
  move(delta) {
    const n = get().items().length;
    if (n === 0) return;
    set((s) => ({ active: (s.active + delta + n) % n, open: true }));
  },
  setActive(active) {
    set({ active });
  },
  setOpen(open) {
    set({ open });
  },
  clear() {
    seq++;
    set({ query: '', hits: [], total: 0, active: 0, error: null });
  },
  async loadRecents(member) {
    const rows = await readRecents(member);
    set({ recents: rows.map(toItem) });
  },
  setRecents(rows) {
    set({ recents: rows.map(toItem) });
  },
  items() {
    const s = get();
    return s.query.trim() === '' ? s.recents : s.hits;
  },
}));
