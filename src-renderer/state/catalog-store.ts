// The enterprise catalog as this member may use it: the options of single-choice groups and
// which groups accept a request for a new tag. Re-read on `catalog.changed`.
import { create } from 'zustand';
import type { GroupAccess } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';

export type CatalogGroup = GroupAccess & { tags: { tagId: string; name: string }[] };

interface CatalogState {
  groups: CatalogGroup[];
  load: () => Promise<void>;
}

export const useCatalogStore = create<CatalogState>((set) => ({
  groups: [],
  async load() {
    const r = await getApi().call['catalog.groups']({});
    if (r.ok) set({ groups: r.value.groups });
  },
}));
