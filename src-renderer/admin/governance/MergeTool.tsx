// The merge tool: pick the tag that survives and the tags merged into it, preview the
// customers it touches (the bulk preview over `A 或 B`), then run it as one audited batch
// (source 合并) whose progress and undo live on the 批次 tab.
import { useState } from 'react';
import type { BulkPreview } from '../../../src-shared/team-api/admin';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { TagPicker } from '../bulk/TagPicker';
import { useBatchesStore } from '../../state/batches-store';
import { userMessageOf } from '../../util/errors';

const g = t.governance;

/** A tag-set expression matching any of the tags, group-qualified and quoted (names may hold operators). */
export function anyOfQuery(ids: readonly string[], groups: { groupName: string; tags: { tagId: string; name: string }[] }[]): string | null {
  const parts: string[] = [];
  for (const id of ids) {
    const group = groups.find((x) => x.tags.some((tag) => tag.tagId === id));
    const tag = group?.tags.find((x) => x.tagId === id);
    if (!group || !tag || /[「」]/.test(group.groupName + tag.name)) return null;
    parts.push(`「${group.groupName}」:「${tag.name}」`);
  }
  return parts.join(' 或 ');
}

export function MergeTool({ keep, from, onChange, onStarted }: { keep: string | null; from: string[]; onChange: (keep: string | null, from: string[]) => void; onStarted: (batchId: string) => void }) {
  const { groups, tagNames, upsert, rememberNames } = useBatchesStore();
  const [preview, setPreview] = useState<{ key: string; value: BulkPreview } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'run' | null>(null);
  const [error, setError] = useState<{ where: 'keep' | 'from' | 'general'; message: string } | null>(null);
  const key = JSON.stringify([keep, from]);
  const current = preview?.key === key;

  const check = (): boolean => {
    if (!keep) return setError({ where: 'keep', message: g.mergeNeedKeep }), false;
    if (from.length === 0) return setError({ where: 'from', message: g.mergeNeedFrom }), false;
    if (from.includes(keep)) return setError({ where: 'from', message: g.mergeSame }), false;
    return true;
  };

  const runPreview = async () => {
    if (!check()) return;
    const query = anyOfQuery(from, groups);
    if (!query) return setError({ where: 'from', message: g.mergeNothing });
    setBusy('preview');
    const r = await getApi().call['admin.bulk.preview']({ selector: { query }, add: [keep!], remove: from });
    setBusy(null);
    if (!r.ok) return setError({ where: 'general', message: userMessageOf(r.error) });
    setError(null);
    rememberNames(r.value.sample.map((s) => [s.externalUserid, s.customerName]));
    setPreview({ key, value: r.value });
  };

  const run = async () => {
    if (!check()) return;
    setBusy('run');
    const r = await getApi().call['admin.governance.merge']({ fromTagIds: from, toTagId: keep! });
    setBusy(null);
    if (!r.ok) return setError({ where: 'general', message: userMessageOf(r.error) });
    upsert(r.value);
    setPreview(null);
    onStarted(r.value.id);
  };

  const p = preview?.value;
  return (
    <form
      className="efields gov-merge"
      data-testid="gov-merge"
      onSubmit={(e) => {
        e.preventDefault();
        void runPreview();
      }}
    >
      <p className="hint">{g.mergeIntro}</p>
      <TagPicker label={g.mergeKeep} value={keep ? [keep] : []} testId="merge-keep" exclude={from} onChange={(ids) => { onChange(ids.at(-1) ?? null, from); setError(null); }} />
      {error?.where === 'keep' ? <p className="field-error" role="alert">{error.message}</p> : null}
      <TagPicker label={g.mergeFrom} value={from} testId="merge-from" exclude={keep ? [keep] : []} onChange={(ids) => { onChange(keep, ids); setError(null); }} />
      {error?.where === 'from' ? <p className="field-error" role="alert">{error.message}</p> : null}
      {keep && from.length ? (
        <p className="gov-direction" aria-live="polite">
          {from.map((id) => tagNames.get(id) ?? id).join('、')} → {tagNames.get(keep) ?? keep}
        </p>
      ) : null}
      {p && current ? (
        <div className="bulk-preview gov-preview" data-testid="merge-preview" role="status">
          <p className="bulk-preview-line">
            <strong>{g.mergeAffected(p.customers, p.relations)}</strong>
          </p>
          <p className="bulk-preview-line">{g.mergeWillChange(p.willChange)}</p>
          {p.sample.length > 0 ? (
            <p className="bulk-preview-line muted">
              {g.mergeSample}：{[...new Set(p.sample.map((s) => s.customerName || s.externalUserid))].slice(0, 8).join('、')}
            </p>
          ) : null}
          {p.refused > 0 ? (
            <p className="inline-error" data-testid="merge-refused">
              {g.mergeRefused(p.refused, p.refusals[0]?.reason ?? '')}
            </p>
          ) : null}
          <p className="hint">{g.mergeAudit}</p>
        </div>
      ) : null}
      {p && !current ? <p className="hint">{g.mergeStale}</p> : null}
      {error?.where === 'general' ? <p className="inline-error" role="alert">{error.message}</p> : null}
      <div className="gov-actions">
        <button type="submit" className="btn btn-small" disabled={busy !== null} data-testid="merge-preview-run">
          {busy === 'preview' ? g.mergePreviewing : g.mergePreview}
        </button>
        <button type="button" className="btn btn-small btn-primary" disabled={busy !== null || !current || (p?.customers ?? 0) === 0 || (p?.refused ?? 0) > 0} data-testid="merge-run" onClick={() => void run()}>
          {busy === 'run' ? g.mergeRunning : g.mergeRun}
        </button>
      </div>
    </form>
  );
}
