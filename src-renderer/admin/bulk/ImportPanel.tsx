// CSV tag import: the file is read in the renderer and sent base64-encoded (its encoding is
// detected on the team server); the preview lists every row error with a suggestion in a
// virtualised list; committing starts one undoable batch.
import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportPreviewView } from '../../../src-shared/team-api/admin';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useBatchesStore } from '../../state/batches-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { InlineError } from '../../ui/InlineError';

/** About what the browser transport carries once base64-encoded (1 MiB). */
const MAX_BYTES = 700_000;

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportPanel({ onStarted }: { onStarted: (batchId: string) => void }) {
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const [skipErrors, setSkipErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const upsert = useBatchesStore((s) => s.upsert);
  const showToast = useUiStore((s) => s.showToast);
  const parent = useRef<HTMLDivElement>(null);
  const errors = preview?.errors ?? [];
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are only read during render here, never memoized
  const virtual = useVirtualizer({ count: errors.length, getScrollElement: () => parent.current, estimateSize: () => 46, overscan: 6 });

  const pick = async (f: File | undefined) => {
    setPreview(null);
    setError(null);
    if (!f) return setFile(null);
    if (f.size > MAX_BYTES) return setError(t.bulk.importTooLarge);
    const next = { name: f.name, base64: toBase64(await f.arrayBuffer()) };
    setFile(next);
    setBusy(true);
    const r = await getApi().call['admin.import.preview']({ fileBase64: next.base64, fileName: next.name });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setPreview(r.value);
  };

  const commit = async () => {
    if (!file) return;
    setBusy(true);
    const r = await getApi().call['admin.import.commit']({ fileBase64: file.base64, fileName: file.name, skipErrors });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    upsert(r.value.batch);
    showToast(t.bulk.importDone(r.value.ok, r.value.skipped));
    onStarted(r.value.batch.id);
  };

  return (
    <div className="efields" data-testid="import">
      <label className="efield">
        <span className="field-label">{t.bulk.importFile}</span>
        <input type="file" className="file" accept=".csv,text/csv" data-testid="import-file" onChange={(e) => void pick(e.target.files?.[0])} />
        <span className="hint">{t.bulk.importHint}</span>
      </label>
      {busy ? <p className="muted">{t.loading}</p> : null}
      <InlineError message={error} testId="import-error" />
      {preview ? (
        <div className="bulk-preview" role="status" data-testid="import-preview">
          <div className="bulk-preview-line">{t.bulk.importSummary(preview.rows, preview.ok, preview.errors.length)}</div>
          <div className="muted">{t.bulk.importEncoding(preview.encoding)}</div>
        </div>
      ) : null}
      {errors.length > 0 ? (
        <div ref={parent} className="vlist" role="list" data-testid="import-errors">
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((v) => {
              const e = errors[v.index]!;
              return (
                <div key={v.key} role="listitem" className="erow-err" style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${v.start}px)`, height: v.size }}>
                  <div className="erow-where">
                    <Icon name="alert" size={10} /> {t.bulk.importRow(e.row, e.column)}
                  </div>
                  <div className="erow-msg">
                    {e.message}
                    {e.suggestion ? <span className="erow-sug"> · {t.bulk.importSuggestion(e.suggestion)}</span> : null}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      ) : null}
      {preview ? (
        <div className="eactions-row form-actions">
          {errors.length > 0 ? (
            <label className="check">
              <input type="checkbox" checked={skipErrors} onChange={(e) => setSkipErrors(e.target.checked)} />
              {t.bulk.importSkip}
            </label>
          ) : null}
          <span className="eactions-note" />
          <button type="button" className="btn btn-small btn-primary" data-testid="import-commit" disabled={busy || preview.ok === 0 || (errors.length > 0 && !skipErrors)} onClick={() => void commit()}>
            {t.bulk.importCommit(preview.ok)}
          </button>
        </div>
      ) : null}
    </div>
  );
}
