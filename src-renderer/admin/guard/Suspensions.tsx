// Members whose tagging the guard suspended (repeated blocked saves), each with 解除暂停 behind a
// confirmation with an optional note; the lift is audited and the member's parked changes retry.
import { useId, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useUiStore } from '../../state/ui-store';
import { formatWhen } from '../../util/format';
import { useGuardStore, type Suspension } from './guard-store';

function Row({ s }: { s: Suspension }) {
  const { lift, busy, actionErrors } = useGuardStore();
  const showToast = useUiStore((x) => x.showToast);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const noteId = useId();
  const working = busy === s.userid;
  return (
    <li className="gsusp" data-testid="guard-suspension" data-userid={s.userid}>
      <div className="gsusp-line">
        <span className="gsusp-icon" aria-hidden="true">
          <Icon name="lock" size={12} />
        </span>
        <span className="gsusp-main">
          <span className="gsusp-name">{s.name}</span>
          <span className="gsusp-meta">{t.guard.suspendedSince(formatWhen(s.since))}</span>
        </span>
        {!confirming ? (
          <button type="button" className="btn btn-small" data-testid="guard-lift" onClick={() => setConfirming(true)}>
            {t.guard.lift}
          </button>
        ) : null}
      </div>
      <p className="gsusp-reason">{s.reason}</p>
      {confirming ? (
        <div className="gconfirm" role="group" aria-label={t.guard.lift}>
          <p className="gconfirm-text">{t.guard.liftConfirm(s.name)}</p>
          <label className="field-label" htmlFor={noteId}>
            {t.guard.liftNote}
          </label>
          <input id={noteId} className="input gnote" data-testid="guard-lift-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <div className="gconfirm-row">
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="guard-lift-confirm"
              disabled={working}
              onClick={() => void lift(s.userid, note).then((ok) => ok && showToast(t.guard.lifted(s.name)))}
            >
              {t.guard.liftDo}
            </button>
            <button type="button" className="btn btn-small" disabled={working} onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </div>
        </div>
      ) : null}
      {actionErrors[s.userid] ? (
        <p className="inline-error" role="alert">
          {actionErrors[s.userid]}
        </p>
      ) : null}
    </li>
  );
}

export function Suspensions() {
  const suspensions = useGuardStore((s) => s.suspensions);
  if (suspensions === null) return <p className="muted pad">{t.loading}</p>;
  if (suspensions.length === 0)
    return (
      <div className="gempty">
        <span className="gempty-icon" aria-hidden="true">
          <Icon name="check" size={16} />
        </span>
        <p>{t.guard.emptySuspended}</p>
      </div>
    );
  return (
    <ul className="alist" data-testid="guard-suspensions">
      {suspensions.map((s) => (
        <Row key={s.userid} s={s} />
      ))}
    </ul>
  );
}
