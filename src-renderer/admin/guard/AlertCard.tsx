// One suspicious-edit alert: who, what, when, from which device, the tag changes in short, the
// affected customers (each opens in the panel), and — while open — 撤销这批修改 and 忽略, each
// behind a confirmation; once reverted, the restoring batch's progress and outcome.
import { useEffect, useId, useMemo, useState } from 'react';
import type { Batch } from '../../../src-shared/team-api/admin';
import type { GuardAlertView } from '../../../src-shared/team-api/guard';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useAppStore } from '../../state/app-store';
import { useBatchesStore } from '../../state/batches-store';
import { useCustomerStore } from '../../state/customer-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { customerLabel, formatWhen } from '../../util/format';
import { useGuardStore } from './guard-store';

const FIRST_CUSTOMERS = 12;
const MORE_CUSTOMERS = 48;
const FIRST_TAGS = 4;

/** The changes in short: 移除「优质」×50 … , most frequent first. */
function tagLines(alert: GuardAlertView): { text: string; add: boolean }[] {
  const counts = new Map<string, { text: string; n: number; add: boolean }>();
  for (const c of alert.changes) {
    const tag = c.tagName ? (c.groupName ? `${c.groupName}:${c.tagName}` : c.tagName) : c.tagId;
    const key = `${c.action}\u0000${tag}`;
    const e = counts.get(key) ?? { text: tag, n: 0, add: c.action === 'tag.add' };
    e.n += 1;
    counts.set(key, e);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n).map((e) => ({ text: e.add ? t.guard.added(e.text, e.n) : t.guard.removed(e.text, e.n), add: e.add }));
}

function RevertProgress({ batch }: { batch: Batch }) {
  const settled = batch.total - batch.counts.pending;
  const pct = batch.total === 0 ? 100 : Math.round((settled / batch.total) * 100);
  const follow = () => {
    useBatchesStore.getState().show(batch.id);
    useUiStore.getState().setView('bulk');
  };
  return (
    <div className="gbatch" data-testid="guard-batch" data-status={batch.status}>
      <div className="gbatch-line">
        <span className="gbatch-h">{t.guard.batch}</span>
        <span className={`bstatus bstatus-${batch.status}`} data-testid="guard-batch-status">
          {t.guard.batchStatus[batch.status] ?? batch.status}
        </span>
        <button type="button" className="btn btn-small btn-ghost" onClick={follow}>
          {t.guard.batchOpen}
        </button>
      </div>
      <div className="prog-bar" role="progressbar" aria-valuemin={0} aria-valuemax={batch.total} aria-valuenow={settled} aria-label={t.guard.batch}>
        <span className={`prog-fill ${batch.status}`} style={{ width: `${pct}%` }} />
      </div>
      <div className="gbatch-counts" data-testid="guard-batch-counts">
        {t.guard.batchProgress(settled, batch.total)} · {t.guard.batchCounts(batch.counts.done, batch.counts.unchanged, batch.counts.failed)}
      </div>
    </div>
  );
}

type Peek = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ok'; relations: { userid: string; tags: string[] }[] };

/**
 * A customer who is not on this device (a team member's, not the supervisor's own) cannot open
 * in the panel; the chip shows their tags in WeCom now, per member, from the team server.
 */
function CustomerPeek({ id, peek, memberName }: { id: string; peek: Peek; memberName: (userid: string) => string }) {
  return (
    <div className="gpeek" data-testid="guard-peek" data-external-userid={id} role="region" aria-label={t.guard.peekTitle}>
      <span className="gpeek-h">{t.guard.peekTitle}</span>
      {peek.state === 'loading' ? <span className="muted">{t.loading}</span> : null}
      {peek.state === 'error' ? <span className="inline-error">{peek.message}</span> : null}
      {peek.state === 'ok' && peek.relations.length === 0 ? <span className="muted">{t.guard.peekNone}</span> : null}
      {peek.state === 'ok'
        ? peek.relations.map((r) => (
            <div key={r.userid} className="gpeek-rel">
              <span className="gpeek-who">{memberName(r.userid)}</span>
              <span className="gpeek-tags">{r.tags.length ? r.tags.map((x) => <span key={x} className="ccode-tag">{x}</span>) : <span className="muted">{t.guard.peekNoTags}</span>}</span>
            </div>
          ))
        : null}
      <span className="hint">{t.guard.peekWhy}</span>
    </div>
  );
}

function Customers({ ids, serverNames, memberName }: { ids: string[]; serverNames: Record<string, string>; memberName: (userid: string) => string }) {
  // Paged: an alert about a 2,000-customer batch shows them a page at a time.
  const [limit, setLimit] = useState(FIRST_CUSTOMERS);
  const [peekId, setPeekId] = useState<string | null>(null);
  const [peek, setPeek] = useState<Peek>({ state: 'loading' });
  const names = useGuardStore((s) => s.names);
  const lookupNames = useGuardStore((s) => s.lookupNames);
  const shown = useMemo(() => ids.slice(0, limit), [ids, limit]);
  useEffect(() => {
    void lookupNames(shown);
  }, [shown, lookupNames]);
  const pick = (id: string) => {
    // On this device: open it in the panel. Otherwise: its tags in WeCom, here.
    if (names[id]) return void useCustomerStore.getState().open(id);
    if (peekId === id) return setPeekId(null);
    setPeekId(id);
    setPeek({ state: 'loading' });
    void getApi().call['admin.customer.tagsAsOf']({ externalUserid: id, at: new Date().toISOString() }).then((r) => {
      if (!r.ok) return setPeek({ state: 'error', message: userMessageOf(r.error) });
      setPeek({ state: 'ok', relations: r.value.relations.map((x) => ({ userid: x.userid, tags: x.tags.map((tag) => (tag.tagName ? (tag.groupName ? `${tag.groupName}:${tag.tagName}` : tag.tagName) : tag.tagId)) })) });
    });
  };
  return (
    <div className="gcust">
      <span className="gcust-h">{t.guard.customers}</span>
      <ul className="gcust-list" aria-label={t.guard.customers}>
        {shown.map((id) => {
          const label = customerLabel(names[id] ?? serverNames[id] ?? null, id);
          const local = Boolean(names[id]);
          return (
            <li key={id}>
              <button
                type="button"
                className={`gcust-chip ${local ? 'gcust-local' : ''}`}
                data-testid="guard-customer"
                data-external-userid={id}
                data-local={local ? 'true' : 'false'}
                aria-expanded={local ? undefined : peekId === id}
                aria-label={local ? t.guard.openCustomer(label) : t.guard.peekCustomer(label)}
                onClick={() => pick(id)}
              >
                {label}
              </button>
            </li>
          );
        })}
        {ids.length > limit ? (
          <li>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setLimit(limit + MORE_CUSTOMERS)}>
              {t.guard.moreCustomers(Math.min(MORE_CUSTOMERS, ids.length - limit), ids.length)}
            </button>
          </li>
        ) : null}
      </ul>
      {peekId ? <CustomerPeek id={peekId} peek={peek} memberName={memberName} /> : null}
    </div>
  );
}

export function AlertCard({ alert }: { alert: GuardAlertView }) {
  const { revert, dismiss, refreshAlert, busy, actionErrors, batches } = useGuardStore();
  const showToast = useUiStore((s) => s.showToast);
  const me = useAppStore((s) => s.member);
  const [confirm, setConfirm] = useState<'revert' | 'dismiss' | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const noteId = useId();
  const lines = tagLines(alert);
  const from = typeof alert.details.from === 'string' ? alert.details.from : alert.createdAt;
  const to = typeof alert.details.to === 'string' ? alert.details.to : alert.updatedAt;
  const revertable = alert.kind !== 'blocked_attempts' && alert.changes.length > 0;
  const batch = alert.revertBatchId ? batches[alert.revertBatchId] : undefined;
  const working = busy === alert.id;
  const error = actionErrors[alert.id];

  const doRevert = () =>
    void revert(alert.id).then((b) => {
      if (b) showToast(t.guard.revertStarted);
      setConfirm(null);
    });
  const doDismiss = () => {
    if (!note.trim()) return setNoteError(t.guard.dismissNeedNote);
    void dismiss(alert.id, note.trim()).then((ok) => {
      if (ok) showToast(t.guard.dismissed);
    });
  };

  return (
    <li className={`galert galert-${alert.status}`} data-testid="guard-alert" data-alert-id={alert.id} data-kind={alert.kind} data-status={alert.status}>
      <div className="galert-top">
        <span className={`gkind gkind-${alert.kind}`}>
          <Icon name="alert" size={10} /> {t.guard.kinds[alert.kind] ?? alert.kind}
        </span>
        {alert.status !== 'open' ? <span className="pill" data-testid="guard-alert-status">{t.guard.status[alert.status]}</span> : null}
        <span className="galert-when" title={new Date(alert.createdAt).toLocaleString()}>
          {formatWhen(alert.createdAt)}
        </span>
      </div>
      <p className="galert-summary" data-testid="guard-alert-summary">
        {alert.summary}
      </p>
      <div className="galert-meta">
        <span className="galert-who">
          <Icon name="user" size={10} /> {alert.actorName}
        </span>
        <span className="galert-device">{alert.device ? t.guard.device(alert.device) : t.guard.noDevice}</span>
        {formatWhen(from) !== formatWhen(to) ? <span>{t.guard.window(formatWhen(from), formatWhen(to))}</span> : null}
      </div>
      {alert.changes.length > 0 ? (
        <div className="galert-tags">
          <span className="muted">{t.guard.changesLine(alert.changes.length, alert.customers.length)}</span>
          {lines.slice(0, FIRST_TAGS).map((l) => (
            <span key={l.text} className={l.add ? 'gtag-add' : 'gtag-remove'}>
              {l.text}
            </span>
          ))}
          {lines.length > FIRST_TAGS ? <span className="muted">{t.guard.more(lines.length - FIRST_TAGS)}</span> : null}
        </div>
      ) : null}
      {alert.customers.length > 0 ? <Customers ids={alert.customers} serverNames={alert.customerNames} memberName={(u) => (u === alert.actor ? alert.actorName : u)} /> : null}

      {alert.status !== 'open' && alert.resolvedBy ? (
        <div className="galert-resolved">
          {(alert.status === 'reverted' ? t.guard.revertedBy : t.guard.dismissedBy)(alert.resolvedBy === me?.userid ? me.name : alert.resolvedBy, alert.resolvedAt ? formatWhen(alert.resolvedAt) : '')}
          {alert.note ? <span className="galert-note"> · {alert.note}</span> : null}
        </div>
      ) : null}
      {batch ? <RevertProgress batch={batch} /> : null}

      {alert.status === 'open' ? (
        <div className="galert-actions">
          {confirm === null ? (
            <>
              {revertable ? (
                <button type="button" className="btn btn-small btn-danger" data-testid="guard-revert" onClick={() => {
                    // The confirmation names what will be restored: read the alert as it is now.
                    void refreshAlert(alert.id);
                    setConfirm('revert');
                  }}>
                  {t.guard.revert}
                </button>
              ) : (
                <span className="hint">{t.guard.revertNothing}</span>
              )}
              <button type="button" className="btn btn-small" data-testid="guard-dismiss" onClick={() => setConfirm('dismiss')}>
                {t.guard.dismiss}
              </button>
            </>
          ) : null}
          {confirm === 'revert' ? (
            <div className="gconfirm" role="group" aria-label={t.guard.revert}>
              <p className="gconfirm-text">{t.guard.revertConfirm(alert.customers.length, alert.changes.length)}</p>
              <div className="gconfirm-row">
                <button type="button" className="btn btn-small btn-danger-solid" data-testid="guard-revert-confirm" disabled={working} onClick={doRevert}>
                  {working ? t.guard.reverting : t.guard.revertDo}
                </button>
                <button type="button" className="btn btn-small" disabled={working} onClick={() => setConfirm(null)}>
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : null}
          {confirm === 'dismiss' ? (
            <div className="gconfirm" role="group" aria-label={t.guard.dismiss}>
              <label className="field-label" htmlFor={noteId}>
                {t.guard.dismissLabel}
              </label>
              <textarea
                id={noteId}
                className="textarea gnote"
                data-testid="guard-dismiss-note"
                value={note}
                maxLength={500}
                rows={2}
                placeholder={t.guard.dismissPlaceholder}
                aria-invalid={noteError ? 'true' : 'false'}
                autoFocus
                onChange={(e) => {
                  setNote(e.target.value);
                  setNoteError(null);
                }}
              />
              {noteError ? (
                <p className="field-error" role="alert">
                  {noteError}
                </p>
              ) : null}
              <div className="gconfirm-row">
                <button type="button" className="btn btn-small btn-primary" data-testid="guard-dismiss-confirm" disabled={working} onClick={doDismiss}>
                  {t.guard.dismissDo}
                </button>
                <button type="button" className="btn btn-small" disabled={working} onClick={() => setConfirm(null)}>
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
