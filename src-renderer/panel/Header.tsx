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
    <>
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
          <div className={`conn conn-${state}`} data-testid="connection" role="status" aria-label={t.connection[state]}>
            <span className="conn-dot" aria-hidden="true" />
            <span>{t.connection[state]}</span>
            {queued > 0 ? (
              <button type="button" className="queued tip tip-left" data-testid="queued" data-tip={`${t.queued(queued)} · ${t.syncNow}`} aria-label={t.queued(queued)} onClick={() => void syncNow()}>
                <Icon name="refresh" size={10} />
                {queued}
              </button>
            ) : null}
          </div>
          {parked > 0 ? (
            <button type="button" className="hdr-flag flag-bad tip tip-left" data-testid="conflicts-count" data-tip={t.conflictsBadge(parked)} aria-label={t.conflictsBadge(parked)} onClick={() => openDrawer('conflicts')}>
              <span className="dot-bad" aria-hidden="true" />
              {parked}
            </button>
          ) : null}
          <button type="button" className="icon-btn help-btn" aria-label={t.keysTitle} title={t.keysTitle} onClick={toggleHelp}>
            ?
          </button>
        </div>
      </header>
      {member && sync?.configError ? (
        <div className="strip strip-bad" role="alert" data-testid="sync-config-error">
          <Icon name="alert" size={11} />
          <span className="strip-text">{t.configError(sync.configError)}</span>
        </div>
      ) : null}
      {member && sync?.stalled && !sync.configError ? (
        <div className="strip strip-warn" role="alert" data-testid="sync-stalled">
          <Icon name="alert" size={11} />
          <strong>{t.syncStalled}</strong>
          <span className="strip-text">{t.syncStalledHint}</span>
          <button type="button" className="strip-btn" onClick={() => void syncNow()}>
            {t.syncNow}
          </button>
        </div>
      ) : null}
    </>
  );
}
