// The supervisor's 审批 tab: the team's pending requests, filtered by member, category and
// age, decided one by one or many at once. Kept live by `approvals.changed`.
import { useEffect, useMemo, useState } from 'react';
import { useMinuteTick } from '../hooks/useMinuteTick';
import { t } from '../i18n/zh-CN';
import { filterQueue, useApprovalsStore, type AgeFilter } from '../state/approvals-store';
import { ApprovalRow } from './ApprovalRow';
import { DecisionForm } from './DecisionForm';
import { PacketReviewList } from '../handover-packet/PacketReviewList';

const AGES: AgeFilter[] = ['all', '1h', '24h', 'older'];

export function ApprovalQueue() {
  const { team, teamLive, teamError, filters, selected, deciding, loadTeam, setFilters, selectAll, decide } = useApprovalsStore();
  const [bulkReject, setBulkReject] = useState(false);
  useMinuteTick();
  useEffect(() => {
    void loadTeam();
  }, [loadTeam]);
  const shown = useMemo(() => filterQueue(team, filters), [team, filters]);
  const members = useMemo(() => [...new Map(team.map((a) => [a.requester, a.requesterName])).entries()], [team]);
  const categories = useMemo(() => [...new Set(team.flatMap((a) => a.categories))].sort(), [team]);
  const allChecked = shown.length > 0 && shown.every((a) => selected.includes(a.id));

  return (
    <div className="queue" data-testid="approval-queue">
      <PacketReviewList />
      <div className="filters">
        <select className="select" aria-label={t.queueFilterMember} value={filters.member} onChange={(e) => setFilters({ member: e.target.value })} data-testid="filter-member">
          <option value="">{t.queueFilterMember}</option>
          {members.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <select className="select" aria-label={t.queueFilterCategory} value={filters.category} onChange={(e) => setFilters({ category: e.target.value })}>
          <option value="">{t.queueFilterCategory}</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {t.category[c] ?? c}
            </option>
          ))}
        </select>
        <select className="select" aria-label={t.queueFilterAge.all} value={filters.age} onChange={(e) => setFilters({ age: e.target.value as AgeFilter })}>
          {AGES.map((a) => (
            <option key={a} value={a}>
              {t.queueFilterAge[a]}
            </option>
          ))}
        </select>
      </div>
      <div className="bulk">
        <label className="bulk-all">
          <input type="checkbox" checked={allChecked} onChange={() => selectAll(allChecked ? [] : shown.map((a) => a.id))} />
          {selected.length ? t.queueSelected(selected.length) : t.queueSelectAll}
        </label>
        {selected.length ? (
          <span className="bulk-actions">
            <button type="button" className="btn btn-small btn-primary" disabled={deciding} data-testid="bulk-approve" onClick={() => void decide(selected, { decision: 'approve' })}>
              {t.approve}
            </button>
            <button type="button" className="btn btn-small" aria-expanded={bulkReject} onClick={() => setBulkReject((v) => !v)}>
              {t.reject}
            </button>
          </span>
        ) : null}
      </div>
      {bulkReject && selected.length ? (
        <DecisionForm
          mode="reject"
          busy={deciding}
          onCancel={() => setBulkReject(false)}
          onSubmit={(note) => {
            setBulkReject(false);
            void decide(selected, { decision: 'reject', note });
          }}
        />
      ) : null}
      {teamError ? (
        <p className="inline-error pad-x" role="alert">
          {teamError}
        </p>
      ) : null}
      {!teamLive ? <p className="muted pad">{t.offlineCached}</p> : null}
      {shown.length === 0 && !teamError ? <p className="muted pad">{t.queueEmpty}</p> : null}
      <ul className="qlist">
        {shown.map((a) => (
          <ApprovalRow key={a.id} a={a} />
        ))}
      </ul>
    </div>
  );
}
