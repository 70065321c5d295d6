// 标签治理 for admins: usage per tag with its trend, near-duplicates and the merge tool (a batch
// followed and undone on the 批次 tab, the bulk screen's panel), and the quarterly clean-up
// report. Usage and duplicates read every customer's tags from WeCom, so they load once per
// visit and on 重新统计.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { nearDuplicateSchema, tagUsageSchema } from '../../../src-shared/team-api/admin';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useBatchesStore } from '../../state/batches-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { BatchesPanel } from '../bulk/BatchesPanel';
import { CleanupReportPanel } from './CleanupReportPanel';
import { DuplicatesPanel } from './DuplicatesPanel';
import { MergeTool } from './MergeTool';
import { UsagePanel } from './UsagePanel';
import '../../styles/governance.css';

const g = t.governance;
type Sub = keyof typeof g.tabs;
const SUBS: Sub[] = ['usage', 'duplicates', 'merge', 'report', 'batches'];

interface Stats {
  tags: z.infer<typeof tagUsageSchema>[];
  unused: Set<string>;
  pairs: z.infer<typeof nearDuplicateSchema>[];
}

export function GovernanceView() {
  const [sub, setSub] = useState<Sub>('usage');
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [merge, setMerge] = useState<{ keep: string | null; from: string[] }>({ keep: null, from: [] });
  const { loadCatalog, show } = useBatchesStore();
  const showToast = useUiStore((s) => s.showToast);

  const fetchStats = useCallback(
    () =>
      Promise.all([getApi().call['admin.governance.usage']({}), getApi().call['admin.governance.duplicates']({})]).then(([u, d]) => {
        setLoading(false);
        if (!u.ok) return setError(userMessageOf(u.error));
        if (!d.ok) return setError(userMessageOf(d.error));
        setError(null);
        setStats({ tags: u.value.tags, unused: new Set(u.value.unused), pairs: d.value.pairs });
      }),
    [],
  );
  const load = () => {
    setLoading(true);
    void fetchStats();
  };
  useEffect(() => {
    void loadCatalog();
    void fetchStats();
  }, [fetchStats, loadCatalog]);

  const customers = useMemo(() => new Map(stats?.tags.map((x) => [x.tagId, x.customers]) ?? []), [stats]);
  const needsStats = sub === 'usage' || sub === 'duplicates';
  return (
    <div className="admin gov" data-testid="governance">
      <div className="subtabs" role="tablist" aria-label={g.viewLabel}>
        {SUBS.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={sub === s} className={`subtab ${sub === s ? 'active' : ''}`} data-testid={`gov-tab-${s}`} onClick={() => setSub(s)}>
            {g.tabs[s]}
          </button>
        ))}
      </div>
      {needsStats ? (
        <div className="gov-bar">
          {loading ? <span className="muted">{g.loading}</span> : <span />}
          <button type="button" className="btn btn-small btn-ghost" disabled={loading} onClick={load}>
            <Icon name="refresh" size={11} /> {g.refresh}
          </button>
        </div>
      ) : null}
      {needsStats && error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {needsStats && !stats && !error ? <p className="muted pad">{g.loading}</p> : null}
      {sub === 'usage' && stats ? <UsagePanel tags={stats.tags} unused={stats.unused} /> : null}
      {sub === 'duplicates' && stats ? (
        <DuplicatesPanel
          pairs={stats.pairs}
          customersOf={(id) => customers.get(id) ?? 0}
          onMerge={(keep, from) => {
            setMerge({ keep, from: [from] });
            setSub('merge');
          }}
        />
      ) : null}
      {sub === 'merge' ? (
        <MergeTool
          keep={merge.keep}
          from={merge.from}
          onChange={(keep, from) => setMerge({ keep, from })}
          onStarted={(id) => {
            showToast(g.mergeStarted);
            setMerge({ keep: null, from: [] });
            show(id);
            setSub('batches');
          }}
        />
      ) : null}
      {sub === 'report' ? <CleanupReportPanel /> : null}
      {sub === 'batches' ? <BatchesPanel /> : null}
    </div>
  );
}
