// The member's own approval requests and where each stands.
import { useEffect } from 'react';
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { formatLeft, formatWhen, customerLabel } from '../util/format';

export function MyApprovals() {
  const { mine, mineLive, mineError, loadMine } = useApprovalsStore();
  useEffect(() => {
    void loadMine();
  }, [loadMine]);
  return (
    <div className="drawer-body" data-testid="my-approvals">
      {mineError ? <p className="inline-error" role="alert">{mineError}</p> : null}
      {!mineLive ? <p className="muted pad">{t.offlineCached}</p> : null}
      {mine.length === 0 && !mineError ? <p className="muted pad">{t.mineEmpty}</p> : null}
      <ul className="approval-list">
        {mine.map((a) => {
          const left = a.status === 'pending' ? formatLeft(a.expiresAt) : null;
          return (
            <li key={a.id} className="approval-item" data-status={a.status}>
              <div className="ap-line">
                <span className={`status status-${a.status}`}>{t.approvalStatus[a.status]}</span>
                <strong>{a.appliedTagName ?? a.tagName ?? ''}</strong>
                <span className="muted">· {customerLabel(a.customerName, a.externalUserid)}</span>
              </div>
              <div className="ap-meta">
                {formatWhen(a.createdAt)}
                {left ? ` · ${t.timeLeft(left)}` : ''}
                {a.note ? ` · ${a.note}` : ''}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
