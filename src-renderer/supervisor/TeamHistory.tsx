// The supervisor's 团队记录: the team's enterprise-tag changes from the central audit,
// filtered by member, customer, source and time.
import { useEffect, useState } from 'react';
import type { TeamHistoryEntry } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { userMessageOf } from '../util/errors';
import { formatWhen } from '../util/format';

const SOURCES = ['panel', 'import', 'automation', 'approval', 'wecom', 'sync'];

interface Filters { member: string; customer: string; source: string; from: string; to: string }

/** A date picked in the local time zone, as the ISO bound the channel wants. */
const dayBound = (day: string, end: boolean): string | undefined => (day ? new Date(`${day}T${end ? '23:59:59' : '00:00:00'}`).toISOString() : undefined);

export function TeamHistory() {
  const [filters, setFilters] = useState<Filters>({ member: '', customer: '', source: '', from: '', to: '' });
  const [applied, setApplied] = useState<Filters>(filters);
  const [entries, setEntries] = useState<TeamHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const f = applied;
    void getApi()
      .call['team.history']({
        ...(f.member.trim() ? { member: f.member.trim() } : {}),
        ...(f.customer.trim() ? { externalUserid: f.customer.trim() } : {}),
        ...(f.source ? { source: f.source } : {}),
        ...(f.from ? { from: dayBound(f.from, false) } : {}),
        ...(f.to ? { to: dayBound(f.to, true) } : {}),
        limit: 200,
      })
      .then((r) => {
        if (!live) return;
        setError(r.ok ? null : userMessageOf(r.error));
        setEntries(r.ok ? r.value.entries : []);
      });
    return () => {
      live = false;
    };
  }, [applied]);

  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setFilters((f) => ({ ...f, [k]: e.target.value }));
  return (
    <div className="team" data-testid="team-history">
      <form
        className="filters filters-wrap"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
        }}
      >
        <input className="input" placeholder={t.teamFilterMember} aria-label={t.teamFilterMember} value={filters.member} onChange={set('member')} />
        <input className="input" placeholder={t.teamFilterCustomer} aria-label={t.teamFilterCustomer} value={filters.customer} onChange={set('customer')} />
        <select className="select" aria-label={t.teamFilterSource} value={filters.source} onChange={set('source')}>
          <option value="">{t.teamFilterSource}</option>
          {SOURCES.map((s) => (
            <option key={s} value={s}>
              {t.source[s] ?? s}
            </option>
          ))}
        </select>
        <input className="input" type="date" aria-label={t.teamFilterFrom} value={filters.from} onChange={set('from')} />
        <input className="input" type="date" aria-label={t.teamFilterTo} value={filters.to} onChange={set('to')} />
        <button type="submit" className="btn btn-small btn-primary">
          {t.teamApply}
        </button>
      </form>
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
