// Hand-over packets in the supervisor's 审批 queue: each entry from a leaver's packet is
// approved or struck out before any successor sees it. Shows nothing when none wait.
import { useEffect, useState } from 'react';
import type { PacketView as Packet } from '../../src-shared/team-api/handover-packet';
import { getApi } from '../api/client';
import { t } from '../i18n/zh-CN';
import { Icon } from '../panel/Icon';
import { userMessageOf } from '../util/errors';
import { formatWhen } from '../util/format';
import '../styles/handover.css';

export function PacketReviewList() {
  const [packets, setPackets] = useState<Packet[]>([]);
  const [striking, setStriking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getApi().call['handover.packet.reviewList']({}).then((r) => {
      if (live && r.ok) setPackets(r.value.packets);
    });
    return () => {
      live = false;
    };
  }, []);

  const decide = async (p: Packet, decisions: { seq: number; decision: 'approve' | 'strike'; reason?: string }[]) => {
    setBusy(true);
    const r = await getApi().call['handover.packet.review']({ id: p.id, decisions });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setStriking(null);
    setReason('');
    setPackets((list) => (r.value.status === 'reviewed' ? list.filter((x) => x.id !== p.id) : list.map((x) => (x.id === p.id ? r.value : x))));
  };

  if (packets.length === 0) return null;
  return (
    <section className="pk-review" aria-label={t.handover.reviewTitle(packets.length)} data-testid="packet-review">
      <h3 className="asection-h">{t.handover.reviewTitle(packets.length)}</h3>
      <p className="hint pad-x">{t.handover.reviewHint}</p>
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {packets.map((p) => {
        const pending = p.entries.filter((e) => e.decision === 'pending');
        return (
          <div key={p.id} className="pk-review-packet" data-testid="packet-review-packet">
            <div className="pk-sent-head">
              <strong>{t.handover.reviewFrom(p.memberName, p.entries.length)}</strong>
              <span className="pk-fate">{formatWhen(p.createdAt)}</span>
            </div>
            {p.note ? <p className="pk-reason">{p.note}</p> : null}
            <ul className="pk-entries">
              {p.entries.map((e) => {
                const k = `${p.id}#${e.seq}`;
                return (
                  <li key={e.seq} className="pk-entry" data-testid="packet-review-entry" data-text={e.text ?? ''}>
                    <span className="muted">{e.customerName}</span>
                    <span className={`pk-text ${e.kind === 'note' ? 'pk-note-text' : ''} ${e.decision === 'struck' ? 'pk-blocked-text' : ''}`}>{e.text ?? t.handover.erased}</span>
                    {e.sensitive ? (
                      <span className="pk-state pk-sensitive">
                        <Icon name="alert" size={10} /> {e.reasons.join('；')}
                      </span>
                    ) : null}
                    {e.decision === 'pending' ? (
                      <span className="pk-actions">
                        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void decide(p, [{ seq: e.seq, decision: 'approve' }])} data-testid="packet-approve">
                          {t.handover.approve}
                        </button>
                        <button type="button" className="btn btn-small" disabled={busy} aria-expanded={striking === k} onClick={() => setStriking(striking === k ? null : k)} data-testid="packet-strike">
                          {t.handover.strike}
                        </button>
                      </span>
                    ) : (
                      <span className={`pk-fate ${e.decision === 'approved' ? 'ok' : 'bad'}`}>{t.handover.decision[e.decision]}</span>
                    )}
                    {striking === k ? (
                      <form
                        className="pk-strike-form"
                        onSubmit={(ev) => {
                          ev.preventDefault();
                          void decide(p, [{ seq: e.seq, decision: 'strike', ...(reason.trim() ? { reason: reason.trim() } : {}) }]);
                        }}
                      >
                        <input className="input" maxLength={200} placeholder={t.handover.strikeReason} aria-label={t.handover.strikeReason} value={reason} onChange={(ev) => setReason(ev.target.value)} data-testid="packet-strike-reason" />
                        <button type="submit" className="btn btn-small" disabled={busy} data-testid="packet-strike-confirm">
                          {t.handover.strikeConfirm}
                        </button>
                      </form>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {pending.length > 1 ? (
              <div className="ho-actions">
                <button type="button" className="btn btn-small" disabled={busy} onClick={() => void decide(p, pending.map((e) => ({ seq: e.seq, decision: 'approve' as const })))} data-testid="packet-approve-rest">
                  {t.handover.approveRest(pending.length)}
                </button>
              </div>
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
