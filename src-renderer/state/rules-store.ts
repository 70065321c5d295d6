// Mute rules as the 屏蔽 view shows them: the rules in the cached policy (with whether each is
// editable and any problem), the holiday calendars, and the temporary lifts in force.
import { create } from 'zustand';
import type { MuteRuleView } from '../../src-shared/ipc/index';
import type { HolidayCalendar } from '../../src-shared/policy/mute-rule';
import type { MuteLift } from '../../src-shared/mute/lift';
import { getApi } from '../api/client';
import { userMessageOf } from '../util/errors';

interface RulesState {
  rules: MuteRuleView[] | null;
  calendars: HolidayCalendar[];
  canEditCompany: boolean;
  error: string | null;
  lifts: MuteLift[];
  liftsFresh: boolean;
  liftsError: string | null;
  /** The rule open in the editor: an id, 'new', or null for the list. */
  editing: string | null;
  load: () => Promise<void>;
  loadLifts: () => Promise<void>;
  endLift: (id: string) => Promise<boolean>;
  edit: (id: string | null) => void;
}

export const useRulesStore = create<RulesState>((set) => ({
  rules: null,
  calendars: [],
  canEditCompany: false,
  error: null,
  lifts: [],
  liftsFresh: true,
  liftsError: null,
  editing: null,
  async load() {
    const r = await getApi().call['mute.rules']({});
    if (!r.ok) return set({ error: userMessageOf(r.error) });
    set({ rules: r.value.rules, calendars: r.value.calendars, canEditCompany: r.value.canEditCompany, error: null });
  },
  async loadLifts() {
    const r = await getApi().call['mute.lifts']({});
    if (!r.ok) return set({ liftsError: userMessageOf(r.error) });
    set({ lifts: r.value.lifts, liftsFresh: r.value.fresh, liftsError: null });
  },
  async endLift(id) {
    const r = await getApi().call['mute.endLift']({ id });
    if (!r.ok) {
      set({ liftsError: userMessageOf(r.error) });
      return false;
    }
    set((s) => ({ lifts: s.lifts.filter((l) => l.id !== id), liftsError: null }));
    return true;
  },
  edit(editing) {
    set({ editing });
  },
}));
