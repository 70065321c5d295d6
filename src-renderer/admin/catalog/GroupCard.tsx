// One tag group in the catalog: its name, policy badges and tags, with rename, reorder, add and
// delete where the member may manage it; a group created outside Tagdesk is read-only and
// says why (为什么不能？).
import { useState } from 'react';
import { ACCESS_LEVEL_LABELS, type AccessLevel } from '../../../src-shared/policy/common';
import { SENSITIVITY_LABELS } from '../../../src-shared/policy/tag-group-policy';
import type { CatalogLayoutGroup } from '../../../src-shared/team-api/catalog-governance';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { userMessageOf } from '../../util/errors';
import { DeleteConfirm, type DeleteTarget } from './DeleteConfirm';
import { namesProblem, splitNames } from './names';
import { reorderPlan } from '../../../src-shared/catalog/reorder';
import { InlineError } from '../../ui/InlineError';

const m = t.catalogAdmin;

function RenameField({ name, label, onCancel, onSave }: { name: string; label: string; onCancel: () => void; onSave: (next: string) => Promise<string | null> }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const next = value.trim();
    if (!next) return setError(m.needGroupName);
    if (next === name) return onCancel();
    if ([...next].length > 30) return setError(m.tooLong(next));
    setBusy(true);
    const problem = await onSave(next);
    setBusy(false);
    if (problem) setError(problem);
  };
  return (
    <span className="cat-rename">
      <input
        className="input input-small"
        autoFocus
        aria-label={label}
        aria-invalid={error !== null}
        value={value}
        maxLength={30}
        disabled={busy}
        data-testid="catalog-rename-input"
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="button" className="btn btn-small btn-primary" disabled={busy} data-testid="catalog-rename-save" onClick={() => void save()}>
        {m.save}
      </button>
      <button type="button" className="btn btn-small" onClick={onCancel}>
        {m.cancel}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

function MoveButtons({ name, index, count, disabled, onMove }: { name: string; index: number; count: number; disabled: boolean; onMove: (to: number) => void }) {
  return (
    <>
      <button type="button" className="icon-btn cat-move" aria-label={m.moveUp(name)} title={m.moveUp(name)} disabled={disabled || index === 0} data-testid="catalog-move-up" onClick={() => onMove(index - 1)}>
        <Icon name="chevron" size={11} className="rot180" />
      </button>
      <button type="button" className="icon-btn cat-move" aria-label={m.moveDown(name)} title={m.moveDown(name)} disabled={disabled || index === count - 1} data-testid="catalog-move-down" onClick={() => onMove(index + 1)}>
        <Icon name="chevron" size={11} />
      </button>
    </>
  );
}

export function PolicyBadges({ group, defaultLevel }: { group: CatalogLayoutGroup; defaultLevel: AccessLevel }) {
  const p = group.policy;
  if (!p) return <span className="pill" title={m.policyDefault(ACCESS_LEVEL_LABELS[defaultLevel])}>{ACCESS_LEVEL_LABELS[defaultLevel]}</span>;
  return (
    <span className="cat-badges" data-testid="catalog-policy-badges">
      <span className={`pill sens-${p.sensitivity}`}>{SENSITIVITY_LABELS[p.sensitivity]}</span>
      {p.approvalRequired ? <span className="pill">{m.badges.approval}</span> : null}
      {p.singleChoice ? <span className="pill">{m.badges.single}</span> : null}
      {p.ttlHours !== undefined ? <span className="pill">{m.badges.ttl(Math.round(p.ttlHours / 24))}</span> : null}
    </span>
  );
}

export function GroupCard({ group, index, count, defaultLevel, onMove, onPolicy, onChanged }: {
  group: CatalogLayoutGroup;
  index: number;
  count: number;
  defaultLevel: AccessLevel;
  onMove: (to: number) => void;
  onPolicy: () => void;
  onChanged: (toast?: string) => void;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [why, setWhy] = useState(false);
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const [busy, setBusy] = useState(false);
  const manage = group.canManage;
  const readOnly = group.readOnlyReason !== null;

  const rename = async (id: string, from: string, next: string): Promise<string | null> => {
    const r = await getApi().call['admin.catalog.edit']({ id, name: next });
    if (!r.ok) {
      if (r.error.code !== 'forbidden') return userMessageOf(r.error);
      // Refused: WeCom may just have said the group was made in its console. Close the
      // field, say why, and reload so the group shows as read-only.
      setRenaming(null);
      setError(userMessageOf(r.error));
      onChanged();
      return null;
    }
    setRenaming(null);
    setError(null);
    onChanged(m.renamed(from, next));
    return null;
  };

  const moveTag = async (from: number, to: number) => {
    const plan = reorderPlan(group.tags.map((x) => ({ id: x.tagId, order: x.order, editable: true })), from, to);
    setBusy(true);
    for (const step of plan) {
      const r = await getApi().call['admin.catalog.edit']({ id: step.id, order: step.order });
      if (!r.ok) {
        setBusy(false);
        setError(userMessageOf(r.error));
        return onChanged();
      }
    }
    setBusy(false);
    setError(null);
    onChanged(m.moved);
  };

  const addTags = async () => {
    const names = splitNames(adding);
    if (names.length === 0) return setAddError(m.needTags);
    const problem = namesProblem(names, group.tags.map((x) => x.name));
    if (problem) return setAddError(problem.kind === 'tooLong' ? m.tooLong(problem.name) : m.duplicateName(problem.name));
    setBusy(true);
    const r = await getApi().call['admin.catalog.addTags']({ groupId: group.groupId, tags: names.map((name) => ({ name })) });
    setBusy(false);
    if (!r.ok) {
      if (r.error.code === 'forbidden') onChanged();
      return setAddError(userMessageOf(r.error));
    }
    setAdding('');
    setAddError(null);
    onChanged(m.added(names.length));
  };

  const headId = `cat-g-${group.groupId}`;
  return (
    <li className={`cat-group ${readOnly ? 'cat-readonly' : ''}`} data-testid="catalog-group" data-group-id={group.groupId} data-group-name={group.groupName} aria-labelledby={headId}>
      <div className="cat-ghead">
        {renaming === group.groupId ? (
          <RenameField name={group.groupName} label={m.renameLabel(group.groupName)} onCancel={() => setRenaming(null)} onSave={(next) => rename(group.groupId, group.groupName, next)} />
        ) : (
          <>
            <h3 id={headId} className="cat-gname">
              {readOnly ? <Icon name="lock" size={11} /> : null}
              <span>{group.groupName}</span>
              <span className="asection-count">{m.tagCount(group.tags.length)}</span>
            </h3>
            <PolicyBadges group={group} defaultLevel={defaultLevel} />
          </>
        )}
      </div>
      {renaming !== group.groupId ? (
        <div className="cat-gtools">
          {readOnly ? (
            <>
              <span className="pill" title={m.readOnlyHint}>{m.readOnly}</span>
              <button type="button" className="cat-why" aria-expanded={why} data-testid="catalog-why" onClick={() => setWhy(!why)}>
                {m.whyNot}
              </button>
            </>
          ) : null}
          {!readOnly && !manage ? <span className="hint">{m.noManage}</span> : null}
          <span className="cat-spacer" />
          <MoveButtons name={group.groupName} index={index} count={count} disabled={!manage} onMove={onMove} />
          <button type="button" className="btn btn-small btn-ghost" data-testid="catalog-policy" aria-label={m.policyLabel(group.groupName)} onClick={onPolicy}>
            {m.policy}
          </button>
          {manage ? (
            <>
              <button type="button" className="btn btn-small btn-ghost" data-testid="catalog-group-rename" aria-label={m.renameLabel(group.groupName)} onClick={() => setRenaming(group.groupId)}>
                {m.rename}
              </button>
              <button type="button" className="btn btn-small btn-ghost cat-danger" data-testid="catalog-group-delete" aria-label={m.deleteLabel(group.groupName)} onClick={() => setDeleting({ kind: 'group', id: group.groupId, name: group.groupName })}>
                {m.del}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {why && group.readOnlyReason ? (
        <p className="cat-why-text" role="status" data-testid="catalog-why-text">
          {group.readOnlyReason}
        </p>
      ) : null}
      {deleting ? (
        <DeleteConfirm
          target={deleting}
          onCancel={() => setDeleting(null)}
          onDeleted={(toast) => {
            setDeleting(null);
            onChanged(toast);
          }}
        />
      ) : null}
      <InlineError message={error} />
      {group.tags.length === 0 ? <p className="hint">{m.emptyGroup}</p> : null}
      <ol className={`cat-tags ${busy ? 'stale' : ''}`} aria-label={group.groupName}>
        {group.tags.map((tag, i) => (
          <li key={tag.tagId} className="cat-tag" data-testid="catalog-tag" data-tag-id={tag.tagId} data-tag-name={tag.name}>
            {renaming === tag.tagId ? (
              <RenameField name={tag.name} label={m.renameLabel(tag.name)} onCancel={() => setRenaming(null)} onSave={(next) => rename(tag.tagId, tag.name, next)} />
            ) : (
              <>
                <span className="cat-tname">{tag.name}</span>
                {manage ? (
                  <span className="cat-ttools">
                    <MoveButtons name={tag.name} index={i} count={group.tags.length} disabled={busy} onMove={(to) => void moveTag(i, to)} />
                    <button type="button" className="cat-link" aria-label={m.renameLabel(tag.name)} data-testid="catalog-tag-rename" onClick={() => setRenaming(tag.tagId)}>
                      {m.renameShort}
                    </button>
                    <button type="button" className="icon-btn" aria-label={m.deleteLabel(tag.name)} title={m.del} data-testid="catalog-tag-delete" onClick={() => setDeleting({ kind: 'tag', id: tag.tagId, name: tag.name })}>
                      <Icon name="x" size={11} />
                    </button>
                  </span>
                ) : null}
              </>
            )}
          </li>
        ))}
      </ol>
      {manage ? (
        <form
          className="cat-add"
          onSubmit={(e) => {
            e.preventDefault();
            void addTags();
          }}
        >
          <input
            className="input input-small"
            aria-label={`${m.addTag} · ${group.groupName}`}
            placeholder={m.addTagPlaceholder}
            value={adding}
            aria-invalid={addError !== null}
            data-testid="catalog-add-tag"
            onChange={(e) => {
              setAdding(e.target.value);
              setAddError(null);
            }}
          />
          <button type="submit" className="btn btn-small" disabled={busy || adding.trim() === ''} data-testid="catalog-add-tag-submit">
            <Icon name="plus" size={10} /> {m.addTag}
          </button>
          {addError ? (
            <span className="field-error" role="alert">
              {addError}
            </span>
          ) : null}
        </form>
      ) : null}
    </li>
  );
}
