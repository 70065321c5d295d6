// One request in the supervisor's queue: what, for whom, why, how long is left, and the
// decisions (approve, reject with a reason, approve with other wording).
import { useState } from 'react';
import type { ApprovalView } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { formatWhen, customerLabel } from '../util/format';
import { DecisionForm, type DecisionMode } from './DecisionForm';
import { SlaBadge } from './SlaBadge';

export function ApprovalRow({ a }: { a: ApprovalView }) {
  const { selected, toggle, decide, deciding, decideErrors } = useApprovalsStore();
  const [mode, setMode] = useState<DecisionMode | null>(null);
  const checked = selected.includes(a.id);
  const what = a.tagName ?? '';
  return (
    <li className={`qrow ${checked ? 'selected' : ''}`} data-testid="queue-row" data-id={a.id}>
      <input type="checkbox" className="qcheck" checked={checked} onChange={() => toggle(a.id)} aria-label={`${what} · ${a.requesterName}`} />
      <div className="qmain">
        <div className="qline">
          <strong className="qtag">{what}</strong>
          {a.groupName ? <span className="muted">{a.groupName}</span> : null}
          <SlaBadge expiresAt={a.expiresAt} />
        </div>
        <div className="qmeta">
          {customerLabel(a.customerName, a.externalUserid)} · {t.requestedBy(a.requesterName, formatWhen(a.createdAt))}
        </div>
        <div className="qreason">{t.requestReason(a.reason)}</div>
        {a.categories.length ? (
          <div className="qcats">
            {a.categories.map((c) => (
              <span key={c} className="qcat">
                {t.category[c] ?? c}
              </span>
            ))}
          </div>
        ) : null}
        <div className="qactions">
          <button type="button" className="btn btn-small btn-primary" disabled={deciding} data-testid="approve" onClick={() => void decide([a.id], { decision: 'approve' })}>
            {t.approve}
          </button>
          <button type="button" className="btn btn-small" aria-expanded={mode === 'reject'} data-testid="reject" onClick={() => setMode(mode === 'reject' ? null : 'reject')}>
            {t.reject}
          </button>
          <button type="button" className="btn btn-small btn-ghost" aria-expanded={mode === 'approve-with'} onClick={() => setMode(mode === 'approve-with' ? null : 'approve-with')}>
            {t.approveWith}
          </button>
        </div>
        {mode ? (
          <DecisionForm
            mode={mode}
            busy={deciding}
            onCancel={() => setMode(null)}
            onSubmit={(text) => void decide([a.id], mode === 'reject' ? { decision: 'reject', note: text } : { decision: 'approve', replacementName: text })}
          />
        ) : null}
        {decideErrors[a.id] ? (
          <p className="inline-error" role="alert">
            {decideErrors[a.id]}
          </p>
        ) : null}
      </div>
    </li>
  );
}
