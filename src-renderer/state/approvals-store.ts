// Approval requests: the member's own, and for supervisors the team's pending queue with its
// filters and multi-selection. Both re-read on `approvals.changed`.
import { create } from 'zustand';
import type { ApprovalView } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { userMessageOf } from '../util/errors';
import { ageMs } from '../util/format';

export type AgeFilter = 'all' | '1h' | '24h' | 'older';

export interface QueueFilters {
  member: string;
  category: string;
  age: AgeFilter;
}

export interface Decision {
  decision: 'approve' | 'reject';
  note?: string;
  replacementName?: string;
}

interface ApprovalsState {
  mine: ApprovalView[];
  mineLive: boolean;
  mineError: string | null;
  team: ApprovalView[];
  teamLive: boolean;
  teamError: string | null;
  filters: QueueFilters;
  selected: string[];
  /** Errors of the last decision, per request id, or for the whole batch under ''. */
  decideErrors: Record<string, string>;
  deciding: boolean;
  loadMine: () => Promise<void>;
  loadTeam: () => Promise<void>;
  setFilters: (f: Partial<QueueFilters>) => void;
  toggle: (id: string) => void;
  selectAll: (ids: string[]) => void;
  decide: (ids: string[], d: Decision) => Promise<boolean>;
}

const HOUR = 3_600_000;

export function filterQueue(list: ApprovalView[], f: QueueFilters, now = new Date()): ApprovalView[] {
  return list.filter((a) => {
    if (f.member && a.requester !== f.member) return false;
    if (f.category && !a.categories.includes(f.category)) return false;
    const age = ageMs(a.createdAt, now);
    if (f.age === '1h' && age > HOUR) return false;
    if (f.age === '24h' && age > 24 * HOUR) return false;
    if (f.age === 'older' && age <= 24 * HOUR) return false;
    return true;
  });
}

export const useApprovalsStore = create<ApprovalsState>((set, get) => ({
  mine: [],
  mineLive: true,
  mineError: null,
  team: [],
  teamLive: true,
  teamError: null,
  filters: { member: '', category: '', age: 'all' },
  selected: [],
  decideErrors: {},
  deciding: false,
  async loadMine() {
    const r = await getApi().call['approvals.list']({ scope: 'mine' });
    if (!r.ok) return set({ mineError: userMessageOf(r.error) });
    set({ mine: r.value.approvals, mineLive: r.value.live, mineError: null });
  },
  async loadTeam() {
    const r = await getApi().call['approvals.list']({ scope: 'team', status: 'pending' });
    if (!r.ok) return set({ teamError: userMessageOf(r.error) });
    const ids = new Set(r.value.approvals.map((a) => a.id));
    set((s) => ({ team: r.value.approvals, teamLive: r.value.live, teamError: null, selected: s.selected.filter((id) => ids.has(id)) }));
  },
  setFilters(f) {
    set((s) => ({ filters: { ...s.filters, ...f }, selected: [] }));
  },
  toggle(id) {
    set((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] }));
  },
  selectAll(ids) {
    set({ selected: ids });
  },
  async decide(ids, d) {
    set({ deciding: true, decideErrors: {} });
    const r = await getApi().call['approvals.decide']({
      ids,
      decision: d.decision,
      ...(d.note ? { note: d.note } : {}),
      ...(d.replacementName ? { replacementName: d.replacementName } : {}),
    });
    set({ deciding: false });
    if (!r.ok) {
      set({ decideErrors: Object.fromEntries(ids.map((id) => [id, userMessageOf(r.error)])) });
      return false;
    }
    set({ decideErrors: Object.fromEntries(r.value.failed.map((f) => [f.id, f.userMessage])) });
    set((s) => ({ selected: s.selected.filter((id) => !ids.includes(id) || r.value.failed.some((f) => f.id === id)) }));
    await get().loadTeam();
    return r.value.failed.length === 0;
  },
}));
