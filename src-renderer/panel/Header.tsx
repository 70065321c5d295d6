// The panel's top bar: who is signed in, the connection, queued changes, a stalled sync and
// open conflicts. It is also the drag handle of the frameless window.
import type { Connection, MemberSummary } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { useSyncStore } from '../state/sync-store';
import { useUiStore } from '../state/ui-store';
import { Icon } from './Icon';

export function Header({ member, connection }: { member: MemberSummary | null; connection: Connection | null }) {
  const state = connection?.state ?? 'connecting';
  const sync = useSyncStore((s) => s.status);
  const syncNow = useSyncStore((s) => s.syncNow);
  const openDrawer = useUiStore((s) => s.openDrawer);
  const toggleHelp = useUiStore((s) => s.toggleHelp);
  const queued = Math.max(connection?.queued ?? 0, member ? (sync?.queued ?? 0) : 0);
  const parked = member ? (sync?.parked ?? 0) : 0;
  return (
    <header className="header drag" data-testid="panel-header">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">T</span>
      </div>
      <div className="who" data-testid="member">
        {member ? (
          <>
            <span className="who-name">{member.name}</span>
            <span className="who-dept"> · {member.departmentName}</span>
          </>
        ) : (
          <span className="who-none">{t.notSignedIn}</span>
        )}
      </div>
      <div className="header-right">
        {member && sync?.stalled ? (
          <button type="button" className="hdr-flag flag-warn tip tip-left" data-tip={t.syncStalledHint} data-testid="sync-stalled" onClick={() => void syncNow()}>
            <Icon name="alert" size={11} />
            {t.syncStalled}
          </button>
        ) : null}
        {parked > 0 ? (
          <button type="button" className="hdr-flag flag-bad" data-testid="conflicts-count" onClick={() => openDrawer('conflicts')}>
            <span className="dot-bad" aria-hidden="true" />
            {t.conflictsBadge(parked)}
          </button>
        ) : null}
        <div className={`conn conn-${state}`} data-testid="connection" role="status" aria-label={t.connection[state]}>
          <span className="conn-dot" aria-hidden="true" />
          <span>{t.connection[state]}</span>
          {queued > 0 ? (
            <button type="button" className="queued" data-testid="queued" title={t.syncNow} onClick={() => void syncNow()}>
              {t.queued(queued)}
            </button>
          ) : null}
        </div>
        <button type="button" className="icon-btn help-btn" aria-label={t.keysTitle} title={t.keysTitle} onClick={toggleHelp}>
          ?
        </button>
      </div>
    </header>
  );
}
