// One tag group's policy (the core's model): the baseline everyone gets, grants and limits by
// department subtree and role (view / apply / manage), sensitivity class, approval, single
// choice and expiry. Checked with the core's schema as the admin edits, saved as a new policy
// revision; read-only for everyone else.
import { useMemo, useState } from 'react';
import { ROLES } from '../../../src-shared/domain/organization';
import { ACCESS_LEVEL_LABELS, ACCESS_LEVELS, type AccessLevel } from '../../../src-shared/policy/common';
import { SENSITIVITY_CLASSES, SENSITIVITY_LABELS, tagGroupPolicySchema, type SensitivityClass, type TagGroupPolicy } from '../../../src-shared/policy/tag-group-policy';
import type { CatalogLayout, CatalogLayoutGroup } from '../../../src-shared/team-api/catalog-governance';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { userMessageOf } from '../../util/errors';

const m = t.catalogAdmin;

interface Row {
  departmentId: number | '';
  role: string;
  level: AccessLevel;
}

interface Draft {
  baseline: AccessLevel;
  grants: Row[];
  limits: Row[];
  sensitivity: SensitivityClass;
  approvalRequired: boolean;
  singleChoice: boolean;
  ttlDays: string;
}

const toDraft = (p: TagGroupPolicy | null, fallback: AccessLevel): Draft => ({
  baseline: p?.baseline ?? fallback,
  grants: (p?.grants ?? []).map((g) => ({ departmentId: g.departmentId ?? '', role: g.role ?? '', level: g.level })),
  limits: (p?.limits ?? []).map((l) => ({ departmentId: l.departmentId ?? '', role: l.role ?? '', level: l.max })),
  sensitivity: p?.sensitivity ?? 'internal',
  approvalRequired: p?.approvalRequired ?? false,
  singleChoice: p?.singleChoice ?? false,
  ttlDays: p?.ttlHours !== undefined ? String(Math.round((p.ttlHours / 24) * 100) / 100) : '',
});

const audience = (r: Row) => ({ ...(r.departmentId !== '' ? { departmentId: r.departmentId } : {}), ...(r.role ? { role: r.role } : {}) });

/** The draft as the policy schema's input, or the first problem with the field it belongs to. */
function fromDraft(groupId: string, d: Draft): { ok: true; policy: TagGroupPolicy } | { ok: false; field: string; message: string } {
  let ttlHours: number | undefined;
  if (d.ttlDays.trim() !== '') {
    const days = Number(d.ttlDays);
    if (!Number.isFinite(days) || days <= 0 || days > 366) return { ok: false, field: 'ttlHours', message: m.ttlInvalid };
    ttlHours = Math.round(days * 24 * 100) / 100;
  }
  const parsed = tagGroupPolicySchema.safeParse({
    groupId, baseline: d.baseline, sensitivity: d.sensitivity, approvalRequired: d.approvalRequired, singleChoice: d.singleChoice,
    grants: d.grants.map((r) => ({ ...audience(r), level: r.level })),
    limits: d.limits.map((r) => ({ ...audience(r), max: r.level })),
    ...(ttlHours !== undefined ? { ttlHours } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, field: String(issue.path[0] ?? ''), message: issue.message };
  }
  return { ok: true, policy: parsed.data };
}

function RowsEditor({ label, hint, rows, levelLabel, addLabel, departments, disabled, testId, onChange }: {
  label: string;
  hint: string;
  rows: Row[];
  levelLabel: string;
  addLabel: string;
  departments: CatalogLayout['departments'];
  disabled: boolean;
  testId: string;
  onChange: (rows: Row[]) => void;
}) {
  const set = (i: number, patch: Partial<Row>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="efield efield-wide" role="group" aria-label={label} data-testid={testId}>
      <span className="field-label">{label}</span>
      <p className="hint">{hint}</p>
      {rows.map((r, i) => (
        <div key={i} className="pol-row" data-testid={`${testId}-row`}>
          <select className="select select-small" aria-label={`${label} ${i + 1} · ${m.department}`} value={r.departmentId} disabled={disabled} onChange={(e) => set(i, { departmentId: e.target.value === '' ? '' : Number(e.target.value) })}>
            <option value="">{m.anyDepartment}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
          <select className="select select-small" aria-label={`${label} ${i + 1} · ${m.role}`} value={r.role} disabled={disabled} onChange={(e) => set(i, { role: e.target.value })}>
            <option value="">{m.anyRole}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {m.roles[role] ?? role}
              </option>
            ))}
          </select>
          <select className="select select-small" aria-label={`${label} ${i + 1} · ${levelLabel}`} value={r.level} disabled={disabled} onChange={(e) => set(i, { level: e.target.value as AccessLevel })}>
            {ACCESS_LEVELS.map((l) => (
              <option key={l} value={l}>
                {ACCESS_LEVEL_LABELS[l]}
              </option>
            ))}
          </select>
          {!disabled ? (
            <button type="button" className="icon-btn" aria-label={`${m.removeRow}（${label} ${i + 1}）`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              <Icon name="x" size={10} />
            </button>
          ) : null}
        </div>
      ))}
      {!disabled ? (
        <button type="button" className="btn btn-small btn-ghost pol-add" data-testid={`${testId}-add`} onClick={() => onChange([...rows, { departmentId: '', role: '', level: 'apply' }])}>
          <Icon name="plus" size={10} /> {addLabel}
        </button>
      ) : null}
    </div>
  );
}

export function GroupPolicyEditor({ layout, group, onClose, onSaved }: { layout: CatalogLayout; group: CatalogLayoutGroup; onClose: () => void; onSaved: (next: CatalogLayout) => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(group.policy, layout.defaultLevel));
  const [error, setError] = useState<{ field: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const readOnly = !layout.canEditPolicy;
  const departments = useMemo(() => [...layout.departments].sort((a, b) => a.id - b.id), [layout.departments]);
  const patch = (p: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setError(null);
  };

  const save = async (policy: TagGroupPolicy | null) => {
    setBusy(true);
    const r = await getApi().call['catalog.savePolicy']({ groupId: group.groupId, policy, baseRevision: layout.revision });
    setBusy(false);
    if (!r.ok) return setError({ field: r.error.issues?.[0]?.path.split('.').at(-1) ?? '', message: userMessageOf(r.error) });
    onSaved(r.value);
  };
  const submit = () => {
    const built = fromDraft(group.groupId, draft);
    if (!built.ok) return setError({ field: built.field, message: built.message });
    void save(built.policy);
  };
  const fieldError = (field: string) =>
    error?.field === field ? (
      <span className="field-error" role="alert">
        {error.message}
      </span>
    ) : null;

  return (
    <div className="admin cat" data-testid="catalog-policy-editor">
      <div className="ahead">
        <button type="button" className="btn btn-small btn-ghost" aria-label={m.cancel} onClick={onClose}>
          <Icon name="chevron" size={11} className="rot90" />
        </button>
        <h2 className="ahead-title">{m.policyTitle(group.groupName)}</h2>
      </div>
      <p className="hint pad-x pol-state">{group.policy ? m.policyCustom : m.policyDefault(ACCESS_LEVEL_LABELS[layout.defaultLevel])}</p>
      {readOnly ? <p className="hint pad-x">{m.policyReadOnly}</p> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && (e.target as HTMLElement).tagName === 'FORM') onClose();
        }}
      >
        <fieldset className="efields egrid" disabled={readOnly || busy}>
          <label className="efield">
            <span className="field-label">{m.baseline}</span>
            <select className="select" value={draft.baseline} data-testid="policy-baseline" onChange={(e) => patch({ baseline: e.target.value as AccessLevel })}>
              {ACCESS_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {ACCESS_LEVEL_LABELS[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="efield">
            <span className="field-label">{m.sensitivity}</span>
            <select className="select" value={draft.sensitivity} data-testid="policy-sensitivity" onChange={(e) => patch({ sensitivity: e.target.value as SensitivityClass })}>
              {SENSITIVITY_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {SENSITIVITY_LABELS[c]}
                </option>
              ))}
            </select>
            {fieldError('sensitivity')}
          </label>
          <RowsEditor label={m.grants} hint={m.grantsHint} rows={draft.grants} levelLabel={m.level} addLabel={m.addGrant} departments={departments} disabled={readOnly} testId="policy-grants" onChange={(grants) => patch({ grants })} />
          {fieldError('grants')}
          <RowsEditor label={m.limits} hint={m.limitsHint} rows={draft.limits} levelLabel={m.maxLevel} addLabel={m.addLimit} departments={departments} disabled={readOnly} testId="policy-limits" onChange={(limits) => patch({ limits })} />
          {fieldError('limits')}
          <div className="efield efield-wide">
            <label className="check">
              <input type="checkbox" checked={draft.approvalRequired} data-testid="policy-approval" onChange={(e) => patch({ approvalRequired: e.target.checked })} />
              {m.approvalRequired}
            </label>
            {fieldError('approvalRequired')}
            <label className="check">
              <input type="checkbox" checked={draft.singleChoice} data-testid="policy-single" onChange={(e) => patch({ singleChoice: e.target.checked })} />
              {m.singleChoice}
            </label>
          </div>
          <label className="efield efield-wide">
            <span className="field-label">{m.ttl}</span>
            <span className="pol-ttl">
              <input className="input input-small" inputMode="decimal" value={draft.ttlDays} aria-invalid={error?.field === 'ttlHours'} aria-describedby="pol-ttl-hint" data-testid="policy-ttl" onChange={(e) => patch({ ttlDays: e.target.value })} />
              <span>{m.ttlDays}</span>
            </span>
            <span id="pol-ttl-hint" className="hint">
              {m.ttlNever}
            </span>
            {fieldError('ttlHours')}
          </label>
        </fieldset>
        {!readOnly ? (
          <div className="eactions">
            {error && !['sensitivity', 'grants', 'limits', 'approvalRequired', 'ttlHours'].includes(error.field) ? (
              <p className="inline-error" role="alert">
                {error.message}
              </p>
            ) : null}
            <div className="eactions-row">
              {group.policy ? (
                <button type="button" className="btn btn-small btn-ghost" disabled={busy} data-testid="policy-reset" onClick={() => void save(null)}>
                  {m.resetDefault}
                </button>
              ) : null}
              <span className="eactions-note" />
              <button type="button" className="btn btn-small" onClick={onClose}>
                {m.cancel}
              </button>
              <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="policy-save">
                {busy ? m.saving : m.save}
              </button>
            </div>
          </div>
        ) : null}
      </form>
    </div>
  );
}
