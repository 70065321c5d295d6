// The open customer's mute verdict (计算在本机) and lifting it for a few hours with a reason.
import { create } from 'zustand';
import type { MuteVerdictView } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { userMessageOf } from '../util/errors';

interface MuteState {
  verdict: MuteVerdictView | null;
  error: string | null;
  load: (externalUserid: string) => Promise<void>;
  lift: (externalUserid: string, reason: string, hours: number) => Promise<boolean>;
}

let seq = 0;

export const useMuteStore = create<MuteState>((set) => ({
  verdict: null,
  error: null,
  async load(externalUserid) {
    const mine = ++seq;
    const r = await getApi().call['mute.verdict']({ externalUserid });
    if (mine !== seq) return;
    // No verdict line is better than a wrong one: a failure here hides the line.
    set({ verdict: r.ok ? r.value : null });
  },
  async lift(externalUserid, reason, hours) {
    const r = await getApi().call['mute.lift']({ externalUserid, reason, hours, ...(useMuteStore.getState().verdict?.liftCovers ? { covers: useMuteStore.getState().verdict!.liftCovers! } : {}) });
    if (!r.ok) {
      set({ error: userMessageOf(r.error) });
      return false;
    }
    set({ error: null, ...(r.value.verdict ? { verdict: r.value.verdict } : {}) });
    return true;
  },
}));
