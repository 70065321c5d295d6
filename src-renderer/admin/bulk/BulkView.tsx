// The 批量 view for supervisors and admins: bulk tagging, the batches with their progress and
// undo, CSV import and the recycle bin, as sub-tabs.
import { useEffect, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { useBatchesStore } from '../../state/batches-store';
import { BatchesPanel } from './BatchesPanel';
import { BulkTagForm } from './BulkTagForm';
import { ImportPanel } from './ImportPanel';
import { RecycleBin } from './RecycleBin';

type Sub = 'tag' | 'batches' | 'import' | 'recycle';
const SUBS: Sub[] = ['tag', 'batches', 'import', 'recycle'];

export function BulkView() {
  const [sub, setSub] = useState<Sub>('tag');
  const { loadCatalog, show } = useBatchesStore();
  useEffect(() => {
    void loadCatalog();
  }, [loadCatalog]);
  /** A batch just started (bulk, import, restore): follow it on the 批次 tab. */
  const follow = (id: string) => {
    show(id);
    setSub('batches');
  };
  return (
    <div className="admin" data-testid="bulk">
      <div className="subtabs" role="tablist" aria-label={t.viewBulk}>
        {SUBS.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={sub === s} className={`subtab ${sub === s ? 'active' : ''}`} data-testid={`bulk-tab-${s}`} onClick={() => setSub(s)}>
            {t.bulk.tabs[s]}
          </button>
        ))}
      </div>
      {sub === 'tag' ? <BulkTagForm onStarted={follow} /> : null}
      {sub === 'batches' ? <BatchesPanel /> : null}
      {sub === 'import' ? <ImportPanel onStarted={follow} /> : null}
      {sub === 'recycle' ? <RecycleBin onStarted={follow} /> : null}
    </div>
  );
}
