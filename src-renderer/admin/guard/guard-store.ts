// The 告警 screen's state: alerts by status, suspended members, the revert batches being
// followed, and customer names read from this device's store for the affected customers.
import { create } from 'zustand';
import type { Batch } from '../../../src-shared/team-api/admin';
import type { GuardAlertView } from '../../../src-shared/team-api/guard';
import type { z } from 'zod';
import type { suspensionSchema } from '../../../src-shared/team-api/guard';
import { getApi } from '../../api/client';
import { userMessageOf } from '../../util/errors';

export type Suspension = z.infer<typeof suspensionSchema>;
export type AlertList = 'open' | 'closed';

interface GuardState {
  open: GuardAlertView[] | null;
  closed: GuardAlertView[] | null;
  suspensions: Suspension[] | null;
  error: string | null;
  /** Per alert or member: the last action's error, shown beside it. */
  actionErrors: Record<string, string>;
  busy: string | null;
  /** Revert batches by id, kept current by batch.progress events and a poll while running. */
  batches: Record<string, Batch>;
  /** Customer names this device knows (null: looked up, not here). */
  names: Record<string, string | null>;
  load: () => Promise<void>;
  loadSuspensions: () => Promise<void>;
  /** Reads one alert again (an open alert grows while its window is open). */
  refreshAlert: (id: string) => Promise<void>;
  revert: (id: string) => Promise<Batch | null>;
  dismiss: (id: string, note: string) => Promise<boolean>;
  lift: (userid: string, note: string) => Promise<boolean>;
  refreshBatch: (id: string) => Promise<void>;
  lookupNames: (ids: string[]) => Promise<void>;
}

const upsert = (list: GuardAlertView[] | null, a: GuardAlertView) => (list ?? []).some((x) => x.id === a.id) ? (list ?? []).map((x) => (x.id === a.id ? a : x)) : [a, ...(list ?? [])];

export const useGuardStore = create<GuardState>((set, get) => ({
  open: null,
  closed: null,
  suspensions: null,
  error: null,
  actionErrors: {},
  busy: null,
  batches: {},
  names: {},
  async load() {
    const call = getApi().call;
    const [open, reverted, dismissed] = await Promise.all([call['guard.alerts']({ status: 'open' }), call['guard.alerts']({ status: 'reverted', limit: 100 }), call['guard.alerts']({ status: 'dismissed', limit: 100 })]);
    if (!open.ok) return set({ error: userMessageOf(open.error) });
    const closed = [...(reverted.ok ? reverted.value.alerts : []), ...(dismissed.ok ? dismissed.value.alerts : [])].sort((a, b) => (b.resolvedAt ?? b.updatedAt).localeCompare(a.resolvedAt ?? a.updatedAt));
    set({ open: open.value.alerts, closed, error: null });
    for (const a of closed) if (a.revertBatchId && !get().batches[a.revertBatchId]) void get().refreshBatch(a.revertBatchId);
  },
  async loadSuspensions() {
    const r = await getApi().call['guard.suspensions']({});
    if (!r.ok) return set({ error: userMessageOf(r.error) });
    set({ suspensions: r.value.suspensions });
  },
  async refreshAlert(id) {
    const r = await getApi().call['guard.alert']({ id });
    if (!r.ok) return;
    const a = r.value;
    set((s) => (a.status === 'open' ? { open: upsert(s.open, a) } : { open: (s.open ?? []).filter((x) => x.id !== id), closed: upsert(s.closed, a) }));
  },
  async revert(id) {
    set({ busy: id });
    const r = await getApi().call['guard.revert']({ id });
    set({ busy: null });
    if (!r.ok) {
      set((s) => ({ actionErrors: { ...s.actionErrors, [id]: userMessageOf(r.error) } }));
      return null;
    }
    const { alert, batch } = r.value;
    set((s) => ({
      open: (s.open ?? []).filter((x) => x.id !== id),
      closed: upsert(s.closed, alert),
      batches: { ...s.batches, [batch.id]: batch },
      actionErrors: { ...s.actionErrors, [id]: '' },
    }));
    return batch;
  },
  async dismiss(id, note) {
    set({ busy: id });
    const r = await getApi().call['guard.dismiss']({ id, note });
    set({ busy: null });
    if (!r.ok) {
      set((s) => ({ actionErrors: { ...s.actionErrors, [id]: userMessageOf(r.error) } }));
      return false;
    }
    set((s) => ({ open: (s.open ?? []).filter((x) => x.id !== id), closed: upsert(s.closed, r.value), actionErrors: { ...s.actionErrors, [id]: '' } }));
    return true;
  },
  async lift(userid, note) {
    set({ busy: userid });
    const r = await getApi().call['guard.lift']({ userid, ...(note.trim() ? { note: note.trim() } : {}) });
    set({ busy: null });
    if (!r.ok) {
      set((s) => ({ actionErrors: { ...s.actionErrors, [userid]: userMessageOf(r.error) } }));
      return false;
    }
    set((s) => ({ suspensions: (s.suspensions ?? []).filter((x) => x.userid !== userid), actionErrors: { ...s.actionErrors, [userid]: '' } }));
    return true;
  },
  async refreshBatch(id) {
    const r = await getApi().call['admin.batches.get']({ id });
    if (r.ok) set((s) => ({ batches: { ...s.batches, [id]: r.value } }));
  },
  async lookupNames(ids) {
    const missing = ids.filter((id) => !(id in get().names));
    if (missing.length === 0) return;
    // Mark them first so a re-render does not ask twice.
    set((s) => ({ names: { ...s.names, ...Object.fromEntries(missing.map((id) => [id, null])) } }));
    const found = await Promise.all(missing.map(async (id) => {
      const r = await getApi().call['customers.panel']({ externalUserid: id });
      return [id, r.ok ? r.value.customer.name : null] as const;
    }));
    set((s) => ({ names: { ...s.names, ...Object.fromEntries(found.filter(([, n]) => n !== null)) } }));
  },
}));
