// The snapshots, newest first: why each was taken (定时 / 删除前 / 恢复前 / 手动), what it
// holds, and its restore preview; a snapshot can be taken now with a note.
import { useEffect, useState } from 'react';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { formatWhen } from '../../util/format';
import { formatMoment, snapshotKind, type Snapshot } from './snapshot-types';

export function SnapshotList({ snapshots, onLoaded, onRestore }: { snapshots: Snapshot[] | null; onLoaded: (s: Snapshot[]) => void; onRestore: (s: Snapshot) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const showToast = useUiStore((s) => s.showToast);

  useEffect(() => {
    let live = true;
    void getApi()
      .call['admin.snapshots.list']({})
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setError(userMessageOf(r.error));
        setError(null);
        onLoaded(r.value.snapshots);
      });
    return () => {
      live = false;
    };
  }, [onLoaded]);

  const take = async () => {
    setBusy(true);
    const r = await getApi().call['admin.snapshots.take'](reason.trim() ? { reason: reason.trim() } : {});
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setReason('');
    onLoaded([r.value, ...(snapshots ?? [])]);
    showToast(t.snapshots.taken);
  };

  return (
    <div data-testid="snap-list">
      <p className="hint pad-x snap-intro">{t.snapshots.intro}</p>
      <form
        className="snap-take"
        onSubmit={(e) => {
          e.preventDefault();
          void take();
        }}
      >
        <label className="snap-take-field">
          <span className="field-label">{t.snapshots.reasonLabel}</span>
          <input className="input" data-testid="snap-reason" value={reason} maxLength={200} placeholder={t.snapshots.reasonPlaceholder} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-small btn-primary" data-testid="snap-take" disabled={busy}>
          {busy ? t.snapshots.taking : t.snapshots.takeNow}
        </button>
      </form>
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {snapshots === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {snapshots?.length === 0 ? <p className="muted pad">{t.snapshots.empty}</p> : null}
      {snapshots && snapshots.length > 0 ? (
        <h3 className="asection-h">
          {t.snapshots.tabs.list} <span className="asection-count">{t.snapshots.count(snapshots.length)}</span>
        </h3>
      ) : null}
      <ul className="alist">
        {snapshots?.map((s) => {
          const kind = snapshotKind(s);
          return (
            <li key={s.id} className="lrow snap-row" data-testid="snap-row" data-kind={kind} data-snapshot-id={s.id}>
              <div className="lrow-main">
                <div className="snap-row-line">
                  <span className={`pill snap-kind snap-kind-${kind}`}>{t.snapshots.kind[kind]}</span>
                  <span className="lrow-target" title={formatMoment(s.takenAt)}>
                    {formatWhen(s.takenAt)}
                  </span>
                </div>
                <div className="lrow-meta" title={s.reason}>
                  {kind === 'scheduled' ? t.snapshots.bySystem : `${s.reason} · ${t.snapshots.by(s.takenBy)}`}
                </div>
                <div className="lrow-meta">{t.snapshots.line(s.groups, s.tags, s.relations)}</div>
              </div>
              <button type="button" className="btn btn-small" data-testid="snap-preview" aria-label={t.snapshots.previewRestoreLabel(formatMoment(s.takenAt))} onClick={() => onRestore(s)}>
                <Icon name="refresh" size={11} /> {t.snapshots.previewRestore}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
