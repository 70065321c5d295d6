// The 告警 screen for supervisors and admins: open alerts about the members they oversee,
// handled ones with the revert's outcome, and members whose tagging is suspended. Kept live by
// the guard.alert app event (a new alert, a suspension or its lift) and batch.progress.
import { useEffect, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { getApi } from '../../api/client';
import { Icon } from '../../panel/Icon';
import { useUiStore } from '../../state/ui-store';
import { AlertCard } from './AlertCard';
import { Suspensions } from './Suspensions';
import { useGuardStore } from './guard-store';
import '../../styles/guard.css';

type Sub = 'open' | 'closed' | 'suspended';
const SUBS: Sub[] = ['open', 'closed', 'suspended'];
const POLL_MS = 1500;
/** An open alert keeps growing while its window is open, without a new event: read the list again now and then. */
const OPEN_POLL_MS = 10_000;

export function GuardView() {
  const [sub, setSub] = useState<Sub>('open');
  const { open, closed, suspensions, error, load, loadSuspensions, batches, refreshBatch } = useGuardStore();

  useEffect(() => {
    void load();
    void loadSuspensions();
    return getApi().onEvent((event) => {
      if (event.type === 'guard.alert') {
        if (event.status === 'open' && !useGuardStore.getState().open?.some((a) => a.id === event.alertId)) useUiStore.getState().showToast(t.guard.newAlert(event.summary));
        void useGuardStore.getState().load();
        if (event.alertKind === 'suspension' || event.alertKind === 'blocked_attempts') void useGuardStore.getState().loadSuspensions();
      } else if (event.type === 'batch.progress' && useGuardStore.getState().batches[event.batchId]) {
        void useGuardStore.getState().refreshBatch(event.batchId);
      }
    });
  }, [load, loadSuspensions]);

  // A revert still running is read again now and then, in case a progress event was missed.
  const running = Object.values(batches).filter((b) => b.status === 'running').map((b) => b.id).join(',');
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => running.split(',').forEach((id) => void refreshBatch(id)), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refreshBatch]);

  const watching = sub === 'open' && (open?.length ?? 0) > 0;
  useEffect(() => {
    if (!watching) return;
    const timer = setInterval(() => void load(), OPEN_POLL_MS);
    return () => clearInterval(timer);
  }, [watching, load]);

  const count = (s: Sub) => (s === 'open' ? open?.length : s === 'closed' ? closed?.length : suspensions?.length) ?? 0;
  const list = sub === 'open' ? open : closed;
  return (
    <div className="admin guard" data-testid="guard">
      <div className="subtabs" role="tablist" aria-label={t.guard.title}>
        {SUBS.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={sub === s} className={`subtab ${sub === s ? 'active' : ''}`} data-testid={`guard-tab-${s}`} onClick={() => setSub(s)}>
            {t.guard.tabs[s]}
            {count(s) > 0 ? <span className={`gcount ${s === 'open' || s === 'suspended' ? 'gcount-hot' : ''}`}>{count(s)}</span> : null}
          </button>
        ))}
        <button type="button" className="icon-btn grefresh" aria-label={t.guard.refresh} title={t.guard.refresh} onClick={() => void Promise.all([load(), loadSuspensions()])}>
          <Icon name="refresh" size={12} />
        </button>
      </div>
      {error ? (
        <p className="inline-error pad" role="alert">
          {t.guard.loadFailed}：{error}
        </p>
      ) : null}
      {sub === 'suspended' ? (
        <Suspensions />
      ) : list === null ? (
        error ? null : <p className="muted pad">{t.loading}</p>
      ) : list.length === 0 ? (
        <div className="gempty">
          <span className="gempty-icon" aria-hidden="true">
            <Icon name="check" size={16} />
          </span>
          <p>{sub === 'open' ? t.guard.emptyOpen : t.guard.emptyClosed}</p>
        </div>
      ) : (
        <ul className="alist glist" data-testid={`guard-list-${sub}`}>
          {list.map((a) => (
            <AlertCard key={a.id} alert={a} />
          ))}
        </ul>
      )}
    </div>
  );
}
