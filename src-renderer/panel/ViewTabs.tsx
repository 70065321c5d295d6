// Supervisors and admins switch between the customer, their team's approval queue and the
// team's record.
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { useUiStore, type View } from '../state/ui-store';

export function ViewTabs() {
  const { view, setView } = useUiStore();
  const pending = useApprovalsStore((s) => s.team.length);
  const tab = (v: View, label: string, count?: number) => (
    <button type="button" role="tab" aria-selected={view === v} className={`vtab ${view === v ? 'active' : ''}`} data-testid={`view-${v}`} onClick={() => setView(v)}>
      {label}
      {count ? <span className="vtab-count">{count}</span> : null}
    </button>
  );
  return (
    <nav className="vtabs" role="tablist" aria-label={t.viewApprovals}>
      {tab('customer', t.viewCustomer)}
      {tab('approvals', t.viewApprovals, pending)}
      {tab('team', t.viewTeam)}
    </nav>
  );
}
