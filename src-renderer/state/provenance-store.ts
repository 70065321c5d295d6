// Where the automatic tags on the open customer came from (docs/automation.md): read from the
// team server after the panel loads, so a chip a rule put there shows its robot mark and opens
// its provenance. Offline or on error the chips simply show no mark; nothing local waits on it.
import { create } from 'zustand';
import type { Provenance } from '../../src-shared/team-api/automation';
import { getApi } from '../api/client';
import { useAppStore } from './app-store';

interface ProvenanceState {
  externalUserid: string | null;
  assignments: Provenance[];
  load: (externalUserid: string) => Promise<void>;
  clear: () => void;
}

export const useProvenanceStore = create<ProvenanceState>((set, get) => ({
  externalUserid: null,
  assignments: [],
  async load(externalUserid) {
    const userid = useAppStore.getState().member?.userid;
    if (!userid) return;
    if (get().externalUserid !== externalUserid) set({ externalUserid, assignments: [] });
    const r = await getApi().call['automation.provenance']({ externalUserid, userid });
    if (get().externalUserid !== externalUserid || !r.ok) return;
    set({ assignments: r.value.assignments });
  },
  clear() {
    set({ externalUserid: null, assignments: [] });
  },
}));

/** The rule assignment that put this tag on the member's relation and still stands (newest first), if any. */
export function activeAssignment(assignments: readonly Provenance[], tagId: string): Provenance | null {
  return assignments.find((p) => p.tagId === tagId && p.action === 'add' && p.revertedAt === null && p.expiredAt === null) ?? null;
}
