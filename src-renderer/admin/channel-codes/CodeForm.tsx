// Creating or editing a channel code: its name, the members customers reach through it (several
// take turns) and the channel tags new customers get. Field problems show beside the field; the
// server's answer (WeCom's, in Chinese) shows below the buttons and nothing typed is lost.
import { useId, useState } from 'react';
import type { ChannelCodeView } from '../../../src-shared/team-api/channel-codes';
import { channelCodeInputSchema } from '../../../src-shared/team-api/channel-codes';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { userMessageOf } from '../../util/errors';
import { TagPicker } from '../bulk/TagPicker';
import { InlineError } from '../../ui/InlineError';

type Field = 'name' | 'tagIds' | 'users';

export function CodeForm({ code, members, onDone, onCancel }: { code: ChannelCodeView | null; members: { userid: string; name: string }[]; onDone: (saved: ChannelCodeView) => void; onCancel: () => void }) {
  const [name, setName] = useState(code?.name ?? '');
  const [tagIds, setTagIds] = useState<string[]>(code?.tagIds ?? []);
  const [users, setUsers] = useState<string[]>(code?.users ?? []);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameId = useId();
  const usersId = useId();
  const nameOf = (id: string) => members.find((m) => m.userid === id)?.name ?? id;
  const single = code !== null && code.users.length === 1;

  const save = async () => {
    const parsed = channelCodeInputSchema.safeParse({ name, tagIds, users });
    if (!parsed.success) {
      const next: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) next[issue.path[0] as Field] ??= issue.message;
      return setErrors(next);
    }
    setErrors({});
    setServerError(null);
    setSaving(true);
    const r = code ? await getApi().call['channel.codes.update']({ id: code.id, ...parsed.data }) : await getApi().call['channel.codes.create'](parsed.data);
    setSaving(false);
    if (!r.ok) return setServerError(userMessageOf(r.error));
    onDone(r.value);
  };

  return (
    <form
      className="cform"
      data-testid="code-form"
      aria-label={code ? t.channelCodes.formEdit : t.channelCodes.formCreate}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="asection-h flush">{code ? t.channelCodes.formEdit : t.channelCodes.formCreate}</h3>
      <div className="efield">
        <label className="field-label" htmlFor={nameId}>
          {t.channelCodes.name}
        </label>
        <input
          id={nameId}
          className="input"
          data-testid="code-name"
          value={name}
          maxLength={30}
          placeholder={t.channelCodes.namePlaceholder}
          aria-invalid={errors.name ? 'true' : 'false'}
          autoFocus
          onChange={(e) => {
            setName(e.target.value);
            setErrors((x) => ({ ...x, name: undefined }));
          }}
        />
        {errors.name ? <p className="field-error">{errors.name}</p> : null}
      </div>

      <div className="efield" role="group" aria-labelledby={usersId}>
        <span id={usersId} className="field-label">
          {t.channelCodes.users}
        </span>
        <select
          className="select"
          aria-label={t.channelCodes.users}
          data-testid="code-users"
          value=""
          aria-invalid={errors.users ? 'true' : 'false'}
          disabled={single && users.length >= 1}
          onChange={(e) => {
            if (e.target.value && !users.includes(e.target.value)) setUsers([...users, e.target.value]);
            setErrors((x) => ({ ...x, users: undefined }));
          }}
        >
          <option value="">{t.channelCodes.pickUser}</option>
          {members.map((m) => (
            <option key={m.userid} value={m.userid} disabled={users.includes(m.userid)}>
              {m.name}
            </option>
          ))}
        </select>
        {users.length > 0 ? (
          <div className="picked">
            {users.map((id) => (
              <span key={id} className="pchip" data-testid="code-users-chip">
                {nameOf(id)}
                <button type="button" className="pchip-x" aria-label={t.channelCodes.removeUser(nameOf(id))} onClick={() => setUsers(users.filter((x) => x !== id))}>
                  <Icon name="x" size={9} />
                </button>
              </span>
            ))}
          </div>
        ) : null}
        {errors.users ? <p className="field-error">{errors.users}</p> : null}
        {single ? <p className="hint">{t.channelCodes.singleHint}</p> : users.length > 1 ? <p className="hint">{t.channelCodes.roundRobin}</p> : null}
      </div>

      <TagPicker
        label={t.channelCodes.tags}
        value={tagIds}
        onChange={(ids) => {
          setTagIds(ids);
          setErrors((x) => ({ ...x, tagIds: undefined }));
        }}
        testId="code-tags"
        exclude={[]}
      />
      {errors.tagIds ? <p className="field-error">{errors.tagIds}</p> : null}
      {code ? <p className="hint">{t.channelCodes.editTagsHint}</p> : null}

      <InlineError message={serverError} testId="code-error" />
      <div className="gconfirm-row cform-actions">
        <button type="submit" className="btn btn-primary" data-testid="code-save" disabled={saving}>
          {saving ? t.channelCodes.saving : code ? t.channelCodes.save : t.channelCodes.createDo}
        </button>
        <button type="button" className="btn" disabled={saving} onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
