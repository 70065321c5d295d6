// Batches: the list (newest first) and the open one — a progress bar with counts and ETA,
// pause/resume/cancel while it runs, undo of the whole batch once it stopped, and every
// customer's result in a virtualised list.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Batch, BatchItem } from '../../../src-shared/team-api/admin';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useBatchesStore, type BatchAction } from '../../state/batches-store';
import { useUiStore } from '../../state/ui-store';
import { formatWhen } from '../../util/format';
import { InlineError } from '../../ui/InlineError';

const POLL_MS = 1500;
const STATUSES: BatchItem['status'][] = ['done', 'unchanged', 'failed', 'pending'];

export function etaText(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 5) return t.bulk.etaSoon;
  if (seconds < 60) return t.bulk.eta(t.bulk.seconds(Math.ceil(seconds)));
  if (seconds < 3600) return t.bulk.eta(t.minutes(Math.ceil(seconds / 60)));
  return t.bulk.eta(t.hours(Math.floor(seconds / 3600), Math.round((seconds % 3600) / 60)));
}

function Progress({ batch }: { batch: Batch }) {
  const settled = batch.total - batch.counts.pending;
  const pct = batch.total === 0 ? 100 : Math.round((settled / batch.total) * 100);
  const failedPct = batch.total === 0 ? 0 : (batch.counts.failed / batch.total) * 100;
  return (
    <div className="prog">
      <div className="prog-bar" role="progressbar" aria-valuemin={0} aria-valuemax={batch.total} aria-valuenow={settled} aria-label={batch.title} data-testid="batch-progress">
        <span className={`prog-fill ${batch.status}`} style={{ width: `${pct}%` }} />
        {failedPct > 0 ? <span className="prog-failed" style={{ width: `${failedPct}%` }} /> : null}
      </div>
      <div className="prog-line">
        <span className="prog-num" data-testid="batch-settled">
          {t.bulk.progress(settled, batch.total)}
        </span>
        <span className="prog-eta">{batch.status === 'running' ? etaText(batch.etaSeconds) : null}</span>
      </div>
      <div className="prog-counts" data-testid="batch-counts">
        {t.bulk.counts(batch.counts.done, batch.counts.unchanged, batch.counts.failed, batch.counts.pending)}
      </div>
    </div>
  );
}

function Items() {
  const { items, itemsFilter, setItemsFilter, tagNames, customerNames, loadMoreItems } = useBatchesStore();
  const parent = useRef<HTMLDivElement>(null);
  const rows = items ?? [];
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are only read during render here, never memoized
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => parent.current, estimateSize: () => 40, overscan: 8 });
  const names = (ids: string[]) => ids.map((id) => tagNames.get(id) ?? id).join('、');
  // Near the end of what is loaded: ask for the next page.
  const last = virtual.getVirtualItems().at(-1)?.index ?? 0;
  useEffect(() => {
    if (rows.length > 0 && last >= rows.length - 20) void loadMoreItems();
  }, [last, rows.length, loadMoreItems]);
  return (
    <section className="asection" aria-labelledby="items-h">
      <div className="field-row pad-x">
        <h3 id="items-h" className="asection-h flush">
          {t.bulk.items}
        </h3>
        <select className="select select-small" aria-label={t.bulk.itemsFilter} value={itemsFilter} onChange={(e) => setItemsFilter(e.target.value as BatchItem['status'] | '')}>
          <option value="">{t.bulk.itemsAll}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t.bulk.itemStatus[s]}
            </option>
          ))}
        </select>
      </div>
      {items === null ? <p className="muted pad">{t.loading}</p> : null}
      {items?.length === 0 ? <p className="muted pad">{t.bulk.itemsEmpty}</p> : null}
      <div ref={parent} className="vlist" data-testid="batch-items" role="list">
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const it = rows[v.index]!;
            return (
              <div key={v.key} role="listitem" className={`irow irow-${it.status}`} data-testid="batch-item" data-status={it.status} style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)`, height: v.size }}>
                <span className={`istatus istatus-${it.status}`}>
                  <Icon name={it.status === 'failed' ? 'x' : it.status === 'pending' ? 'clock' : 'check'} size={10} /> {t.bulk.itemStatus[it.status]}
                </span>
                <span className="imain">
                  <span className="iid">
                    {customerNames.get(it.externalUserid) ? <span className="iname">{customerNames.get(it.externalUserid)} </span> : null}
                    <span className="mono">{it.externalUserid}</span>
                  </span>
                  <span className="idelta">
                    {it.add.length ? <span className="iadd">{t.bulk.itemAdd(names(it.add))}</span> : null}
                    {it.remove.length ? <span className="iremove">{t.bulk.itemRemove(names(it.remove))}</span> : null}
                    {it.error ? <span className="ierr">{it.error}</span> : null}
                  </span>
                </span>
                <span className="iwho">{it.userid}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}

function BatchDetail({ batch }: { batch: Batch }) {
  const { act, show, actionError, items, loadItems } = useBatchesStore();
  // A finished batch has nothing pending: results read just before its last chunk settled
  // are read again, once.
  const reread = useRef<string | null>(null);
  const stalePending = batch.status === 'done' && (items?.some((i) => i.status === 'pending') ?? false);
  useEffect(() => {
    if (!stalePending || reread.current === batch.id) return;
    reread.current = batch.id;
    void loadItems();
  }, [stalePending, batch.id, loadItems]);
  const showToast = useUiStore((s) => s.showToast);
  const run = (a: BatchAction) =>
    void act(batch.id, a).then((b) => {
      if (b && a === 'undo') {
        showToast(t.bulk.undoStarted);
        show(b.id);
      }
    });
  const stopped = batch.status === 'done' || batch.status === 'cancelled';
  return (
    <div className="bdetail" data-testid="batch-detail" data-status={batch.status} data-batch-id={batch.id}>
      <div className="ahead">
        <button type="button" className="btn btn-small btn-ghost" onClick={() => show(null)} aria-label={t.bulk.tabs.batches}>
          <Icon name="chevron" size={11} className="rot90" />
        </button>
        <h2 className="ahead-title">{batch.title}</h2>
        <span className={`bstatus bstatus-${batch.status}`} data-testid="batch-status">
          {batch.undoneBy ? t.bulk.undone : t.bulk.status[batch.status]}
        </span>
      </div>
      <div className="bbody">
        <div className="bmeta">
          {t.bulk.kinds[batch.kind] ?? batch.kind} · {t.bulk.by(batch.createdBy)} · {formatWhen(batch.createdAt)}
        </div>
        <Progress batch={batch} />
        <InlineError message={actionError} />
        <div className="bactions">
          {batch.status === 'running' ? (
            <button type="button" className="btn btn-small" data-testid="batch-pause" onClick={() => run('pause')}>
              {t.bulk.pause}
            </button>
          ) : null}
          {batch.status === 'paused' ? (
            <button type="button" className="btn btn-small btn-primary" data-testid="batch-resume" onClick={() => run('resume')}>
              {t.bulk.resume}
            </button>
          ) : null}
          {!stopped ? (
            <button type="button" className="btn btn-small btn-danger" data-testid="batch-cancel" onClick={() => run('cancel')}>
              {t.bulk.cancel}
            </button>
          ) : null}
          {stopped && !batch.undoneBy && batch.kind !== 'undo' ? (
            <button type="button" className="btn btn-small" data-testid="batch-undo" onClick={() => run('undo')}>
              <Icon name="refresh" size={11} /> {t.bulk.undo}
            </button>
          ) : null}
        </div>
      </div>
      <Items />
    </div>
  );
}

export function BatchesPanel() {
  const { batches, error, open, load, refresh, show } = useBatchesStore();
  const current = batches?.find((b) => b.id === open) ?? null;
  useEffect(() => {
    void load();
  }, [load]);
  // Events carry progress; a slow poll covers a missed one while the open batch runs.
  const running = current?.status === 'running';
  useEffect(() => {
    if (!open || !running) return;
    const timer = setInterval(() => void refresh(open), POLL_MS);
    return () => clearInterval(timer);
  }, [open, running, refresh]);

  if (open && current) return <BatchDetail batch={current} />;
  return (
    <div data-testid="batch-list">
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {batches === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {batches?.length === 0 ? <p className="muted pad">{t.bulk.batchesEmpty}</p> : null}
      <ul className="alist">
        {batches?.map((b) => {
          const settled = b.total - b.counts.pending;
          return (
            <li key={b.id}>
              <button type="button" className="brow" data-testid="batch-row" onClick={() => show(b.id)}>
                <span className="brow-line">
                  <span className="brow-title">{b.title}</span>
                  <span className={`bstatus bstatus-${b.status}`}>{b.undoneBy ? t.bulk.undone : t.bulk.status[b.status]}</span>
                </span>
                <span className="brow-bar" aria-hidden="true">
                  <span className={`prog-fill ${b.status}`} style={{ width: `${b.total ? (settled / b.total) * 100 : 100}%` }} />
                </span>
                <span className="brow-meta">
                  {t.bulk.kinds[b.kind] ?? b.kind} · {t.bulk.progress(settled, b.total)} · {formatWhen(b.createdAt)}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
