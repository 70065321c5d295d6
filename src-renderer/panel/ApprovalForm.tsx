// The approval request form: for a sensitive existing tag, or for a new tag name proposed in a
// group (linted as a tag name). The reason is a draft kept across reloads until it is sent.
import { useRef, useState } from 'react';
import { getApi } from '../api/client';
import { draftKey } from '../cache/db';
import { useDraft } from '../hooks/useDraft';
import { useIme } from '../hooks/useIme';
import { useLint } from '../hooks/useLint';
import { t } from '../i18n/zh-CN';
import { useApprovalsStore } from '../state/approvals-store';
import { useAppStore } from '../state/app-store';
import { useCatalogStore } from '../state/catalog-store';
import { useCustomerStore } from '../state/customer-store';
import { useUiStore, type ApprovalTarget } from '../state/ui-store';
import { userMessageOf } from '../util/errors';
import { Icon } from './Icon';
import { LintedInput } from './LintedInput';
import { LintNotice, strictest } from './LintNotice';
import { InlineError } from '../ui/InlineError';

export function ApprovalForm({ target }: { target: ApprovalTarget }) {
  const externalUserid = useCustomerStore((s) => s.currentId);
  const member = useAppStore((s) => s.member?.userid ?? null);
  const catalog = useCatalogStore((s) => s.groups);
  const groups = catalog.filter((g) => g.canApply && !g.external);
  const { openApprovalForm, showToast } = useUiStore();
  const isNew = target.proposedName !== undefined;
  const [name, setName] = useState(target.proposedName ?? '');
  const [groupId, setGroupId] = useState(() => target.groupId ?? groups.find((g) => g.requiresApproval)?.groupId ?? groups[0]?.groupId ?? '');
  const [reason, setReason, clearReason] = useDraft(member && externalUserid ? draftKey(member, externalUserid, 'approval-reason') : null);
  const nameIme = useIme();
  const { lint, forText } = useLint(isNew ? name : '', 'tagName', nameIme.composing);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const lintNow = forText === name ? lint : null;
  const blocked = strictest(lintNow)?.action === 'block' ? strictest(lintNow)?.message : null;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!externalUserid || sending) return;
    setSending(true);
    setError(null);
    const r = await getApi().call['approvals.request'](
      isNew ? { externalUserid, groupId, proposedName: name.trim(), reason: reason.trim() } : { externalUserid, tagId: target.tagId, reason: reason.trim() },
    );
    setSending(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    clearReason();
    openApprovalForm(null);
    showToast(t.approvalSubmitted);
    void useCustomerStore.getState().reload();
    void useApprovalsStore.getState().loadMine();
  }

  return (
    <form className="sheet" role="dialog" aria-label={t.approvalRequestTitle} data-testid="approval-form" onSubmit={(e) => void submit(e)}>
      <div className="sheet-head">
        <strong>{t.approvalRequestTitle}</strong>
        <button type="button" className="icon-btn" aria-label={t.close} onClick={() => openApprovalForm(null)}>
          <Icon name="x" />
        </button>
      </div>
      {isNew ? (
        <>
          <label className="field-label" htmlFor="ap-group">
            {t.approvalGroupPick}
          </label>
          <select id="ap-group" className="select" value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            {groups.map((g) => (
              <option key={g.groupId} value={g.groupId}>
                {g.groupName}
              </option>
            ))}
          </select>
          <span className="field-label">{t.approvalNewTag}</span>
          <LintedInput value={name} onChange={setName} lint={lintNow} lintIsCurrent ime={nameIme.handlers} maxLength={30} label={t.approvalNewTag} describedBy="ap-name-lint" testId="approval-name" />
          <LintNotice id="ap-name-lint" lint={lintNow} text={name} onReplace={setName} />
        </>
      ) : (
        <p className="sheet-target">{t.approvalFor(target.label)}</p>
      )}
      <label className="field-label" htmlFor="ap-reason">
        {t.approvalReason}
      </label>
      <textarea
        id="ap-reason"
        ref={reasonRef}
        className="textarea"
        rows={3}
        maxLength={500}
        value={reason}
        placeholder={t.approvalReasonPlaceholder}
        autoFocus={!isNew}
        data-testid="approval-reason"
        onChange={(e) => setReason(e.target.value)}
      />
      {blocked ? <p className="inline-error">{blocked}</p> : null}
      <InlineError message={error} testId="approval-error" />
      <div className="sheet-actions">
        <button type="button" className="btn" onClick={() => openApprovalForm(null)}>
          {t.cancel}
        </button>
        <button type="submit" className="btn btn-primary" disabled={sending || Boolean(blocked) || reason.trim().length < 2 || (isNew && (!name.trim() || !groupId))} data-testid="approval-submit">
          {t.approvalSubmit}
        </button>
      </div>
    </form>
  );
}
