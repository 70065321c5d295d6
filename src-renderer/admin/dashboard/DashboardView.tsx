// 看板 for supervisors (their team) and admins (the company): headline figures, then the tag
// distribution and trend, rule hits, approval SLA, sync health, RFM quadrants and the company
// descriptors members shared. The team server decides the scope; this screen only draws.
import { useCallback, useEffect, useState } from 'react';
import type { Dashboard } from '../../../src-shared/team-api/dashboard';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { userMessageOf } from '../../util/errors';
import { formatNumber, formatWhen } from '../../util/format';
import { DescriptorSharingView } from './DescriptorSharingView';
import { ChartCard, COLORS, DataTable, Donut, HBars, RfmQuadrants, RuleHitsChart, TrendChart } from './charts';
import '../../styles/dashboard.css';

const d = t.dashboard;
const pct = (n: number, of: number): string => (of === 0 ? '—' : `${Math.round((n / of) * 100)}%`);

function Kpi({ id, label, value, note, tone }: { id: string; label: string; value: string; note: string; tone?: 'warn' | 'ok' }) {
  return (
    <div className={`kpi ${tone ? `kpi-${tone}` : ''}`} data-testid={`dash-kpi-${id}`}>
      <span className="kpi-label">{label}</span>
      <strong className="kpi-value" data-testid={`dash-kpi-${id}-value`}>{value}</strong>
      <span className="kpi-note">{note}</span>
    </div>
  );
}

type Sub = 'figures' | 'share';

/** Supervisors and admins share their own personal tags from here (members have the 共享 tab). */
export function DashboardView() {
  const [sub, setSub] = useState<Sub>('figures');
  return (
    <div className="admin dash" data-testid="dashboard">
      <div className="subtabs" role="tablist" aria-label={d.view}>
        {(['figures', 'share'] as const).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={sub === s} className={`subtab ${sub === s ? 'active' : ''}`} data-testid={`dash-tab-${s}`} onClick={() => setSub(s)}>
            {s === 'figures' ? d.tabFigures : d.tabShare}
          </button>
        ))}
      </div>
      {sub === 'figures' ? <Figures /> : <DescriptorSharingView />}
    </div>
  );
}

function Figures() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [groupId, setGroupId] = useState<string | null>(null);

  const load = useCallback(async () => {
    setBusy(true);
    const r = await getApi().call['dashboard.get']({});
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setData(r.value);
  }, []);
  useEffect(() => {
    let live = true;
    void getApi().call['dashboard.get']({}).then((r) => {
      if (!live) return;
      if (!r.ok) setError(userMessageOf(r.error));
      else setData(r.value);
    });
    return () => {
      live = false;
    };
  }, []);

  if (!data) {
    return (
      <div data-testid="dashboard-figures">
        {error ? (
          <div className="pad" role="alert">
            <p className="inline-error">{d.loadFailed}：{error}</p>
            <button type="button" className="btn btn-small" onClick={() => void load()}>{d.retry}</button>
          </div>
        ) : (
          <p className="muted pad" role="status">{t.loading}</p>
        )}
      </div>
    );
  }

  const groups = data.tagDistribution.filter((g) => g.tags.length > 0);
  const group = groups.find((g) => g.groupId === groupId) ?? groups.find((g) => g.tags.some((x) => x.customers > 0)) ?? groups[0];
  const groupBars = (group?.tags ?? []).map((x) => ({ name: x.tagName, value: x.customers })).sort((a, b) => b.value - a.value);
  const hitsTotal = data.ruleHits.reduce((n, h) => n + h.assignments, 0);
  const a = data.approvals;
  const judged = a.decided + a.expired;
  const shared = data.descriptors.filter((x) => x.customers > 0).sort((x, y) => y.customers - x.customers);
  const syncParts = [
    { name: d.syncFresh, value: data.sync.fresh, color: COLORS.ok },
    { name: d.syncRecent(data.sync.staleDays), value: data.sync.recent, color: COLORS.soft },
    { name: d.syncStale, value: data.sync.stale, color: COLORS.warn },
    { name: d.syncNever, value: data.sync.never, color: COLORS.grey },
  ];

  return (
    <div data-testid="dashboard-figures">
      <div className="ahead">
        <h2 className="ahead-title">
          {d.title}
          <span className="asection-count" data-testid="dash-scope">{data.scope.kind === 'team' ? d.scopeTeam(data.scope.members) : d.scopeCompany(data.scope.members)}</span>
        </h2>
        <span className="dash-updated">{busy ? d.refreshing : d.updatedAt(formatWhen(data.generatedAt))}</span>
        <button type="button" className="btn btn-small" onClick={() => void load()} disabled={busy} data-testid="dash-refresh">{d.refresh}</button>
      </div>
      {error ? <p className="inline-error pad-x" role="alert">{error}</p> : null}

      <div className="kpis">
        <Kpi id="customers" label={d.kpiCustomers} value={formatNumber(data.customers)} note={d.kpiTagged(pct(data.taggedCustomers, data.customers))} />
        <Kpi id="pending" label={d.kpiPending} value={formatNumber(a.pending)} note={d.kpiOverdue(a.overdue)} {...(a.overdue > 0 ? { tone: 'warn' as const } : {})} />
        <Kpi id="rules" label={d.kpiRuleHits} value={formatNumber(hitsTotal)} note={d.kpiRuleHitsNote} />
        <Kpi id="online" label={d.kpiOnline} value={`${formatNumber(data.sync.fresh)}`} note={d.kpiOnlineNote(data.sync.devices)} {...(data.sync.stale > 0 ? { tone: 'warn' as const } : {})} />
      </div>

      <div className="dgrid">
        <ChartCard
          id="dist" title={d.distTitle} note={d.distNote}
          tools={groups.length > 1 ? (
            <select className="select select-small dpick" value={group?.groupId ?? ''} onChange={(e) => setGroupId(e.target.value)} data-testid="dash-dist-group" aria-label={d.distGroup}>
              {groups.map((g) => <option key={g.groupId} value={g.groupId}>{g.groupName}</option>)}
            </select>
          ) : null}
          table={<DataTable testid="dash-dist-table" caption={d.chartTable(`${d.distTitle} · ${group?.groupName ?? ''}`)} head={[d.colTag, d.colCustomers]} rows={groupBars.map((b) => [b.name, b.value])} />}
        >
          {groupBars.some((b) => b.value > 0) ? <HBars data={groupBars} /> : <p className="dempty">{d.distEmpty}</p>}
        </ChartCard>

        <ChartCard
          id="trend" title={d.trendTitle} note={d.trendNote}
          table={<DataTable testid="dash-trend-table" caption={d.chartTable(d.trendTitle)} head={[d.colDay, d.trendAdded, d.trendRemoved]} rows={data.trend.map((p) => [p.day, p.added, p.removed])} />}
        >
          <TrendChart trend={data.trend} />
        </ChartCard>

        <ChartCard
          id="rules" title={d.rulesTitle} note={d.rulesNote}
          table={<DataTable testid="dash-rules-table" caption={d.chartTable(d.rulesTitle)} head={[d.colRule, d.rulesAssignments, d.rulesReverted, d.rulesCustomers]} rows={data.ruleHits.map((h) => [h.ruleName, h.assignments, h.reverted, h.customers])} />}
        >
          {data.ruleHits.length ? <RuleHitsChart hits={data.ruleHits} /> : <p className="dempty">{d.rulesEmpty}</p>}
        </ChartCard>

        <ChartCard
          id="sla" title={d.slaTitle} note={d.slaNote}
          table={<DataTable testid="dash-sla-table" caption={d.chartTable(d.slaTitle)} head={[d.colState, d.colCustomers]} rows={[[d.slaWithin, a.withinSla], [d.slaLate, a.decided - a.withinSla], [d.slaExpired, a.expired], [d.kpiPending, a.pending]]} />}
        >
          <Donut
            centre={pct(a.withinSla, judged)}
            sub={judged ? d.slaWithin : d.slaNoneShort}
            parts={[{ name: d.slaWithin, value: a.withinSla, color: COLORS.ok }, { name: d.slaLate, value: a.decided - a.withinSla, color: COLORS.warn }, { name: d.slaExpired, value: a.expired, color: COLORS.bad }]}
          />
          <p className="dfoot">
            {judged ? '' : `${d.slaNone} · `}
            {a.medianHours !== null ? `${d.slaMedian(d.hours(a.medianHours))} · ${d.slaP90(d.hours(a.p90Hours ?? a.medianHours))} · ` : ''}
            {d.slaPending(a.pending, a.overdue)}
          </p>
        </ChartCard>

        <ChartCard
          id="sync" title={d.syncTitle} note={d.syncNote(data.sync.staleDays)}
          table={<DataTable testid="dash-sync-table" caption={d.chartTable(d.syncTitle)} head={[d.colState, d.colDevices]} rows={syncParts.map((p) => [p.name, p.value])} />}
        >
          <Donut centre={`${data.sync.fresh}/${data.sync.devices}`} sub={d.syncFresh} parts={syncParts} />
          <p className="dfoot">
            {d.syncRelay(data.sync.relayWrites7d)}
            {data.sync.members > data.sync.membersWithDevice ? ` · ${d.syncNoDevice(data.sync.members - data.sync.membersWithDevice)}` : ''}
          </p>
        </ChartCard>

        <ChartCard
          id="rfm" title={d.rfmTitle} note={d.rfmNote(data.rfm.scored)}
          table={<DataTable testid="dash-rfm-table" caption={d.chartTable(d.rfmTitle)} head={[d.colQuadrant, d.colCustomers]} rows={Object.entries(data.rfm.quadrants).map(([q, n]) => [q, n])} />}
        >
          {data.rfm.scored ? <RfmQuadrants quadrants={data.rfm.quadrants} /> : <p className="dempty">{d.rfmEmpty}</p>}
        </ChartCard>

        <ChartCard
          id="descriptors" title={d.descTitle} note={d.descNote}
          table={<DataTable testid="dash-desc-table" caption={d.chartTable(d.descTitle)} head={[d.colDescriptor, d.colCustomers]} rows={shared.map((x) => [x.name, x.customers])} />}
        >
          {shared.length ? <HBars data={shared.map((x) => ({ name: x.name, value: x.customers }))} color={COLORS.ok} labelWidth={100} /> : <p className="dempty">{d.descEmpty}</p>}
        </ChartCard>
      </div>
    </div>
  );
}
