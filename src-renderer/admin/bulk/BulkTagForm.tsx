// Bulk tagging: customers by a tag-set expression or pasted ids, tags to add and remove, a
// preview of what would change (and what is refused or unknown), then a batch.
import { useMemo, useState } from 'react';
import type { BulkPreview } from '../../../src-shared/team-api/admin';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useBatchesStore } from '../../state/batches-store';
import { userMessageOf } from '../../util/errors';
import { TagPicker } from './TagPicker';

const parseIds = (text: string): string[] => [...new Set(text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean))];

export function BulkTagForm({ onStarted }: { onStarted: (batchId: string) => void }) {
  const [mode, setMode] = useState<'query' | 'ids'>('ids');
  const [query, setQuery] = useState('');
  const [idsText, setIdsText] = useState('');
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);
  const [title, setTitle] = useState('');
  const [preview, setPreview] = useState<{ key: string; value: BulkPreview } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'start' | null>(null);
  const [error, setError] = useState<{ where: 'selection' | 'tags' | 'general'; message: string } | null>(null);
  const { upsert, rememberNames } = useBatchesStore();
  const ids = useMemo(() => parseIds(idsText), [idsText]);

  const args = () => ({
    selector: mode === 'query' ? { query: query.trim() } : { externalUserids: ids },
    add,
    remove,
    ...(title.trim() ? { title: title.trim() } : {}),
  });
  const key = JSON.stringify(args());
  const current = preview !== null && preview.key === key;
  const ready = (mode === 'query' ? query.trim() !== '' : ids.length > 0) && add.length + remove.length > 0;

  const fail = (e: Parameters<typeof userMessageOf>[0]) => {
    const path = e.issues?.[0]?.path ?? '';
    setError({ where: path.startsWith('selector') ? 'selection' : path === 'add' || path === 'remove' ? 'tags' : 'general', message: userMessageOf(e) });
  };

  const runPreview = async () => {
    if (!ready) {
      setError(add.length + remove.length === 0 ? { where: 'tags', message: t.bulk.needTags } : { where: 'selection', message: t.bulk.needSelection });
      return;
    }
    setBusy('preview');
    const r = await getApi().call['admin.bulk.preview'](args());
    setBusy(null);
    if (!r.ok) return fail(r.error);
    setError(null);
    rememberNames(r.value.sample.map((s) => [s.externalUserid, s.customerName]));
    setPreview({ key, value: r.value });
  };

  const start = async () => {
    setBusy('start');
    const r = await getApi().call['admin.bulk.start'](args());
    setBusy(null);
    if (!r.ok) return fail(r.error);
    upsert(r.value);
    onStarted(r.value.id);
  };

  const p = preview?.value;
  return (
    <form
      className="efields bulk-form"
      data-testid="bulk-form"
      onSubmit={(e) => {
        e.preventDefault();
        void runPreview();
      }}
    >
      <div className="efield" role="radiogroup" aria-label={t.bulk.select}>
        <span className="field-label">{t.bulk.select}</span>
        <div className="seg">
          <button type="button" role="radio" aria-checked={mode === 'ids'} className={`seg-btn ${mode === 'ids' ? 'on' : ''}`} data-testid="bulk-mode-ids" onClick={() => setMode('ids')}>
            {t.bulk.byIds}
          </button>
          <button type="button" role="radio" aria-checked={mode === 'query'} className={`seg-btn ${mode === 'query' ? 'on' : ''}`} data-testid="bulk-mode-query" onClick={() => setMode('query')}>
            {t.bulk.byQuery}
          </button>
        </div>
      </div>
      {mode === 'query' ? (
        <label className="efield">
          <span className="field-label">{t.bulk.query}</span>
          <input className="input mono" data-testid="bulk-query" value={query} placeholder={t.bulk.queryPlaceholder} onChange={(e) => setQuery(e.target.value)} aria-invalid={error?.where === 'selection' || undefined} />
        </label>
      ) : (
        <label className="efield">
          <span className="field-row">
            <span className="field-label">{t.bulk.ids}</span>
            <span className="counter">{t.bulk.idsCount(ids.length)}</span>
          </span>
          <textarea className="textarea ids mono" data-testid="bulk-ids" rows={4} value={idsText} onChange={(e) => setIdsText(e.target.value)} spellCheck={false} aria-invalid={error?.where === 'selection' || undefined} />
        </label>
      )}
      {error?.where === 'selection' ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <div className="egrid egrid-2">
        <TagPicker label={t.bulk.add} value={add} onChange={setAdd} testId="bulk-add" exclude={remove} />
        <TagPicker label={t.bulk.remove} value={remove} onChange={setRemove} testId="bulk-remove" exclude={add} />
      </div>
      {error?.where === 'tags' ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      <label className="efield">
        <span className="field-label">{t.bulk.title}</span>
        <input className="input" value={title} maxLength={100} placeholder={t.bulk.titlePlaceholder} onChange={(e) => setTitle(e.target.value)} />
      </label>

      {p ? (
        <div className={`bulk-preview ${current ? '' : 'stale'}`} data-testid="bulk-preview" role="status">
          <div className="bulk-preview-line">{t.bulk.previewLine(p.customers, p.relations, p.willChange)}</div>
          {p.unknownIds.length > 0 ? (
            <div className="warn-line">
              <Icon name="alert" size={11} /> {t.bulk.unknownIds(p.unknownIds.length)}：<span className="mono">{p.unknownIds.slice(0, 5).join('、')}</span>
            </div>
          ) : null}
          {p.refused > 0 ? (
            <div className="bad-line">
              <Icon name="x" size={11} /> {t.bulk.refused(p.refused)}：{p.refusals[0]?.reason}
            </div>
          ) : null}
          {p.sample.length > 0 ? <div className="names">{[...new Map(p.sample.map((s) => [s.externalUserid, s.customerName])).values()].join('、')}</div> : null}
        </div>
      ) : null}
      {error?.where === 'general' ? (
        <p className="inline-error" role="alert" data-testid="bulk-error">
          {error.message}
        </p>
      ) : null}
      <div className="eactions-row form-actions">
        <span className="eactions-note">{p && !current ? t.mass.stale : ''}</span>
        <button type="submit" className="btn btn-small" data-testid="bulk-preview-btn" disabled={busy !== null}>
          {busy === 'preview' ? t.bulk.previewing : t.bulk.preview}
        </button>
        <button type="button" className="btn btn-small btn-primary" data-testid="bulk-start" disabled={!current || busy !== null || (p?.refused ?? 0) > 0 || p?.willChange === 0} onClick={() => void start()}>
          {busy === 'start' ? t.bulk.starting : t.bulk.start}
        </button>
      </div>
    </form>
  );
}
