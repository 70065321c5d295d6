// The successor's side: approved entries from a colleague's packet for each customer taken
// over. Plain entries can be taken together; a sensitive one (a risk or a refusal, such as
// 讨厌销售跟进) is taken only after its own confirmation, so its meaning is neither lost nor
// turned around. Declining is explicit too; nothing disappears unanswered.
import { useEffect, useMemo, useState } from 'react';
import type { InheritedEntryView } from '../../src-shared/team-api/handover-packet';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { Icon } from '../panel/Icon';
import { useUiStore } from '../state/ui-store';
import { userMessageOf } from '../util/errors';
import { formatWhen } from '../util/format';

type Entry = InheritedEntryView & { alreadyHave: boolean };
const keyOf = (e: { packetId: string; seq: number }) => `${e.packetId}#${e.seq}`;

export function PacketInbox() {
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [notes, setNotes] = useState<{ externalUserid: string; customerName: string; fromName: string; text: string; receivedAt: string }[]>([]);
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const showToast = useUiStore((s) => s.showToast);

  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void getApi().call['handover.packet.inherited']({}).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(userMessageOf(r.error));
      setEntries(r.value.entries);
      setNotes(r.value.notes);
    });
    return () => {
      live = false;
    };
  }, [round]);

  const groups = useMemo(() => {
    const m = new Map<string, Entry[]>();
    for (const e of entries ?? []) m.set(`${e.externalUserid}|${e.from}`, [...(m.get(`${e.externalUserid}|${e.from}`) ?? []), e]);
    return [...m.values()];
  }, [entries]);

  const answer = async (list: Entry[], claim: 'accepted' | 'declined') => {
    setBusy(true);
    const r = await getApi().call['handover.packet.answer']({ answers: list.map((e) => ({ packetId: e.packetId, seq: e.seq, claim, confirmed: confirmed.has(keyOf(e)) })) });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    showToast(claim === 'accepted' ? t.handover.acceptedToast(r.value.accepted) : t.handover.declinedToast);
    setRound((n) => n + 1);
  };

  return (
    <div data-testid="packet-inbox">
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {entries === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {entries?.length === 0 ? <p className="muted pad">{t.handover.inboxEmpty}</p> : null}
      {entries?.length ? <p className="pk-intro">{t.handover.inboxIntro}</p> : null}
      {groups.map((list) => {
        const first = list[0]!;
        const plain = list.filter((e) => !e.sensitive);
        return (
          <section key={`${first.externalUserid}|${first.from}`} className="pk-cust" data-testid="inbox-customer" data-customer={first.customerName} aria-label={t.handover.inboxFrom(first.fromName, first.customerName)}>
            <div className="pk-cust-head">
              <strong>{first.customerName}</strong>
              <span className="pk-corp">{t.handover.fromLabel(first.fromName)}</span>
            </div>
            <ul className="pk-entries">
              {list.map((e) => {
                const k = keyOf(e);
                const needs = e.sensitive && !confirmed.has(k);
                return (
                  <li key={k} className="pk-entry" data-testid="inbox-entry" data-sensitive={e.sensitive}>
                    <span className="muted">{t.handover.kind[e.kind]}</span>
                    <span className={`pk-text ${e.kind === 'note' ? 'pk-note-text' : ''}`}>{e.text}</span>
                    {e.sensitive ? (
                      <span className="pk-state pk-sensitive">
                        <Icon name="alert" size={10} /> {t.handover.sensitiveMark}：{e.reasons.join('；')}
                      </span>
                    ) : null}
                    {e.alreadyHave ? <span className="pk-state">{t.handover.alreadyHave}</span> : null}
                    {e.sensitive ? (
                      <label className="pk-confirm">
                        <input
                          type="checkbox"
                          checked={confirmed.has(k)}
                          data-testid="inbox-confirm"
                          onChange={(ev) => {
                            const next = new Set(confirmed);
                            if (ev.target.checked) next.add(k); else next.delete(k);
                            setConfirmed(next);
                          }}
                        />
                        {t.handover.confirmSensitive}
                      </label>
                    ) : null}
                    <span className="pk-actions">
                      <button type="button" className="btn btn-small btn-primary" disabled={busy || needs} title={needs ? t.handover.confirmFirst : undefined} onClick={() => void answer([e], 'accepted')} data-testid="inbox-accept">
                        {t.handover.accept}
                      </button>
                      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void answer([e], 'declined')} data-testid="inbox-decline">
                        {t.handover.decline}
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
            {plain.length > 1 ? (
              <div className="ho-actions">
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => void answer(plain, 'accepted')} data-testid="inbox-accept-plain">
                  {t.handover.acceptAllPlain(plain.length)}
                </button>
              </div>
            ) : null}
          </section>
        );
      })}
      {notes.length ? (
        <section aria-label={t.handover.notesTitle} data-testid="inbox-notes">
          <h3 className="asection-h">{t.handover.notesTitle}</h3>
          {notes.map((n, i) => (
            <div key={i} className="pk-sent">
              <div className="pk-sent-head">
                <strong>{n.customerName}</strong>
                <span className="pk-fate">{t.handover.noteFrom(n.fromName, formatWhen(n.receivedAt))}</span>
              </div>
              <p className="pk-reason">{n.text}</p>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
