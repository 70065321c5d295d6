// The customer's mute verdict under the header line (静音至 09:00 · 规则「合作方夜间静音」),
// with a lift for a few hours where the member may lift it (reason required, audited).
import { useEffect, useState } from 'react';
import { t } from '../i18n/zh-CN';
import { useMuteStore } from '../state/mute-store';
import { Icon } from './Icon';
import { InlineError } from '../ui/InlineError';

const REFRESH_MS = 60_000;

export function MuteLine({ externalUserid, version }: { externalUserid: string; version: unknown }) {
  const { verdict, error, load, lift } = useMuteStore();
  const [lifting, setLifting] = useState(false);
  const [reason, setReason] = useState('');
  const [hours, setHours] = useState(4);

  // Re-read when the customer or its panel changes, and every minute (a mute ends at a time).
  useEffect(() => {
    void load(externalUserid);
    const timer = setInterval(() => void load(externalUserid), REFRESH_MS);
    return () => clearInterval(timer);
  }, [externalUserid, version, load]);

  if (!verdict || verdict.externalUserid !== externalUserid || verdict.state === 'open') return null;
  return (
    <div className={`mute mute-${verdict.state}`} data-testid="mute-line">
      <div className="mute-row">
        <Icon name="bell-off" size={11} />
        <span className="mute-text" title={verdict.rules.map((r) => r.reason).join('；') || verdict.sentence}>
          {verdict.sentence}
        </span>
        {verdict.mayLift ? (
          <button type="button" className="mute-lift" aria-expanded={lifting} onClick={() => setLifting((v) => !v)}>
            {t.muteLift}
          </button>
        ) : null}
      </div>
      {lifting ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void lift(externalUserid, reason.trim(), hours).then((ok) => {
              if (ok) {
                setLifting(false);
                setReason('');
              }
            });
          }}
        >
          <select className="select" aria-label={t.muteLiftHours} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
            {[1, 2, 4, 8, 24].map((h) => (
              <option key={h} value={h}>
                {t.muteHours(h)}
              </option>
            ))}
          </select>
          <input className="input" aria-label={t.muteLiftReason} placeholder={t.muteLiftReason} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          <button type="submit" className="btn btn-small btn-primary" disabled={reason.trim().length < 2}>
            {t.muteLiftConfirm}
          </button>
        </form>
      ) : null}
      <InlineError message={error} />
    </div>
  );
}
