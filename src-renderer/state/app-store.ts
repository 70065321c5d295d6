// The panel's app-level state (who, connection, app facts), filled from main over the
// contract and kept current by main's events.
import { create } from 'zustand';
import type { AppInfo, Connection, IpcError, MemberSummary } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { readCached, writeCached } from '../cache/db';
import { t } from '../i18n/zh-CN';

interface AppState {
  info: AppInfo | null;
  member: MemberSummary | null;
  connection: Connection | null;
  error: IpcError | null;
  /** True once main has answered (not just the cache). */
  live: boolean;
  /** A short Chinese notice about the sign-in (in progress, blocked, revoked). */
  notice: string | null;
  load: () => Promise<void>;
  setConnection: (c: Connection) => void;
  setStoreHealth: (store: AppInfo['store']) => void;
  setMember: (m: MemberSummary | null, notice?: string | null) => void;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
}

type SetState = (partial: Partial<AppState> | ((s: AppState) => Partial<AppState>)) => void;

let inFlight: Promise<void> | null = null;
/** Counts session and connection events: a load answered before the latest of them must not undo it. */
let eventSeq = 0;

async function loadOnce(set: SetState): Promise<void> {
  const api = getApi();
  const seqAtStart = eventSeq;
  // Main's answer is the truth; the cache only paints the frame while it is on its way, so
  // both start at once and the cache never delays the live state.
  const answers = Promise.all([api.call['app.info']({}), api.call['session.current']({})]);
  void readCached<Pick<AppState, 'info' | 'member' | 'connection'>>('app').then((cached) => {
    if (cached) set((s) => (s.live ? s : { ...s, ...cached }));
  });
  const [info, session] = await answers;
  performance.mark('tagdesk:answered');
  if (!info.ok) return set({ error: info.error });
  if (!session.ok) return set({ error: session.error });
  const next = { info: info.value, member: session.value.member, connection: session.value.connection };
  // A sign-in, sign-out or connection change pushed while this load was on its way is newer than its answer.
  if (eventSeq === seqAtStart) set({ ...next, error: null, live: true });
  else set({ info: info.value, error: null, live: true });
  await writeCached('app', next);
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  member: null,
  connection: null,
  error: null,
  live: false,
  notice: null,
  load() {
    // One load at a time: start-up begins it before the first render, the panel's effect joins it.
    inFlight ??= loadOnce(set).finally(() => (inFlight = null));
    return inFlight;
  },
  setConnection(connection) {
    eventSeq++;
    set({ connection });
  },
  setStoreHealth(store) {
    set((s) => (s.info ? { info: { ...s.info, store } } : s));
  },
  setMember(member, notice = null) {
    eventSeq++;
    set({ member, notice });
  },
  async signIn() {
    const r = await getApi().call['session.beginSignIn']({});
    if (!r.ok) return set({ notice: r.error.userMessage });
    if (!r.value.opened) {
      // Browser mode: open WeCom's login page ourselves (this runs in the click's gesture).
      const popup = window.open(r.value.url, 'tagdesk-login', 'popup,width=480,height=680');
      if (!popup) return set({ notice: t.signInBlocked });
    }
    set({ notice: t.signingIn });
  },
  async signOut() {
    const r = await getApi().call['session.signOut']({});
    if (!r.ok) return set({ notice: r.error.userMessage });
    set({ member: null, notice: null });
  },
}));
