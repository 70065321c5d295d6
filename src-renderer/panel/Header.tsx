// The panel's top bar: who is signed in, the connection state and queued changes. It is
// also the drag handle of the frameless window.
import type { Connection, MemberSummary } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';

export function Header({ member, connection }: { member: MemberSummary | null; connection: Connection | null }) {
  const state = connection?.state ?? 'connecting';
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
      <div className={`conn conn-${state}`} data-testid="connection" role="status" aria-label={t.connection[state]}>
        <span className="conn-dot" aria-hidden="true" />
        <span>{t.connection[state]}</span>
        {connection && connection.queued > 0 ? <span className="queued">{t.queued(connection.queued)}</span> : null}
      </div>
    </header>
  );
}
