// 标签目录: the enterprise tag catalog in WeCom's order. Admins create groups and tags, rename,
// reorder and delete them (through the team server, so WeCom stays the source of truth) and
// edit each group's policy; supervisors read it and manage what the permission engine allows.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogLayout } from '../../../src-shared/team-api/catalog-governance';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { GroupCard } from './GroupCard';
import { GroupPolicyEditor } from './GroupPolicyEditor';
import { namesProblem, splitNames } from './names';
import { reorderPlan } from '../../../src-shared/catalog/reorder';
import '../../styles/catalogAdmin.css';

const m = t.catalogAdmin;

export function problemText(p: ReturnType<typeof namesProblem>): string | null {
  if (!p) return null;
  return p.kind === 'tooLong' ? m.tooLong(p.name) : m.duplicateName(p.name);
}

function NewGroupForm({ existing, onDone, onCancel }: { existing: string[]; onDone: (name: string) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ where: 'name' | 'tags' | 'general'; message: string } | null>(null);
  const submit = async () => {
    const groupName = name.trim();
    const list = splitNames(tags);
    if (!groupName) return setError({ where: 'name', message: m.needGroupName });
    const nameIssue = problemText(namesProblem([groupName], existing));
    if (nameIssue) return setError({ where: 'name', message: nameIssue });
    if (list.length === 0) return setError({ where: 'tags', message: m.needTags });
    const tagIssue = problemText(namesProblem(list));
    if (tagIssue) return setError({ where: 'tags', message: tagIssue });
    setBusy(true);
    const r = await getApi().call['admin.catalog.createGroup']({ groupName, tags: list.map((n) => ({ name: n })) });
    setBusy(false);
    if (!r.ok) return setError({ where: 'general', message: userMessageOf(r.error) });
    onDone(groupName);
  };
  return (
    <form
      className="cat-new"
      data-testid="catalog-new-group"
      aria-label={m.newGroup}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <label className="efield">
        <span className="field-label">{m.newGroupName}</span>
        <input className="input" autoFocus maxLength={30} value={name} aria-invalid={error?.where === 'name'} data-testid="catalog-new-group-name" onChange={(e) => setName(e.target.value)} />
        {error?.where === 'name' ? <span className="field-error" role="alert">{error.message}</span> : null}
      </label>
      <label className="efield">
        <span className="field-label">{m.newGroupTags}</span>
        <textarea className="textarea" rows={2} value={tags} placeholder={m.newGroupTagsPlaceholder} aria-invalid={error?.where === 'tags'} data-testid="catalog-new-group-tags" onChange={(e) => setTags(e.target.value)} />
        {error?.where === 'tags' ? <span className="field-error" role="alert">{error.message}</span> : null}
      </label>
      {error?.where === 'general' ? <p className="inline-error" role="alert">{error.message}</p> : null}
      <div className="cat-actions">
        <button type="button" className="btn btn-small" onClick={onCancel}>
          {m.cancel}
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="catalog-new-group-create">
          {busy ? m.creating : m.create}
        </button>
      </div>
    </form>
  );
}

export function CatalogView() {
  const [layout, setLayout] = useState<CatalogLayout | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [policyFor, setPolicyFor] = useState<string | null>(null);
  const [busyGroups, setBusyGroups] = useState(false);
  const showToast = useUiStore((s) => s.showToast);

  // Reloads overlap (each edit's catalog.changed event, the reload after a move): only the
  // answer to the latest request is shown, so a late, older layout never hides a move — nor
  // becomes the order the next move is planned from.
  const latest = useRef(0);
  const load = useCallback(() => {
    const seq = ++latest.current;
    return getApi().call['catalog.layout']({}).then((r) => {
      if (seq !== latest.current) return;
      if (!r.ok) return setError(userMessageOf(r.error));
      setError(null);
      setLayout(r.value);
    });
  }, []);
  useEffect(() => {
    void load();
    // Someone else (or WeCom's console via the callback) changed the catalog or the policy.
    return getApi().onEvent((e) => {
      if (e.type === 'catalog.changed') void load();
    });
  }, [load]);

  const moveGroup = async (from: number, to: number) => {
    if (!layout) return;
    const plan = reorderPlan(layout.groups.map((g) => ({ id: g.groupId, order: g.order, editable: g.canManage })), from, to);
    setBusyGroups(true);
    for (const step of plan) {
      const r = await getApi().call['admin.catalog.edit']({ id: step.id, order: step.order });
      if (!r.ok) {
        setBusyGroups(false);
        setError(userMessageOf(r.error));
        return void load();
      }
    }
    setBusyGroups(false);
    showToast(plan.length > 0 && layout.groups.some((g) => !g.canManage) && plan.length > 1 ? m.reorderPartial : m.moved);
    await load();
  };

  const policyGroup = layout?.groups.find((g) => g.groupId === policyFor) ?? null;
  if (layout && policyGroup) {
    return (
      <GroupPolicyEditor
        layout={layout}
        group={policyGroup}
        onClose={() => setPolicyFor(null)}
        onSaved={(next) => {
          setLayout(next);
          setPolicyFor(null);
          showToast(m.policySaved);
        }}
      />
    );
  }

  const tagTotal = layout?.groups.reduce((n, g) => n + g.tags.length, 0) ?? 0;
  return (
    <div className="admin cat" data-testid="catalog">
      <div className="ahead">
        <h2 className="ahead-title">
          {m.title}
          {layout ? <span className="asection-count">{m.summary(layout.groups.length, tagTotal)}</span> : null}
        </h2>
        <button type="button" className="btn btn-small btn-ghost" aria-label={m.refresh} title={m.refresh} onClick={() => void load()}>
          <Icon name="refresh" size={12} />
        </button>
        {layout?.canCreateGroups && !creating ? (
          <button type="button" className="btn btn-small btn-primary" data-testid="catalog-new-group-open" onClick={() => setCreating(true)}>
            <Icon name="plus" size={11} /> {m.newGroup}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="inline-error pad-x" role="alert" data-testid="catalog-error">
          {error}
        </p>
      ) : null}
      {layout && !layout.canCreateGroups && !layout.canEditPolicy ? <p className="hint pad-x">{m.readOnlyScreen}</p> : null}
      {creating && layout ? (
        <NewGroupForm
          existing={layout.groups.map((g) => g.groupName)}
          onCancel={() => setCreating(false)}
          onDone={(name) => {
            setCreating(false);
            showToast(m.created(name));
            void load();
          }}
        />
      ) : null}
      {layout === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      <ol className={`cat-groups ${busyGroups ? 'stale' : ''}`} aria-label={m.title} aria-busy={busyGroups}>
        {layout?.groups.map((g, i) => (
          <GroupCard
            key={g.groupId}
            group={g}
            index={i}
            count={layout.groups.length}
            defaultLevel={layout.defaultLevel}
            onMove={(to) => void moveGroup(i, to)}
            onPolicy={() => setPolicyFor(g.groupId)}
            onChanged={(toast) => {
              if (toast) showToast(toast);
              setError(null);
              void load();
            }}
          />
        ))}
      </ol>
    </div>
  );
}
