// The sync engine as the header shows it: queued and parked changes, stall, first load.
import { create } from 'zustand';
import type { SyncStatusView } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';

interface SyncState {
  status: SyncStatusView | null;
  load: () => Promise<void>;
  syncNow: () => Promise<void>;
  set: (status: SyncStatusView) => void;
}

export const useSyncStore = create<SyncState>((set) => ({
  status: null,
  async load() {
    const r = await getApi().call['sync.status']({});
    if (r.ok) set({ status: r.value });
  },
  async syncNow() {
    const r = await getApi().call['sync.now']({});
    if (r.ok) set({ status: r.value });
  },
  set(status) {
    set({ status });
  },
}));
