// The views a member may switch between: the customer for everyone, mute rules (their own
// quiet hours, or every rule for admins) and mass messages; supervisors and admins also get
// their team's approval queue, the team's record and bulk work.
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { useUiStore, type View } from '../state/ui-store';

/** The views a role may open, in tab order. */
export function viewsFor(supervisor: boolean): View[] {
  return supervisor ? ['customer', 'approvals', 'team', 'mute', 'messages', 'bulk'] : ['customer', 'mute', 'messages'];
}

const LABEL: Record<View, string> = {
  customer: t.viewCustomer,
  approvals: t.viewApprovals,
  team: t.viewTeam,
  mute: t.viewMute,
  messages: t.viewMessages,
  bulk: t.viewBulk,
};

export function ViewTabs({ supervisor }: { supervisor: boolean }) {
  const { view, setView } = useUiStore();
  const pending = useApprovalsStore((s) => s.team.length);
  const views = viewsFor(supervisor);
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab leaves the list.
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = views.indexOf(view);
    const next = views[(i + (e.key === 'ArrowRight' ? 1 : views.length - 1)) % views.length]!;
    setView(next);
    document.querySelector<HTMLButtonElement>(`[data-testid="view-${next}"]`)?.focus();
    e.preventDefault();
  };
  return (
    <nav className="vtabs" role="tablist" aria-label={t.viewsLabel} onKeyDown={onKeyDown}>
      {views.map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={view === v}
          tabIndex={view === v ? 0 : -1}
          className={`vtab ${view === v ? 'active' : ''}`}
          data-testid={`view-${v}`}
          onClick={() => setView(v)}
        >
          {LABEL[v]}
          {v === 'approvals' && pending ? <span className="vtab-count">{pending}</span> : null}
        </button>
      ))}
    </nav>
  );
}
