// The panel's app-level state (who, connection, app facts), filled from main over the
// contract and kept current by main's events.
import { create } from 'zustand';
import type { AppInfo, Connection, IpcError, MemberSummary } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { readCached, writeCached } from '../cache/db';

interface AppState {
  info: AppInfo | null;
  member: MemberSummary | null;
  connection: Connection | null;
  error: IpcError | null;
  /** True once main has answered (not just the cache). */
  live: boolean;
  load: () => Promise<void>;
  setConnection: (c: Connection) => void;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  member: null,
  connection: null,
  error: null,
  live: false,
  async load() {
    const cached = await readCached<Pick<AppState, 'info' | 'member' | 'connection'>>('app');
    if (cached) set((s) => (s.live ? s : { ...s, ...cached }));
    const api = getApi();
    const [info, session] = await Promise.all([api.call['app.info']({}), api.call['session.current']({})]);
    if (!info.ok) return set({ error: info.error });
    if (!session.ok) return set({ error: session.error });
    const next = { info: info.value, member: session.value.member, connection: session.value.connection };
    set({ ...next, error: null, live: true });
    await writeCached('app', next);
  },
  setConnection(connection) {
    set({ connection });
  },
}));
