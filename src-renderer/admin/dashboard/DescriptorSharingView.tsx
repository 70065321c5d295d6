// 共享 for every member: their personal tags, each with an optional company descriptor. Choosing
// one asks for explicit consent (what is sent, what is not) before anything leaves the device;
// 撤回 withdraws it from the team server. The member keeps seeing their own tags either way.
import { useEffect, useRef, useState } from 'react';
import type { DescriptorSharing } from '../../../src-shared/ipc/index';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { userMessageOf } from '../../util/errors';
import { formatWhen } from '../../util/format';
import '../../styles/dashboard.css';

const d = t.dashboard;
type Tag = DescriptorSharing['tags'][number];

export function DescriptorSharingView() {
  const [state, setState] = useState<DescriptorSharing | null>(null);
  const [error, setError] = useState<{ tagId: number | null; message: string } | null>(null);
  const [asking, setAsking] = useState<{ tag: Tag; descriptorId: string } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    void getApi().call['descriptors.list']({}).then((r) => {
      if (!live) return;
      if (!r.ok) setError({ tagId: null, message: userMessageOf(r.error) });
      else setState(r.value);
    });
    return () => {
      live = false;
    };
  }, []);

  const nameOf = (id: string): string => state?.descriptors.find((x) => x.id === id)?.name ?? id;

  const consent = async () => {
    if (!asking) return;
    const { tag, descriptorId } = asking;
    setAsking(null);
    setBusy(tag.personalTagId);
    const r = await getApi().call['descriptors.consent']({ personalTagId: tag.personalTagId, descriptorId });
    setBusy(null);
    if (!r.ok) return setError({ tagId: tag.personalTagId, message: userMessageOf(r.error) });
    setError(null);
    setState(r.value);
  };

  const revoke = async (tag: Tag) => {
    setBusy(tag.personalTagId);
    const r = await getApi().call['descriptors.revoke']({ personalTagId: tag.personalTagId });
    setBusy(null);
    if (!r.ok) return setError({ tagId: tag.personalTagId, message: userMessageOf(r.error) });
    setError(null);
    setState(r.value);
  };

  return (
    <div className="admin share" data-testid="descriptor-sharing">
      <div className="ahead">
        <h2 className="ahead-title">{d.shareTitle}</h2>
      </div>
      <p className="share-intro">{d.shareIntro}</p>
      {error && error.tagId === null ? <p className="inline-error pad-x" role="alert">{error.message}</p> : null}
      {state === null && !error ? <p className="muted pad" role="status">{t.loading}</p> : null}
      {state?.tags.length === 0 ? <p className="muted pad">{d.shareNoTags}</p> : null}
      <ul className="alist">
        {state?.tags.map((tag) => (
          <li key={tag.personalTagId} className="srow" data-testid={`share-row-${tag.personalTagId}`}>
            <div className="srow-line">
              <span className="srow-tag">{tag.name}</span>
              <span className="srow-uses">{d.shareCustomers(tag.uses)}</span>
            </div>
            {tag.consent ? (
              <div className="srow-line">
                <span className={`srow-state ${tag.consent.status === 'revoking' ? 'srow-state-off' : ''}`} data-testid="share-state">
                  {tag.consent.status === 'revoking' ? d.revoking : d.shared(nameOf(tag.consent.descriptorId))}
                </span>
                {tag.consent.status === 'active' ? (
                  <button type="button" className="btn btn-small" disabled={busy === tag.personalTagId} onClick={() => void revoke(tag)} aria-label={d.shareRevokeLabel(tag.name)} data-testid="share-revoke">
                    {d.shareRevoke}
                  </button>
                ) : null}
              </div>
            ) : (
              <div className="srow-line">
                <select
                  className="select srow-select" value={asking?.tag.personalTagId === tag.personalTagId ? asking.descriptorId : ''} disabled={busy === tag.personalTagId} aria-label={d.shareSelectLabel(tag.name)} data-testid="share-select"
                  onChange={(e) => e.target.value && setAsking({ tag, descriptorId: e.target.value })}
                >
                  <option value="">{d.shareChoose}</option>
                  {state.descriptors.map((x) => <option key={x.id} value={x.id} title={x.hint}>{x.name}</option>)}
                </select>
              </div>
            )}
            {tag.consent?.status === 'active' ? (
              <p className="srow-meta">
                {tag.consent.publishError ? <span className="srow-error">{d.shareFailed(tag.consent.publishError)}</span>
                  : tag.consent.publishedAt ? d.sharedCount(tag.consent.publishedCustomers ?? 0, formatWhen(tag.consent.publishedAt)) : d.sharePending}
              </p>
            ) : null}
            {error?.tagId === tag.personalTagId ? <p className="inline-error" role="alert">{error.message}</p> : null}
            {asking?.tag.personalTagId === tag.personalTagId ? <ConsentBox tag={tag} descriptor={nameOf(asking.descriptorId)} hint={state.descriptors.find((x) => x.id === asking.descriptorId)?.hint ?? ''} onConfirm={() => void consent()} onCancel={() => setAsking(null)} /> : null}
          </li>
        ))}
      </ul>
      <p className="hint pad-x">{d.privacyNote}</p>
    </div>
  );
}

/** The explicit consent: says exactly what is sent and what is not, before anything is. */
function ConsentBox({ tag, descriptor, hint, onConfirm, onCancel }: { tag: Tag; descriptor: string; hint: string; onConfirm: () => void; onCancel: () => void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  return (
    <div className="consent" role="group" aria-label={d.shareConsentTitle} data-testid="share-consent" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p className="consent-h">{d.shareConsentTitle}</p>
      {hint ? <p className="consent-hint">{d.shareHint(descriptor, hint)}</p> : null}
      <p className="consent-body">{d.shareConsentBody(tag.name, descriptor, tag.uses)}</p>
      <div className="consent-actions">
        <button type="button" className="btn btn-small btn-primary" ref={confirmRef} onClick={onConfirm} data-testid="share-confirm">{d.shareConfirm}</button>
        <button type="button" className="btn btn-small" onClick={onCancel}>{d.shareCancel}</button>
      </div>
    </div>
  );
}
