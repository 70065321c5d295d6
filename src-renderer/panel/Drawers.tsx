// The bottom tab row (历史 · 冲突 · 我的审批) and the drawer it opens over the customer.
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { useCustomerStore } from '../state/customer-store';
import { useSyncStore } from '../state/sync-store';
import { useUiStore, type Drawer } from '../state/ui-store';
import { ConflictsDrawer } from './ConflictsDrawer';
import { HistoryDrawer } from './HistoryDrawer';
import { Icon } from './Icon';
import { MyApprovals } from './MyApprovals';

const TITLES: Record<Exclude<Drawer, null | 'remark'>, string> = { history: t.historyTitle, conflicts: t.conflictsTitle, mine: t.mineTitle };

export function DrawerTabs() {
  const { drawer, openDrawer } = useUiStore();
  const currentId = useCustomerStore((s) => s.currentId);
  const parked = useSyncStore((s) => s.status?.parked ?? 0);
  const minePending = useApprovalsStore((s) => s.mine.filter((a) => a.status === 'pending' || a.status === 'queued').length);
  const tab = (d: Exclude<Drawer, null | 'remark'>, label: string, disabled = false) => (
    <button type="button" role="tab" aria-selected={drawer === d} className={`tab ${drawer === d ? 'active' : ''}`} disabled={disabled} data-testid={`tab-${d}`} onClick={() => openDrawer(drawer === d ? null : d)}>
      {label}
    </button>
  );
  return (
    <nav className="tabs" role="tablist" aria-label={t.historyTitle}>
      {tab('history', t.tabHistory, !currentId)}
      <span className="tab-sep" aria-hidden="true">·</span>
      {tab('conflicts', t.tabConflicts(parked))}
      <span className="tab-sep" aria-hidden="true">·</span>
      {tab('mine', t.tabMine(minePending))}
    </nav>
  );
}

export function DrawerPanel() {
  const { drawer, openDrawer } = useUiStore();
  const currentId = useCustomerStore((s) => s.currentId);
  if (!drawer || drawer === 'remark') return null;
  return (
    <section className="drawer" role="dialog" aria-label={TITLES[drawer]} data-testid={`drawer-${drawer}`}>
      <div className="drawer-head">
        <strong>{TITLES[drawer]}</strong>
        <button type="button" className="icon-btn" aria-label={t.close} onClick={() => openDrawer(null)}>
          <Icon name="x" />
        </button>
      </div>
      {drawer === 'history' && currentId ? <HistoryDrawer externalUserid={currentId} /> : null}
      {drawer === 'conflicts' ? <ConflictsDrawer /> : null}
      {drawer === 'mine' ? <MyApprovals /> : null}
    </section>
  );
}
