// The open customer: its panel (painted from the Dexie cache first, then from main), and the
// tag and remark changes made on it. Every change goes to main; the panel is read again after.
import { create } from 'zustand';
import type { IpcError, IpcResult, PanelView } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { readPanel, rememberRecent, writePanel } from '../cache/db';
import { userMessageOf } from '../util/errors';
import { useAppStore } from './app-store';
import { useProvenanceStore } from './provenance-store';
import { useSearchStore } from './search-store';

/** Where an error is shown: next to the column, the remark editor or the customer header. */
export type ErrorPlace = 'enterprise' | 'personal' | 'remark' | 'customer';

interface CustomerState {
  currentId: string | null;
  panel: PanelView | null;
  /** True while the panel on screen is the cached one and main has not answered yet. */
  fromCache: boolean;
  loadError: string | null;
  actionError: { place: ErrorPlace; message: string } | null;
  /** Tag ids (or `p:<id>` for personal) whose change is on its way to main. */
  busy: string[];
  open: (externalUserid: string) => Promise<void>;
  reload: () => Promise<void>;
  refreshFromWeCom: () => Promise<void>;
  close: () => void;
  applyTag: (tagId: string) => Promise<boolean>;
  removeTag: (tagId: string) => Promise<boolean>;
  assignPersonal: (tagId: number) => Promise<boolean>;
  unassignPersonal: (tagId: number) => Promise<boolean>;
  createPersonal: (name: string) => Promise<boolean>;
  setRemark: (change: { remark?: string; description?: string }) => Promise<boolean>;
  clearActionError: () => void;
}

const memberId = (): string | null => useAppStore.getState().member?.userid ?? null;

/** Keeps the address bar's `#/customer/<id>` in step with the open customer (deep links). */
function writeHash(externalUserid: string | null): void {
  const hash = externalUserid ? `#/customer/${encodeURIComponent(externalUserid)}` : '';
  if (window.location.hash !== hash) history.replaceState(null, '', window.location.pathname + window.location.search + hash);
}

export const useCustomerStore = create<CustomerState>((set, get) => {
  /** Runs a change on the open customer, shows its error in place, and re-reads the panel. */
  async function change(place: ErrorPlace, busyKey: string, run: (id: string) => Promise<IpcResult<unknown>>): Promise<boolean> {
    const id = get().currentId;
    if (!id) return false;
    set((s) => ({ busy: [...s.busy, busyKey], actionError: null }));
    let error: IpcError | null = null;
    try {
      const r = await run(id);
      if (!r.ok) error = r.error;
    } finally {
      set((s) => ({ busy: s.busy.filter((b) => b !== busyKey) }));
    }
    if (error) {
      set({ actionError: { place, message: userMessageOf(error) } });
      return false;
    }
    if (get().currentId === id) await get().reload();
    return true;
  }

  return {
    currentId: null,
    panel: null,
    fromCache: false,
    loadError: null,
    actionError: null,
    busy: [],

    async open(externalUserid) {
      const member = memberId();
      if (!member) return;
      const switching = get().currentId !== externalUserid;
      set({ currentId: externalUserid, loadError: null, actionError: null, ...(switching ? { panel: null, fromCache: false } : {}) });
      writeHash(externalUserid);
      if (switching) {
        const cached = await readPanel<PanelView>(member, externalUserid);
        if (cached && get().currentId === externalUserid && !get().panel) set({ panel: cached, fromCache: true });
      }
      await get().reload();
      const panel = get().panel;
      if (panel && get().currentId === externalUserid) {
        const recents = await rememberRecent({
          member,
          externalUserid,
          name: panel.customer.name,
          corpName: panel.customer.corpName,
          remark: panel.own?.remark ?? null,
          mobileTail: panel.own?.mobileTail ?? null,
        });
        useSearchStore.getState().setRecents(recents);
      }
    },

    async reload() {
      const id = get().currentId;
      const member = memberId();
      if (!id || !member) return;
      const r = await getApi().call['customers.panel']({ externalUserid: id });
      if (get().currentId !== id) return; // the member moved on meanwhile
      if (!r.ok) {
        set({ loadError: userMessageOf(r.error) });
        return;
      }
      set({ panel: r.value, fromCache: false, loadError: null });
      // Which chips a rule put there comes from the team server; the panel does not wait for it.
      void useProvenanceStore.getState().load(id);
      await writePanel(member, id, r.value);
    },

    async refreshFromWeCom() {
      const id = get().currentId;
      if (!id) return;
      const r = await getApi().call['customers.refresh']({ externalUserid: id });
      if (get().currentId !== id) return;
      if (!r.ok) return set({ actionError: { place: 'customer', message: userMessageOf(r.error) } });
      set({ panel: r.value, fromCache: false });
      void useProvenanceStore.getState().load(id);
    },

    close() {
      set({ currentId: null, panel: null, fromCache: false, loadError: null, actionError: null });
      useProvenanceStore.getState().clear();
      writeHash(null);
    },

    applyTag: (tagId) => change('enterprise', tagId, (externalUserid) => getApi().call['tags.apply']({ externalUserid, tagId })),
    removeTag: (tagId) => change('enterprise', tagId, (externalUserid) => getApi().call['tags.remove']({ externalUserid, tagId })),
    assignPersonal: (tagId) => change('personal', `p:${tagId}`, (externalUserid) => getApi().call['personal.assign']({ externalUserid, tagId })),
    unassignPersonal: (tagId) => change('personal', `p:${tagId}`, (externalUserid) => getApi().call['personal.unassign']({ externalUserid, tagId })),
    createPersonal: (name) => change('personal', 'p:new', (externalUserid) => getApi().call['personal.create']({ name, externalUserid })),
    setRemark: (c) => change('remark', 'remark', (externalUserid) => getApi().call['remark.set']({ externalUserid, ...c })),

    clearActionError() {
      set({ actionError: null });
    },
  };
});
