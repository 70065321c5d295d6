// The supervisor's 团队记录: the team's enterprise-tag changes from the central audit,
// filtered by member, the open customer, source and time. Filters apply as they change.
import { useEffect, useState } from 'react';
import type { TeamHistoryEntry } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { useCustomerStore } from '../state/customer-store';
import { userMessageOf } from '../util/errors';
import { formatWhen } from '../util/format';

const SOURCES = ['panel', 'import', 'automation', 'approval', 'wecom', 'sync'];
type TimeRange = keyof typeof t.teamFilterTime;
const RANGES = Object.keys(t.teamFilterTime) as TimeRange[];

interface Filters { member: string; onlyCustomer: boolean; source: string; time: TimeRange }

/** The ISO lower bound of a time range in the local time zone. */
function fromOf(range: TimeRange, now = new Date()): string | undefined {
  if (range === 'all') return undefined;
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (range === '7d') start.setDate(start.getDate() - 6);
  if (range === '30d') start.setDate(start.getDate() - 29);
  return start.toISOString();
}

export function TeamHistory() {
  const customer = useCustomerStore((s) => s.panel?.customer ?? null);
  const [filters, setFilters] = useState<Filters>({ member: '', onlyCustomer: false, source: '', time: 'all' });
  const [entries, setEntries] = useState<TeamHistoryEntry[] | null>(null);
  const [members, setMembers] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const customerId = filters.onlyCustomer ? (customer?.externalUserid ?? null) : null;

  useEffect(() => {
    let live = true;
    const from = fromOf(filters.time);
    void getApi()
      .call['team.history']({
        ...(filters.member ? { member: filters.member } : {}),
        ...(customerId ? { externalUserid: customerId } : {}),
        ...(filters.source ? { source: filters.source } : {}),
        ...(from ? { from } : {}),
        limit: 200,
      })
      .then((r) => {
        if (!live) return;
        setError(r.ok ? null : userMessageOf(r.error));
        setEntries(r.ok ? r.value.entries : []);
        // Members to filter by: everyone seen so far in the record.
        if (r.ok) setMembers((m) => new Map([...m, ...r.value.entries.map((e) => [e.actor, e.actorName ?? e.actor] as [string, string])]));
      });
    return () => {
      live = false;
    };
  }, [filters.member, filters.source, filters.time, customerId]);

  return (
    <div className="team" data-testid="team-history">
      <div className="filters filters-wrap">
        <select className="select" aria-label={t.teamFilterMember} value={filters.member} onChange={(e) => setFilters((f) => ({ ...f, member: e.target.value }))}>
          <option value="">{t.teamFilterMember}</option>
          {[...members].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select className="select" aria-label={t.teamFilterSource} value={filters.source} onChange={(e) => setFilters((f) => ({ ...f, source: e.target.value }))}>
          <option value="">{t.teamFilterSource}</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t.source[s] ?? s}
            </option>
          ))}
        </select>
        <select className="select" aria-label={t.teamFilterTime.all} value={filters.time} onChange={(e) => setFilters((f) => ({ ...f, time: e.target.value as TimeRange }))}>
          {RANGES.map((r) => (
            <option key={r} value={r}>
              {t.teamFilterTime[r]}
            </option>
          ))}
        </select>
        {customer ? (
          <label className="check">
            <input type="checkbox" checked={filters.onlyCustomer} onChange={(e) => setFilters((f) => ({ ...f, onlyCustomer: e.target.checked }))} />
            {t.teamFilterCustomer(customer.name)}
          </label>
        ) : null}
      </div>
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {entries === null ? <p className="muted pad">{t.loading}</p> : null}
      {entries?.length === 0 && !error ? <p className="muted pad">{t.teamEmpty}</p> : null}
      <ol className="timeline">
        {entries?.map((e) => (
          <li key={e.seq} className="tl-item">
            <div className="tl-main">
              <div className="tl-summary">
                {e.customerName ? <strong>{e.customerName} </strong> : null}
                {e.summary}
              </div>
              <div className="tl-meta">
                {formatWhen(e.at)} · {e.actorName ?? e.actor} · {t.source[e.source] ?? e.source}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
