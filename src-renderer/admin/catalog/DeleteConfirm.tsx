// Deleting a tag or a group. Every delete is confirmed once (snapshot first, 72 h in the
// recycle bin). When the server answers that more than 200 customers carry it, the admin types
// the name to confirm, and is told a snapshot is taken and the security contacts are alerted;
// the second call carries the server's confirmation token.
import { useEffect, useRef, useState } from 'react';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { userMessageOf } from '../../util/errors';
import { InlineError } from '../../ui/InlineError';

const m = t.catalogAdmin;

export interface DeleteTarget {
  kind: 'tag' | 'group';
  id: string;
  name: string;
}

export function DeleteConfirm({ target, onCancel, onDeleted }: { target: DeleteTarget; onCancel: () => void; onDeleted: (toast: string) => void }) {
  const [wide, setWide] = useState<{ usage: number; token: string } | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const typedRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLButtonElement>('button[data-first]')?.focus();
  }, []);
  useEffect(() => {
    if (wide) typedRef.current?.focus();
  }, [wide]);

  const run = async (confirmToken?: string) => {
    setBusy(true);
    const ids = target.kind === 'group' ? { groupId: target.id } : { tagIds: [target.id] };
    const r = await getApi().call['admin.catalog.delete']({ ...ids, ...(confirmToken ? { confirmToken } : {}) });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    if (r.value.status === 'confirmation_required') {
      setError(null);
      setTyped('');
      setWide({ usage: r.value.usage, token: r.value.confirmToken });
      return;
    }
    onDeleted(m.deleted(target.name, r.value.usage));
  };

  const matches = typed.trim() === target.name;
  return (
    <div
      ref={box}
      className={`cat-confirm ${wide ? 'cat-confirm-wide' : ''}`}
      role="alertdialog"
      aria-labelledby="cat-confirm-h"
      aria-describedby="cat-confirm-d"
      data-testid={wide ? 'catalog-delete-wide' : 'catalog-delete-confirm'}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      {wide ? (
        <>
          <h4 id="cat-confirm-h" className="cat-confirm-h">
            <Icon name="alert" size={12} /> {m.wideTitle(wide.usage)}
          </h4>
          <div id="cat-confirm-d">
            <p className="cat-confirm-p">{m.wideBody}</p>
            <ul className="cat-confirm-list" data-testid="catalog-delete-wide-facts">
              <li>{m.wideSnapshot}</li>
              <li>{m.wideRecycle}</li>
              <li>{m.wideAlert}</li>
            </ul>
          </div>
          <label className="efield">
            <span className="field-label">{m.wideType(target.name)}</span>
            <input ref={typedRef} className="input input-small" value={typed} autoComplete="off" aria-invalid={typed !== '' && !matches} data-testid="catalog-delete-type" onChange={(e) => setTyped(e.target.value)} />
            {typed !== '' && !matches ? <span className="field-error">{m.wideTypeMismatch}</span> : null}
          </label>
        </>
      ) : (
        <>
          <h4 id="cat-confirm-h" className="cat-confirm-h">
            {m.confirmDeleteTitle(target.name)}
          </h4>
          <p id="cat-confirm-d" className="cat-confirm-p">
            {m.confirmDeleteBody}
          </p>
        </>
      )}
      <InlineError message={error} />
      <div className="cat-actions">
        <button type="button" className="btn btn-small" data-first="" onClick={onCancel}>
          {m.cancel}
        </button>
        {wide ? (
          <button type="button" className="btn btn-small cat-danger-solid" disabled={busy || !matches} data-testid="catalog-delete-wide-confirm" onClick={() => void run(wide.token)}>
            {m.wideConfirm}
          </button>
        ) : (
          <button type="button" className="btn btn-small btn-danger" disabled={busy} data-testid="catalog-delete-confirm-yes" onClick={() => void run()}>
            {m.confirmDelete}
          </button>
        )}
      </div>
    </div>
  );
}
