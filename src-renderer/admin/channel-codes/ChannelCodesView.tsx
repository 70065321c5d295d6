// The 渠道活码 screen for admins: every live channel code with its tags, members, WeCom's QR
// link and how many customers came through it; create, edit and delete (behind a confirmation).
import { useCallback, useEffect, useState } from 'react';
import type { ChannelCodeView } from '../../../src-shared/team-api/channel-codes';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useBatchesStore } from '../../state/batches-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { formatNumber, formatWhen } from '../../util/format';
import { CodeForm } from './CodeForm';
import '../../styles/guard.css';
import { InlineError } from '../../ui/InlineError';

type Member = { userid: string; name: string };

function CodeCard({ code, members, onEdit, onDeleted }: { code: ChannelCodeView; members: Member[]; onEdit: () => void; onDeleted: () => void }) {
  const tagNames = useBatchesStore((s) => s.tagNames);
  const showToast = useUiStore((s) => s.showToast);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => members.find((m) => m.userid === id)?.name ?? id;
  const copy = () =>
    void navigator.clipboard.writeText(code.qrCode ?? '').then(
      () => showToast(t.channelCodes.copied),
      () => showToast(t.channelCodes.copyFailed),
    );
  const remove = async () => {
    setBusy(true);
    const r = await getApi().call['channel.codes.delete']({ id: code.id });
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    showToast(t.channelCodes.deleted(code.name));
    onDeleted();
  };
  return (
    <li className="ccode" data-testid="channel-code" data-code-id={code.id} data-state={code.state}>
      <div className="ccode-top">
        <span className="ccode-name">{code.name}</span>
        <span className="ccode-count" data-testid="channel-code-customers" data-count={code.customers}>
          {t.channelCodes.customers(formatNumber(code.customers))}
        </span>
      </div>
      <div className="ccode-tags">
        {code.tagIds.map((id) => (
          <span key={id} className="ccode-tag" data-testid="channel-code-tag">
            {tagNames.get(id) ?? id}
          </span>
        ))}
      </div>
      <div className="ccode-meta">
        <Icon name="user" size={10} /> {t.channelCodes.members(code.users.map(nameOf).join('、'))}
        {code.users.length > 1 ? <span className="pill">{t.channelCodes.roundRobin}</span> : null}
      </div>
      {code.qrCode ? (
        <div className="ccode-link">
          <span className="ccode-link-h">{t.channelCodes.link}</span>
          <input className="input mono ccode-url" readOnly value={code.qrCode} aria-label={t.channelCodes.link} data-testid="channel-code-link" onFocus={(e) => e.target.select()} />
          <button type="button" className="btn btn-small" onClick={copy}>
            {t.channelCodes.copy}
          </button>
        </div>
      ) : (
        <p className="hint">{t.channelCodes.noLink}</p>
      )}
      <div className="ccode-foot">
        <span className="muted">{t.channelCodes.createdBy(nameOf(code.createdBy), formatWhen(code.createdAt))}</span>
        {!confirming ? (
          <span className="ccode-actions">
            <button type="button" className="btn btn-small" data-testid="channel-code-edit" onClick={onEdit}>
              {t.channelCodes.edit}
            </button>
            <button type="button" className="btn btn-small btn-danger" data-testid="channel-code-delete" onClick={() => setConfirming(true)}>
              {t.channelCodes.delete}
            </button>
          </span>
        ) : null}
      </div>
      {confirming ? (
        <div className="gconfirm" role="group" aria-label={t.channelCodes.delete}>
          <p className="gconfirm-text">{t.channelCodes.deleteConfirm(code.name)}</p>
          <div className="gconfirm-row">
            <button type="button" className="btn btn-small btn-danger-solid" data-testid="channel-code-delete-confirm" disabled={busy} onClick={() => void remove()}>
              {t.channelCodes.deleteDo}
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </div>
        </div>
      ) : null}
      <InlineError message={error} />
    </li>
  );
}

export function ChannelCodesView() {
  const [codes, setCodes] = useState<ChannelCodeView[] | null>(null);
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  /** null: the list; 'new': the create form; a code: its editor. */
  const [editing, setEditing] = useState<ChannelCodeView | 'new' | null>(null);
  const showToast = useUiStore((s) => s.showToast);
  type ListAnswer = Awaited<ReturnType<ReturnType<typeof getApi>['call']['channel.codes.list']>>;
  const apply = useCallback((r: ListAnswer) => {
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setCodes(r.value.codes);
    setMembers(r.value.members);
  }, []);
  const load = useCallback(() => getApi().call['channel.codes.list']({}).then(apply), [apply]);
  useEffect(() => {
    void getApi().call['channel.codes.list']({}).then(apply);
    void useBatchesStore.getState().loadCatalog();
  }, [apply]);

  return (
    <div className="admin ccodes" data-testid="channel-codes">
      <div className="ahead">
        <h2 className="ahead-title">{t.channelCodes.title}</h2>
        {editing === null ? (
          <button type="button" className="icon-btn grefresh" data-testid="channel-code-refresh" aria-label={t.channelCodes.refresh} title={t.channelCodes.refresh} onClick={() => void load()}>
            <Icon name="refresh" size={12} />
          </button>
        ) : null}
        {editing === null ? (
          <button type="button" className="btn btn-small btn-primary" data-testid="channel-code-new" onClick={() => setEditing('new')}>
            <Icon name="plus" size={10} /> {t.channelCodes.create}
          </button>
        ) : null}
      </div>
      {editing !== null ? (
        <CodeForm
          code={editing === 'new' ? null : editing}
          members={members}
          onCancel={() => setEditing(null)}
          onDone={(saved) => {
            showToast(editing === 'new' ? t.channelCodes.created(saved.name) : t.channelCodes.saved(saved.name));
            setEditing(null);
            void load();
          }}
        />
      ) : (
        <>
          <p className="hint pad-x dintro">{t.channelCodes.intro}</p>
          {error ? (
            <p className="inline-error pad-x" role="alert">
              {error}
            </p>
          ) : null}
          {codes === null && !error ? <p className="muted pad">{t.loading}</p> : null}
          {codes?.length === 0 ? <p className="gempty">{t.channelCodes.empty}</p> : null}
          {codes && codes.length > 0 ? (
            <ul className="alist ccode-list" data-testid="channel-code-list">
              {codes.map((c) => (
                <CodeCard key={c.id} code={c} members={members} onEdit={() => setEditing(c)} onDeleted={() => void load()} />
              ))}
            </ul>
          ) : null}
        </>
      )}
    </div>
  );
}
