// The conflicts inbox: changes WeCom refused or overtook, each with the choices main offers.
import { create } from 'zustand';
import type { ConflictView } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { userMessageOf } from '../util/errors';

export type ConflictChoice =
  | { kind: 'pick-replacement'; tagId: string; groupId: string | null }
  | { kind: 'create-tag' }
  | { kind: 'retry' }
  | { kind: 'drop'; reason: string };

interface ConflictsState {
  conflicts: ConflictView[];
  loaded: boolean;
  error: string | null;
  /** Per conflict id: the error of its last resolve attempt. */
  rowErrors: Record<number, string>;
  load: () => Promise<void>;
  resolve: (id: number, choice: ConflictChoice) => Promise<boolean>;
}

export const useConflictsStore = create<ConflictsState>((set, get) => ({
  conflicts: [],
  loaded: false,
  error: null,
  rowErrors: {},
  async load() {
    const r = await getApi().call['conflicts.list']({});
    if (!r.ok) return set({ error: userMessageOf(r.error), loaded: true });
    set({ conflicts: r.value.conflicts, error: null, loaded: true });
  },
  async resolve(id, choice) {
    const r = await getApi().call['conflicts.resolve']({ id, choice });
    if (!r.ok) {
      set((s) => ({ rowErrors: { ...s.rowErrors, [id]: userMessageOf(r.error) } }));
      return false;
    }
    set((s) => {
      const { [id]: _gone, ...rest } = s.rowErrors;
      return { rowErrors: rest };
    });
    await get().load();
    return true;
  },
}));
