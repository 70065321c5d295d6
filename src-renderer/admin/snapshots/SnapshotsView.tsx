// 时光机 (admins): the snapshots (scheduled, before deletes and restores, by hand) with a
// restore preview for each, a customer's tags as of a moment, and the progress of a restore —
// the batches list of the 批量 view, reused.
import { useEffect, useState } from 'react';
import type { Snapshot } from './snapshot-types';
import { t } from '../../i18n/zh-CN';
import { useBatchesStore } from '../../state/batches-store';
import { BatchesPanel } from '../bulk/BatchesPanel';
import { CustomerAsOf } from './CustomerAsOf';
import { RestorePreview } from './RestorePreview';
import { SnapshotList } from './SnapshotList';
import '../../styles/snapshots.css';

type Sub = 'list' | 'customer' | 'batches';
const SUBS: Sub[] = ['list', 'customer', 'batches'];

export function SnapshotsView() {
  const [sub, setSub] = useState<Sub>('list');
  const [restoring, setRestoring] = useState<Snapshot | null>(null);
  const [snapshots, setSnapshots] = useState<Snapshot[] | null>(null);
  const { loadCatalog, show } = useBatchesStore();
  useEffect(() => {
    void loadCatalog();
  }, [loadCatalog]);
  /** A restore started: follow its batch. */
  const follow = (batchId: string | null) => {
    setRestoring(null);
    void loadCatalog();
    if (batchId) {
      show(batchId);
      setSub('batches');
    }
  };
  return (
    <div className="admin snap" data-testid="snapshots">
      <div className="subtabs" role="tablist" aria-label={t.snapshots.viewLabel}>
        {SUBS.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={sub === s} className={`subtab ${sub === s ? 'active' : ''}`} data-testid={`snap-tab-${s}`} onClick={() => setSub(s)}>
            {t.snapshots.tabs[s]}
          </button>
        ))}
      </div>
      {sub === 'list' && restoring ? <RestorePreview key={restoring.id} snapshot={restoring} onBack={() => setRestoring(null)} onStarted={follow} /> : null}
      {sub === 'list' && !restoring ? <SnapshotList snapshots={snapshots} onLoaded={setSnapshots} onRestore={setRestoring} /> : null}
      {sub === 'customer' ? <CustomerAsOf snapshots={snapshots} onLoaded={setSnapshots} /> : null}
      {sub === 'batches' ? <BatchesPanel /> : null}
    </div>
  );
}
