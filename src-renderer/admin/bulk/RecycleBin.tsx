// The recycle bin: deleted tags restorable for 72 hours; restoring recreates the tag and puts
// it back on its customers through a batch, which then shows its progress.
import { useEffect, useState } from 'react';
import type { RecycleEntryView } from '../../../src-shared/team-api/admin';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { useBatchesStore } from '../../state/batches-store';
import { userMessageOf } from '../../util/errors';
import { formatLeft, formatWhen } from '../../util/format';

export function RecycleBin({ onStarted }: { onStarted: (batchId: string) => void }) {
  const [all, setAll] = useState(false);
  const [entries, setEntries] = useState<RecycleEntryView[] | null>(null);
  const [error, setError] = useState<{ id: string | null; message: string } | null>(null);
  const upsert = useBatchesStore((s) => s.upsert);

  useEffect(() => {
    let live = true;
    void getApi()
      .call['admin.recycleBin.list']({ all })
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setError({ id: null, message: userMessageOf(r.error) });
        setEntries(r.value.entries);
      });
    return () => {
      live = false;
    };
  }, [all]);

  const restore = async (id: string) => {
    const r = await getApi().call['admin.recycleBin.restore']({ id });
    if (!r.ok) return setError({ id, message: userMessageOf(r.error) });
    setError(null);
    setEntries((list) => list?.map((e) => (e.id === id ? r.value.entry : e)) ?? null);
    if (r.value.batch) {
      upsert(r.value.batch);
      onStarted(r.value.batch.id);
    }
  };

  return (
    <div data-testid="recycle-bin">
      <div className="filters">
        <label className="check">
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
          {t.bulk.recycleAll}
        </label>
      </div>
      {error && error.id === null ? (
        <p className="inline-error pad-x" role="alert">
          {error.message}
        </p>
      ) : null}
      {entries === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {entries?.length === 0 ? <p className="muted pad">{t.bulk.recycleEmpty}</p> : null}
      <ul className="alist">
        {entries?.map((e) => {
          const left = formatLeft(e.expiresAt);
          return (
            <li key={e.id} className="lrow" data-testid="recycle-row">
              <div className="lrow-main">
                <div className="lrow-target">{e.tagName}</div>
                <div className="lrow-meta">
                  {t.bulk.recycleLine(e.groupName, e.assignments)} · {formatWhen(e.deletedAt)}
                </div>
                {error?.id === e.id ? (
                  <p className="field-error" role="alert">
                    {error.message}
                  </p>
                ) : null}
              </div>
              {e.restoredAt ? (
                <span className="sla">{t.bulk.restored}</span>
              ) : left ? (
                <>
                  <span className="sla">{t.bulk.recycleLeft(left)}</span>
                  <button type="button" className="btn btn-small" onClick={() => void restore(e.id)}>
                    {t.bulk.restore}
                  </button>
                </>
              ) : (
                <span className="sla">{t.bulk.expired}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
