// The conflicts inbox: each parked change in plain Chinese with main's choices; dropping a
// change asks for the reason (it is audited).
import { useEffect, useRef, useState } from 'react';
import type { ConflictView } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { useConflictsStore } from '../state/conflicts-store';
import { useUiStore } from '../state/ui-store';
import { formatWhen, customerLabel } from '../util/format';

function ConflictRow({ c, focused }: { c: ConflictView; focused: boolean }) {
  const { resolve, rowErrors } = useConflictsStore();
  const [dropping, setDropping] = useState(false);
  const [reason, setReason] = useState('');
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focused) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [focused]);
  return (
    <li ref={ref} className={`conflict ${focused ? 'focused' : ''}`} data-testid="conflict">
      <div className="conflict-head">
        <strong>{customerLabel(c.customerName, c.externalUserid)}</strong>
        <span className="muted">{formatWhen(c.at)}</span>
      </div>
      <div className="conflict-wanted">{c.wanted}</div>
      <div className="conflict-happened">{c.happened}</div>
      {c.serverValue ? <div className="muted">{t.conflictServerValue(c.serverValue)}</div> : null}
      <div className="conflict-choices">
        {c.choices.map((ch, i) =>
          ch.kind === 'drop' ? (
            <button key={i} type="button" className="btn btn-small" aria-expanded={dropping} onClick={() => setDropping((v) => !v)}>
              {ch.label}
            </button>
          ) : (
            <button
              key={i}
              type="button"
              className="btn btn-small"
              onClick={() => void resolve(c.id, ch.kind === 'pick-replacement' ? { kind: ch.kind, tagId: ch.tagId, groupId: ch.groupId } : { kind: ch.kind })}
            >
              {ch.label}
            </button>
          ),
        )}
      </div>
      {dropping ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void resolve(c.id, { kind: 'drop', reason: reason.trim() });
          }}
        >
          <input className="input" aria-label={t.dropReason} placeholder={t.dropReasonPlaceholder} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          <button type="submit" className="btn btn-small btn-danger" disabled={reason.trim().length < 2}>
            {t.confirmDrop}
          </button>
        </form>
      ) : null}
      {rowErrors[c.id] ? (
        <p className="inline-error" role="alert">
          {rowErrors[c.id]}
        </p>
      ) : null}
    </li>
  );
}

export function ConflictsDrawer() {
  const { conflicts, loaded, error, load } = useConflictsStore();
  const focus = useUiStore((s) => s.focusConflict);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="drawer-body" data-testid="conflicts">
      {error ? <p className="inline-error" role="alert">{error}</p> : null}
      {loaded && conflicts.length === 0 && !error ? <p className="muted pad">{t.conflictsEmpty}</p> : null}
      <ul className="conflict-list">
        {conflicts.map((c) => (
          <ConflictRow key={c.id} c={c} focused={c.id === focus} />
        ))}
      </ul>
    </div>
  );
}
