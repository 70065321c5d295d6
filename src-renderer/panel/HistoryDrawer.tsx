// The customer's tag history on this device: enterprise changes and the member's own
// personal ones, newest first.
import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { userMessageOf } from '../util/errors';
import { formatWhen } from '../util/format';

export function HistoryDrawer({ externalUserid }: { externalUserid: string }) {
  const [state, setState] = useState<{ id: string; entries: HistoryEntry[] | null; error: string | null }>({ id: externalUserid, entries: null, error: null });
  useEffect(() => {
    let live = true;
    void getApi()
      .call['customers.history']({ externalUserid, limit: 100 })
      .then((r) => {
        if (!live) return;
        setState(r.ok ? { id: externalUserid, entries: r.value.entries, error: null } : { id: externalUserid, entries: [], error: userMessageOf(r.error) });
      });
    return () => {
      live = false;
    };
  }, [externalUserid]);
  const entries = state.id === externalUserid ? state.entries : null;
  return (
    <div className="drawer-body" data-testid="history">
      {state.error ? <p className="inline-error" role="alert">{state.error}</p> : null}
      {entries === null ? <p className="muted pad">{t.loading}</p> : null}
      {entries?.length === 0 && !state.error ? <p className="muted pad">{t.historyEmpty}</p> : null}
      <ol className="timeline">
        {entries?.map((e, i) => (
          <li key={`${e.at}-${i}`} className="tl-item">
            <span className={`tl-chain tl-${e.chain}`}>{t.historyChain[e.chain]}</span>
            <div className="tl-main">
              <div className="tl-summary">{e.summary}</div>
              <div className="tl-meta">
                {formatWhen(e.at)} · {e.actorName ?? e.actor} · {t.source[e.source] ?? e.source}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
