// The preview of restoring the catalog and assignments as of a snapshot: what changes in the
// tag catalog (recreated, renamed back, deleted), how many customers get which tags back or
// taken off (with a few names), then the restore itself after an explicit confirmation. The
// assignments run as one batch, followed on 恢复进度 and undoable there.
import { useEffect, useState } from 'react';
import type { RestorePlanView } from '../../../src-shared/team-api/snapshot-restore';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useBatchesStore } from '../../state/batches-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { formatMoment, type Snapshot } from './snapshot-types';

/** Tags listed before "还有 N 个"; the counts above cover all of them. */
const TAGS_SHOWN = 30;

type Line = { key: string; kind: 'add' | 'remove' | 'rename' | 'skip' | 'same'; text: string; note?: string };

function catalogLines(p: RestorePlanView): Line[] {
  const s = t.snapshots;
  return [
    ...p.groups.recreate.map((g): Line => ({ key: `gc${g.groupId}`, kind: 'add', text: s.recreateGroup(g.groupName) })),
    ...p.groups.rename.map((g): Line => ({ key: `gr${g.groupId}`, kind: 'rename', text: s.renameGroup(g.now, g.then) })),
    ...p.groups.remove.map((g): Line => ({ key: `gd${g.groupId}`, kind: 'remove', text: s.removeGroup(g.groupName, g.tags) })),
    ...p.tags.recreate.map((x): Line => ({ key: `tc${x.tagId}`, kind: x.existingTagId ? 'same' : 'add', text: x.existingTagId ? s.remapTag(x.tagName, x.groupName) : s.recreateTag(x.tagName, x.groupName) })),
    ...p.tags.rename.map((x): Line => ({ key: `tr${x.tagId}`, kind: 'rename', text: s.renameTag(x.now, x.then) })),
    ...p.tags.remove.map((x): Line => ({ key: `td${x.tagId}`, kind: 'remove', text: s.removeTag(x.tagName, x.groupName, x.customers) })),
    ...p.skipped.map((x, i): Line => ({ key: `sk${i}`, kind: 'skip', text: s.skipped(x.name), note: x.reason })),
  ];
}

const ICON = { add: 'plus', remove: 'x', rename: 'refresh', skip: 'lock', same: 'check' } as const;

export function RestorePreview({ snapshot, onBack, onStarted }: { snapshot: Snapshot; onBack: () => void; onStarted: (batchId: string | null) => void }) {
  const [plan, setPlan] = useState<RestorePlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const upsert = useBatchesStore((s) => s.upsert);
  const showToast = useUiStore((s) => s.showToast);

  useEffect(() => {
    let live = true;
    void getApi()
      .call['admin.snapshots.restorePlan']({ id: snapshot.id })
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setError(userMessageOf(r.error));
        setError(null);
        setPlan(r.value);
      });
    return () => {
      live = false;
    };
  }, [snapshot.id, round]);

  const repreview = () => {
    setPlan(null);
    setError(null);
    setConfirmed(false);
    setRound((n) => n + 1);
  };

  const restore = async () => {
    if (!plan) return;
    setBusy(true);
    const r = await getApi().call['admin.snapshots.restore']({ id: snapshot.id, planToken: plan.planToken });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    if (r.value.skipped.length > plan.skipped.length) showToast(t.snapshots.skippedDuring(r.value.skipped.map((x) => x.name).join('、')));
    else showToast(r.value.batch ? t.snapshots.restored(plan.assignments.customers) : t.snapshots.restoredCatalogOnly);
    if (r.value.batch) upsert(r.value.batch);
    onStarted(r.value.batch?.id ?? null);
  };

  const lines = plan ? catalogLines(plan) : [];
  const a = plan?.assignments;
  const todo = plan ? lines.some((l) => l.kind !== 'same' && l.kind !== 'skip') || (a?.relations ?? 0) > 0 : false;
  return (
    <div className="snap-restore" data-testid="snap-restore">
      <div className="ahead">
        <button type="button" className="btn btn-small btn-ghost" onClick={onBack} aria-label={t.snapshots.back}>
          <Icon name="chevron" size={11} className="rot90" />
        </button>
        <h2 className="ahead-title">{t.snapshots.restoreTitle(formatMoment(snapshot.takenAt))}</h2>
      </div>
      <p className="hint pad-x">{snapshot.reason}</p>
      {error ? (
        <div className="pad-x">
          <p className="inline-error" role="alert" data-testid="snap-restore-error">
            {error}
          </p>
          <button type="button" className="btn btn-small" data-testid="snap-repreview" onClick={repreview}>
            {t.snapshots.repreview}
          </button>
        </div>
      ) : null}
      {!plan && !error ? (
        <p className="muted pad" role="status">
          {t.snapshots.planning}
        </p>
      ) : null}
      {plan && a ? (
        <>
          <section className="asection" aria-labelledby="snap-cat-h">
            <h3 id="snap-cat-h" className="asection-h">
              {t.snapshots.catalogH}
            </h3>
            {lines.length === 0 ? <p className="muted pad-x snap-none">{t.snapshots.catalogNone}</p> : null}
            <ul className="alist snap-lines" data-testid="snap-catalog">
              {lines.map((l) => (
                <li key={l.key} className={`snap-line snap-line-${l.kind}`} data-kind={l.kind} title={l.note}>
                  <Icon name={ICON[l.kind]} size={11} />
                  <span>
                    {l.text}
                    {l.note ? <span className="snap-note">{l.note}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section className="asection" aria-labelledby="snap-as-h">
            <h3 id="snap-as-h" className="asection-h">
              {t.snapshots.assignmentsH}
            </h3>
            {a.relations === 0 ? (
              <p className="muted pad-x snap-none">{t.snapshots.assignmentsNone}</p>
            ) : (
              <div className="snap-sum pad-x" data-testid="snap-assignments">
                <div className="snap-sum-main">{t.snapshots.assignmentsLine(a.customers, a.relations)}</div>
                <div className="snap-sum-counts">{t.snapshots.assignmentsCounts(a.add, a.remove)}</div>
              </div>
            )}
            <ul className="alist" data-testid="snap-per-tag">
              {a.perTag.slice(0, TAGS_SHOWN).map((x) => (
                <li key={x.tagId} className="snap-tag" data-testid="snap-tag-row">
                  <div className="snap-tag-line">
                    <span className="snap-tag-name">
                      {x.tagName}
                      <span className="snap-tag-group">{x.groupName}</span>
                    </span>
                    {x.add > 0 ? <span className="snap-delta snap-delta-add">{t.snapshots.perTagAdd(x.add)}</span> : null}
                    {x.remove > 0 ? <span className="snap-delta snap-delta-remove">{t.snapshots.perTagRemove(x.remove)}</span> : null}
                  </div>
                  {x.sample.length > 0 ? <div className="lrow-meta">{t.snapshots.sample(x.sample.map((c) => c.name || c.externalUserid.slice(-6)).join('、'))}</div> : null}
                </li>
              ))}
            </ul>
            {a.perTag.length > TAGS_SHOWN ? <p className="hint pad-x">{t.snapshots.moreTags(a.perTag.length - TAGS_SHOWN)}</p> : null}
            {a.gone > 0 ? <p className="hint pad-x">{t.snapshots.gone(a.gone)}</p> : null}
            {a.newer > 0 ? <p className="hint pad-x">{t.snapshots.newer(a.newer)}</p> : null}
          </section>
          {todo ? <p className="hint pad-x snap-semantics">{t.snapshots.semantics}</p> : null}
          {todo ? (
            <div className="eactions">
              <div className="eactions-row">
                <label className="check snap-confirm">
                  <input type="checkbox" data-testid="snap-confirm" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
                  {t.snapshots.confirm}
                </label>
                <span className="eactions-note" />
                <button type="button" className="btn btn-small btn-primary" data-testid="snap-restore-go" disabled={!confirmed || busy} onClick={() => void restore()}>
                  {busy ? t.snapshots.restoring : t.snapshots.restore}
                </button>
              </div>
            </div>
          ) : (
            <p className="ok-line pad-x" data-testid="snap-same">
              <Icon name="check" size={11} /> {t.snapshots.sameAsNow}
            </p>
          )}
        </>
      ) : null}
    </div>
  );
}
