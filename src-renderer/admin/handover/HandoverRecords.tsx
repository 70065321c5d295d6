// The hand-overs started here, and one hand-over's customers: WeCom's status for each (waiting,
// taken over, refused, successor at limit, or refused at the start with WeCom's reason such as
// the twice-in-90-days rule), and after takeover whether the enterprise tags arrived intact or
// which ones were put back.
import { useEffect, useState } from 'react';
import type { HandoverView } from '../../../src-shared/team-api/admin';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon, type IconName } from '../../panel/Icon';
import { userMessageOf } from '../../util/errors';
import { formatWhen } from '../../util/format';

type Status = HandoverView['items'][number]['status'];
const STATUSES: Status[] = ['waiting', 'taken_over', 'refused', 'successor_at_limit', 'failed'];
const ICON: Record<Status, IconName> = { waiting: 'clock', taken_over: 'check', refused: 'x', successor_at_limit: 'alert', failed: 'alert' };
const SHOWN = 300;

export function HandoverRecords({ open, onOpen, tagNames }: { open: string | null; onOpen: (id: string | null) => void; tagNames: Map<string, string> }) {
  const [list, setList] = useState<{ id: string; kind: 'onjob' | 'resigned'; handoverName: string; createdAt: string; customers: number }[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) return;
    let live = true;
    void getApi().call['admin.handover.list']({}).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(userMessageOf(r.error));
      setList(r.value.handovers);
    });
    return () => {
      live = false;
    };
  }, [open]);
  if (open) return <HandoverDetail id={open} onBack={() => onOpen(null)} tagNames={tagNames} />;
  return (
    <div data-testid="handover-records">
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {list === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {list?.length === 0 ? <p className="muted pad">{t.handover.recordsEmpty}</p> : null}
      <ul className="alist">
        {list?.map((h) => (
          <li key={h.id}>
            <button type="button" className="rrow-btn" onClick={() => onOpen(h.id)} data-testid="handover-record">
              <span className="rrow-name">{h.handoverName}</span>
              <span className="rrow-meta">
                {t.handover.recordLine(t.handover.kindLabel[h.kind], h.customers)} · {formatWhen(h.createdAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function HandoverDetail({ id, onBack, tagNames }: { id: string; onBack: () => void; tagNames: Map<string, string> }) {
  const [h, setH] = useState<HandoverView | null>(null);
  const [filter, setFilter] = useState<Status | 'all'>('all');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void getApi().call['admin.handover.get']({ id }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(userMessageOf(r.error));
      setH(r.value);
    });
    return () => {
      live = false;
    };
  }, [id]);
  const refresh = async () => {
    setBusy(true);
    const r = await getApi().call['admin.handover.refresh']({ id });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setH(r.value);
  };
  const names = (ids: string[]) => ids.map((x) => tagNames.get(x) ?? x).join('、');
  const items = h ? h.items.filter((i) => filter === 'all' || i.status === filter) : [];
  return (
    <div data-testid="handover-detail">
      <div className="ahead">
        <button type="button" className="btn btn-small" onClick={onBack}>
          {t.handover.back}
        </button>
        <h2 className="ahead-title">
          {h ? h.handoverName : ''}
          {h ? <span className="asection-count">{t.handover.recordLine(t.handover.kindLabel[h.kind], h.items.length)}</span> : null}
        </h2>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => void refresh()} data-testid="handover-refresh">
          <Icon name="refresh" size={11} /> {busy ? t.handover.refreshing : t.handover.refresh}
        </button>
      </div>
      <p className="hint pad-x">{t.handover.refreshHint}</p>
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {h ? (
        <>
          <div className="ho-counts" role="group" aria-label={t.handover.filterAll}>
            <button type="button" className={`ho-count ${filter === 'all' ? 'on' : ''}`} aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              {t.handover.filterAll} {h.items.length}
            </button>
            {STATUSES.filter((s) => h.counts[s]).map((s) => (
              <button key={s} type="button" className={`ho-count ho-${s} ${filter === s ? 'on' : ''}`} aria-pressed={filter === s} onClick={() => setFilter(s)} data-testid={`handover-count-${s}`}>
                <Icon name={ICON[s]} size={10} /> {t.handover.status[s]} {h.counts[s]}
              </button>
            ))}
          </div>
          <ul className="alist">
            {items.slice(0, SHOWN).map((i) => (
              <li key={i.externalUserid} className="lrow ho-item" data-testid="handover-item" data-status={i.status}>
                <div className="lrow-main">
                  <div className="lrow-target">
                    {i.customerName || i.externalUserid} <span className="muted">{t.handover.toSuccessor(i.takeoverName)}</span>
                  </div>
                  <div className="lrow-meta ho-why">
                    {i.status === 'failed' ? i.errorText : i.status === 'taken_over' ? (i.checkedAt ? (i.repairedTagIds.length ? t.handover.tagsRepaired(names(i.repairedTagIds)) : t.handover.tagsIntact(i.beforeTagIds.length)) : t.handover.tagsUnchecked) : t.handover.statusHint[i.status]}
                  </div>
                </div>
                <span className={`ho-status ho-${i.status}`} data-testid="handover-item-status">
                  <Icon name={ICON[i.status]} size={10} /> {t.handover.status[i.status]}
                </span>
              </li>
            ))}
          </ul>
          {items.length > SHOWN ? <p className="hint pad-x">{t.handover.itemsMore(items.length - SHOWN)}</p> : null}
        </>
      ) : !error ? (
        <p className="muted pad">{t.loading}</p>
      ) : null}
    </div>
  );
}
