// The leaver's packet: customers carrying personal tags on this device, each tag checked by the
// company's linter (ok / sensitive / cannot go), an optional hand-over note per customer checked
// as it is typed, and the packets already sent with the fate of every entry.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PacketCheckView, PacketDraftCustomer } from '../../src-shared/ipc/index';
import type { PacketView as Packet } from '../../src-shared/team-api/handover-packet';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { Icon } from '../panel/Icon';
import { useUiStore } from '../state/ui-store';
import { userMessageOf } from '../util/errors';
import { formatWhen } from '../util/format';
import { InlineError } from '../ui/InlineError';

const SHOWN = 200;

export function CheckState({ check }: { check: PacketCheckView }) {
  if (check.status === 'ok') return null;
  const bad = check.status === 'blocked';
  return (
    <>
      <span className={`pk-state ${bad ? 'pk-blocked' : 'pk-sensitive'}`} data-testid={`packet-state-${check.status}`}>
        <Icon name={bad ? 'x' : 'alert'} size={10} /> {t.handover.entryState[check.status]}
      </span>
      <p className={`pk-reason ${bad ? 'bad' : ''}`}>{check.reasons.join('；')}</p>
    </>
  );
}

export function PacketBuilder() {
  const [draft, setDraft] = useState<PacketDraftCustomer[] | null>(null);
  const [sent, setSent] = useState<Packet[]>([]);
  const [included, setIncluded] = useState<Set<string>>(new Set());
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [noteChecks, setNoteChecks] = useState<Record<string, PacketCheckView>>({});
  const [packetNote, setPacketNote] = useState('');
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const showToast = useUiStore((s) => s.showToast);
  const timers = useRef<Record<string, ReturnType<typeof setTimeout>>>({});

  useEffect(() => {
    let live = true;
    void Promise.all([getApi().call['handover.packet.draft']({}), getApi().call['handover.packet.mine']({})]).then(([d, m]) => {
      if (!live) return;
      if (!d.ok) return setError(userMessageOf(d.error));
      setDraft(d.value.customers);
      if (m.ok) setSent(m.value.packets);
    });
    return () => {
      live = false;
    };
  }, []);

  const setNote = (ext: string, text: string) => {
    setNotes((n) => ({ ...n, [ext]: text }));
    clearTimeout(timers.current[ext]);
    if (!text.trim()) return setNoteChecks(({ [ext]: _gone, ...rest }) => rest);
    timers.current[ext] = setTimeout(() => {
      void getApi().call['handover.packet.check']({ kind: 'note', text }).then((r) => {
        if (r.ok) setNoteChecks((c) => ({ ...c, [ext]: r.value }));
      });
    }, 250);
  };

  const plan = useMemo(() => {
    const entries: { externalUserid: string; kind: 'tag' | 'note'; text: string }[] = [];
    let sensitive = 0;
    let blocked = 0;
    for (const c of draft ?? []) {
      if (!included.has(c.externalUserid)) continue;
      for (const tag of c.tags) {
        if (tag.check.status === 'blocked') blocked++;
        else {
          entries.push({ externalUserid: c.externalUserid, kind: 'tag', text: tag.name });
          if (tag.check.status === 'sensitive') sensitive++;
        }
      }
      const note = notes[c.externalUserid]?.trim();
      const check = noteChecks[c.externalUserid];
      if (note) {
        if (check?.status === 'blocked') blocked++;
        else {
          entries.push({ externalUserid: c.externalUserid, kind: 'note', text: note });
          if (check?.status === 'sensitive') sensitive++;
        }
      }
    }
    return { entries, sensitive, blocked };
  }, [draft, included, notes, noteChecks]);
  const checking = [...included].some((ext) => notes[ext]?.trim() && !noteChecks[ext]);

  const send = async () => {
    if (plan.entries.length === 0) return setError(t.handover.nothingToSend);
    setBusy(true);
    const r = await getApi().call['handover.packet.send']({ entries: plan.entries, ...(packetNote.trim() ? { note: packetNote.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setIncluded(new Set());
    setNotes({});
    setNoteChecks({});
    setPacketNote('');
    showToast(t.handover.sent);
    setSent((s) => [r.value, ...s]);
  };

  const shown = (draft ?? []).filter((c) => !filter.trim() || c.name.includes(filter.trim()));
  return (
    <div data-testid="packet-builder">
      <p className="pk-intro">{t.handover.packetIntro}</p>
      {draft === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {draft?.length === 0 ? <p className="muted pad">{t.handover.packetEmptyDraft}</p> : null}
      {draft?.length ? (
        <section aria-label={t.handover.packetCustomers(draft.length)}>
          <h3 className="asection-h">{t.handover.packetCustomers(draft.length)}</h3>
          {draft.length > 8 ? (
            <div className="pad-x">
              <input className="input ho-wide" type="search" placeholder={t.handover.packetFilter} aria-label={t.handover.packetFilter} value={filter} onChange={(e) => setFilter(e.target.value)} />
            </div>
          ) : null}
          {shown.slice(0, SHOWN).map((c) => {
            const on = included.has(c.externalUserid);
            const noteCheck = noteChecks[c.externalUserid];
            return (
              <div key={c.externalUserid} className="pk-cust" data-testid="packet-customer" data-customer={c.name}>
                <div className="pk-cust-head">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={on}
                      aria-label={`${t.handover.include}：${c.name}`}
                      data-testid="packet-include"
                      onChange={(e) => {
                        const next = new Set(included);
                        if (e.target.checked) next.add(c.externalUserid); else next.delete(c.externalUserid);
                        setIncluded(next);
                      }}
                    />
                    {c.name}
                  </label>
                  {c.corpName ? <span className="pk-corp">{c.corpName}</span> : null}
                </div>
                <ul className="pk-entries">
                  {c.tags.map((tag) => (
                    <li key={tag.name} className="pk-entry" data-testid="packet-tag">
                      <span className={`pk-text ${tag.check.status === 'blocked' ? 'pk-blocked-text' : ''}`}>{tag.name}</span>
                      <CheckState check={tag.check} />
                    </li>
                  ))}
                </ul>
                {on ? (
                  <div className="pk-note">
                    <label className="field-label" htmlFor={`pk-note-${c.externalUserid}`}>
                      {t.handover.noteLabel}
                    </label>
                    <textarea
                      id={`pk-note-${c.externalUserid}`}
                      className="textarea"
                      maxLength={500}
                      placeholder={t.handover.notePlaceholder}
                      value={notes[c.externalUserid] ?? ''}
                      aria-invalid={noteCheck?.status === 'blocked'}
                      data-testid="packet-note"
                      onChange={(e) => setNote(c.externalUserid, e.target.value)}
                    />
                    {noteCheck ? (
                      <div className="pk-entry" data-testid="packet-note-check">
                        <CheckState check={noteCheck} />
                        {noteCheck.suggestion ? (
                          <button type="button" className="btn btn-small" onClick={() => setNote(c.externalUserid, noteCheck.suggestion!)}>
                            {t.handover.useSuggestion(noteCheck.suggestion)}
                          </button>
                        ) : null}
                      </div>
                    ) : null}
                  </div>
                ) : null}
              </div>
            );
          })}
          {shown.length > SHOWN ? <p className="hint pad-x">{t.handover.pickMore(shown.length - SHOWN)}</p> : null}
        </section>
      ) : null}
      {included.size > 0 ? (
        <div className="pk-foot" data-testid="packet-foot">
          <p className="pk-foot-line">
            <span data-testid="packet-summary">{t.handover.summary(plan.entries.length, plan.sensitive)}</span>
            {plan.blocked ? (
              <span className="pk-blocked" role="status" data-testid="packet-summary-blocked">
                {' · '}
                {t.handover.summaryBlocked(plan.blocked)}
              </span>
            ) : null}
          </p>
          <InlineError message={error} />
          <div className="pk-foot-row">
            <input className="input" maxLength={200} placeholder={t.handover.packetNote} aria-label={t.handover.packetNote} value={packetNote} onChange={(e) => setPacketNote(e.target.value)} />
            <button type="button" className="btn btn-primary" disabled={busy || checking || plan.entries.length === 0} onClick={() => void send()} data-testid="packet-send">
              {busy ? t.handover.sending : checking ? t.handover.checking : t.handover.send}
            </button>
          </div>
        </div>
      ) : error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {sent.length ? (
        <section aria-label={t.handover.sentTitle} data-testid="packet-sent">
          <h3 className="asection-h">{t.handover.sentTitle}</h3>
          {sent.map((p) => (
            <div key={p.id} className="pk-sent" data-testid="packet-sent-row">
              <div className="pk-sent-head">
                <span>{t.handover.sentLine(p.entries.length, formatWhen(p.createdAt))}</span>
                <span className="pill">{t.handover.packetStatus[p.status]}</span>
              </div>
              <ul className="pk-entries">
                {p.entries.map((e) => (
                  <li key={e.seq} className="pk-entry" data-testid="packet-sent-entry">
                    <span className="muted">{e.customerName}</span>
                    <span className={`pk-text ${e.kind === 'note' ? 'pk-note-text' : ''}`}>{e.text ?? t.handover.erased}</span>
                    <span className={`pk-fate ${e.claim === 'accepted' || (!e.claim && e.decision === 'approved') ? 'ok' : e.decision === 'struck' ? 'bad' : ''}`}>
                      {e.claim ? t.handover.claim[e.claim] : t.handover.decision[e.decision]}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
