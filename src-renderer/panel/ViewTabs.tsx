// The views a member may switch between. The top row holds the customer and the everyday
// views of the member's role; supervisors and admins also get 管理, whose sections (bulk work,
// the catalog, alerts…) sit in a second row beneath it. Both rows follow the WAI-ARIA tabs
// pattern: arrow keys move between tabs, Tab leaves the row.
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { useUiStore } from '../state/ui-store';
import { viewsFor } from '../views/registry';
import type { Role } from '../views/types';

interface Tab {
  id: string;
  label: string;
  /** The view shown when the tab is chosen. */
  target: string;
}

function TabRow({ tabs, active, label, className, onPick }: { tabs: Tab[]; active: string; label: string; className: string; onPick: (tab: Tab) => void }) {
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = Math.max(0, tabs.findIndex((x) => x.id === active));
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
    onPick(next);
    document.querySelector<HTMLButtonElement>(`[data-testid="view-${next.id}"]`)?.focus();
    e.preventDefault();
  };
  const pending = useApprovalsStore((s) => s.team.length);
  return (
    <nav className={className} role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={active === tab.id}
          tabIndex={active === tab.id ? 0 : -1}
          className={`vtab ${active === tab.id ? 'active' : ''}`}
          data-testid={`view-${tab.id}`}
          onClick={() => onPick(tab)}
        >
          {tab.label}
          {tab.id === 'approvals' && pending ? <span className="vtab-count">{pending}</span> : null}
        </button>
      ))}
    </nav>
  );
}

/** The view actually shown: one the role may open, else the customer. */
export function shownViewFor(role: Role | null, view: string): string {
  const { main, admin } = viewsFor(role);
  return [...main, ...admin].some((v) => v.id === view) ? view : 'customer';
}

export function ViewTabs({ role }: { role: Role }) {
  const { view, lastAdminView, setView } = useUiStore();
  const { main, admin } = viewsFor(role);
  const shown = shownViewFor(role, view);
  const inAdmin = admin.some((v) => v.id === shown);
  const top: Tab[] = [{ id: 'customer', label: t.viewCustomer, target: 'customer' }, ...main.map((v) => ({ id: v.id, label: v.label, target: v.id }))];
  if (admin.length > 0) {
    const target = admin.some((v) => v.id === lastAdminView) ? lastAdminView! : admin[0]!.id;
    top.push({ id: 'admin', label: t.viewAdmin, target });
  }
  const pick = (tab: Tab) => setView(tab.target);
  return (
    <>
      <TabRow tabs={top} active={inAdmin ? 'admin' : shown} label={t.viewsLabel} className="vtabs" onPick={pick} />
      {inAdmin ? (
        <TabRow tabs={admin.map((v) => ({ id: v.id, label: v.label, target: v.id }))} active={shown} label={t.viewAdminSections} className="vtabs vtabs-sub" onPick={pick} />
      ) : null}
    </>
  );
}
