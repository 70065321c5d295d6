// One mute rule in the editor: every field checked with the contract's schema as it changes
// (errors in Chinese beside the field, the team server's answers merged in), the week preview
// of the unsaved draft, and saving only what was previewed.
import { useMemo, useState } from 'react';
import type { MuteRuleView } from '../../../src-shared/ipc/index';
import { MUTE_EFFECTS, type MuteEffect } from '../../../src-shared/policy/mute-rule';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useAppStore } from '../../state/app-store';
import { useRulesStore } from '../../state/rules-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { MuteHeatmap } from './MuteHeatmap';
import type { MutePreviewView } from './preview-types';
import { checkDraft, draftOf, errorsOf, newDraft, type FieldErrors, type RuleDraft, type WindowDraft } from './rule-draft';
import { InlineError } from '../../ui/InlineError';

const ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/Moscow', 'Europe/London', 'America/Los_Angeles', 'UTC'];

/** Midnight today, local: the preview's rows are then whole days. */
function todayStart(): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate()).toISOString();
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert" data-testid={`${id}`}>
      {message}
    </p>
  );
}

export function MuteRuleEditor({ view }: { view: MuteRuleView | null }) {
  const me = useAppStore((s) => s.member?.userid ?? '');
  const { calendars, canEditCompany, edit, load } = useRulesStore();
  const showToast = useUiStore((s) => s.showToast);
  const readOnly = view !== null && !view.editable;
  const [draft, setDraft] = useState<RuleDraft>(() => (view ? draftOf(view.rule) : newDraft(me, canEditCompany)));
  const [touched, setTouched] = useState<Set<string>>(() => new Set(view ? ['*'] : []));
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const [preview, setPreview] = useState<{ for: string; value: MutePreviewView } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | 'delete' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const { rule, errors } = useMemo(() => checkDraft(draft, me), [draft, me]);
  const ruleKey = rule ? JSON.stringify(rule) : null;
  const previewed = preview !== null && preview.for === ruleKey;
  const shown = (key: string): string | undefined => (touched.has('*') || touched.has(key) ? (errors.get(key) ?? serverErrors.get(key)) : undefined);

  const change = (patch: Partial<RuleDraft>, ...keys: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    setTouched((s) => new Set([...s, ...keys]));
    setServerErrors(new Map());
    setFailure(null);
  };
  const setWindow = (i: number, patch: Partial<WindowDraft>) =>
    change({ windows: draft.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) }, `window.${i}`);

  const reportFailure = (error: Parameters<typeof userMessageOf>[0]) => {
    if (error.code === 'invalid_args' && error.issues?.length) {
      setServerErrors(errorsOf(error.issues));
      setTouched((s) => new Set([...s, '*']));
    }
    setFailure(userMessageOf(error));
  };

  const runPreview = async () => {
    setTouched((s) => new Set([...s, '*']));
    if (!rule || !ruleKey) return;
    setBusy('preview');
    const r = await getApi().call['mute.preview']({ rule, ruleId: rule.id, days: 7, start: todayStart() });
    setBusy(null);
    if (!r.ok) return reportFailure(r.error);
    setFailure(null);
    setPreview({ for: ruleKey, value: r.value });
  };

  const save = async () => {
    setTouched((s) => new Set([...s, '*']));
    if (!rule || !previewed) return;
    setBusy('save');
    const r = await getApi().call['mute.saveRule']({ rule });
    setBusy(null);
    if (!r.ok) return reportFailure(r.error);
    showToast(t.rules.saved(r.value.rule.name));
    await load();
    edit(null);
  };

  const remove = async () => {
    if (!view) return;
    setBusy('delete');
    const r = await getApi().call['mute.deleteRule']({ id: view.rule.id });
    setBusy(null);
    if (!r.ok) return reportFailure(r.error);
    showToast(t.rules.deleted(view.rule.name));
    await load();
    edit(null);
  };

  const errorCount = [...errors.keys()].length;
  return (
    <form
      className="admin editor"
      data-testid="rule-editor"
      aria-labelledby="editor-h"
      onSubmit={(e) => {
        e.preventDefault();
        void (previewed ? save() : runPreview());
      }}
    >
      <div className="ahead">
        <button type="button" className="btn btn-small btn-ghost" onClick={() => edit(null)} aria-label={t.rules.back}>
          <Icon name="chevron" size={11} className="rot90" /> {t.rules.title}
        </button>
        <h2 id="editor-h" className="ahead-title">
          {view ? (readOnly ? view.rule.name : t.rules.editTitle) : t.rules.newTitle}
        </h2>
      </div>
      <fieldset className="efields" disabled={readOnly || busy === 'save'}>
        <div className="egrid">
          <label className="efield efield-wide">
            <span className="field-label">{t.rules.name}</span>
            <input
              className="input"
              data-testid="rule-name"
              value={draft.name}
              maxLength={60}
              placeholder={t.rules.namePlaceholder}
              aria-invalid={Boolean(shown('name'))}
              aria-describedby="err-name"
              onChange={(e) => change({ name: e.target.value }, 'name')}
              autoFocus={!view}
            />
            <FieldError id="err-name" message={shown('name')} />
          </label>

          {canEditCompany ? (
            <label className="efield">
              <span className="field-label">{t.rules.owner}</span>
              <select className="select" value={draft.ownerKind} onChange={(e) => change({ ownerKind: e.target.value as RuleDraft['ownerKind'], ...(e.target.value === 'member' ? { everyone: false, memberIds: me, departmentIds: '' } : {}) }, 'owner', 'scope')}>
                <option value="company">{t.rules.ownerCompany}</option>
                <option value="member">{t.rules.ownerMember}</option>
              </select>
              <FieldError id="err-owner" message={shown('owner')} />
            </label>
          ) : null}

          <label className="efield">
            <span className="field-label">{t.rules.effect}</span>
            <select className="select" data-testid="rule-effect" value={draft.effect} onChange={(e) => change({ effect: e.target.value as MuteEffect }, 'effect')}>
              {MUTE_EFFECTS.map((x) => (
                <option key={x} value={x}>
                  {t.rules.effectsLong[x]}
                </option>
              ))}
            </select>
          </label>

          {draft.ownerKind === 'company' ? (
            <div className="efield efield-wide" role="group" aria-labelledby="scope-l">
              <span id="scope-l" className="field-label">
                {t.rules.scope}
              </span>
              <label className="check">
                <input type="checkbox" data-testid="rule-everyone" checked={draft.everyone} onChange={(e) => change({ everyone: e.target.checked }, 'scope')} />
                {t.rules.scopeEveryone}
              </label>
              {!draft.everyone ? (
                <div className="erow">
                  <input className="input" aria-label={t.rules.scopeMembers} placeholder={t.rules.scopeMembersPlaceholder} value={draft.memberIds} onChange={(e) => change({ memberIds: e.target.value }, 'scope')} />
                  <input className="input" aria-label={t.rules.scopeDepartments} placeholder={t.rules.scopeDepartmentsPlaceholder} value={draft.departmentIds} onChange={(e) => change({ departmentIds: e.target.value }, 'scope')} />
                </div>
              ) : null}
              <FieldError id="err-scope" message={shown('scope')} />
            </div>
          ) : null}

          <label className="efield efield-wide">
            <span className="field-label">{t.rules.match}</span>
            <input
              className="input mono"
              data-testid="rule-match"
              value={draft.match}
              placeholder={t.rules.matchPlaceholder}
              aria-invalid={Boolean(shown('match'))}
              aria-describedby="err-match match-hint"
              onChange={(e) => change({ match: e.target.value }, 'match')}
            />
            <span id="match-hint" className="hint">
              {t.rules.matchHint}
            </span>
            <FieldError id="err-match" message={shown('match')} />
          </label>

          <div className="efield efield-wide" role="group" aria-labelledby="sched-l">
            <div className="field-row">
              <span id="sched-l" className="field-label">
                {t.rules.schedule}
              </span>
              <button type="button" className="btn btn-small btn-ghost" data-testid="rule-add-window" onClick={() => change({ windows: [...draft.windows, { days: [1, 2, 3, 4, 5, 6, 7], start: '19:00', end: '09:00' }] }, 'windows')}>
                <Icon name="plus" size={10} /> {t.rules.addWindow}
              </button>
            </div>
            {draft.windows.length === 0 ? <p className="hint">{t.rules.scheduleEmpty}</p> : null}
            {draft.windows.map((w, i) => (
              <div key={i} className="window" data-testid="rule-window">
                <div className="days" role="group" aria-label={t.rules.windowDays(i + 1)}>
                  {t.rules.weekdays.map((label, d) => {
                    const day = d + 1;
                    const on = w.days.includes(day);
                    return (
                      <button
                        key={day}
                        type="button"
                        className={`day ${on ? 'on' : ''}`}
                        aria-pressed={on}
                        aria-label={t.rules.weekdayLong[d]}
                        onClick={() => setWindow(i, { days: on ? w.days.filter((x) => x !== day) : [...w.days, day] })}
                      >
                        {label}
                      </button>
                    );
                  })}
                </div>
                <input className="input time" aria-label={t.rules.windowStart(i + 1)} data-testid="window-start" value={w.start} maxLength={5} inputMode="numeric" placeholder="19:00" onChange={(e) => setWindow(i, { start: e.target.value })} />
                <span className="dash">–</span>
                <input className="input time" aria-label={t.rules.windowEnd(i + 1)} data-testid="window-end" value={w.end} maxLength={5} inputMode="numeric" placeholder="09:00" onChange={(e) => setWindow(i, { end: e.target.value })} />
                {w.end < w.start && w.end !== '' ? <span className="pill">{t.rules.windowWraps}</span> : null}
                <button type="button" className="icon-btn" aria-label={t.rules.removeWindow} onClick={() => change({ windows: draft.windows.filter((_, j) => j !== i) }, 'windows')}>
                  <Icon name="x" size={11} />
                </button>
                <FieldError id={`err-window-${i}`} message={shown(`window.${i}`)} />
              </div>
            ))}
          </div>

          <label className="efield">
            <span className="field-label">{t.rules.timeZone}</span>
            <select className="select" value={draft.timeZone} onChange={(e) => change({ timeZone: e.target.value }, 'timeZone')}>
              {[...new Set([draft.timeZone, ...ZONES])].map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            <FieldError id="err-tz" message={shown('timeZone')} />
          </label>

          <label className="efield">
            <span className="field-label">{t.rules.priority}</span>
            <input className="input" data-testid="rule-priority" inputMode="numeric" value={draft.priority} aria-invalid={Boolean(shown('priority'))} onChange={(e) => change({ priority: e.target.value }, 'priority')} />
            <FieldError id="err-priority" message={shown('priority')} />
          </label>

          <div className="efield efield-cal">
            <span className="field-label" id="cal-l">
              {t.rules.calendar}
            </span>
            <div className="erow">
              <select className="select" aria-labelledby="cal-l" value={draft.holidayCalendarId} onChange={(e) => change({ holidayCalendarId: e.target.value, ...(e.target.value ? {} : { onHolidays: 'asWeekday' as const }) }, 'calendar')}>
                <option value="">{t.rules.calendarNone}</option>
                {calendars.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <select className="select" aria-label={t.rules.onHolidays} value={draft.onHolidays} disabled={!draft.holidayCalendarId} onChange={(e) => change({ onHolidays: e.target.value as RuleDraft['onHolidays'] }, 'calendar')}>
                {Object.entries(t.rules.onHolidaysOptions).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <FieldError id="err-calendar" message={shown('calendar')} />
          </div>

          <label className="efield efield-wide">
            <span className="field-label">{t.rules.exceptions}</span>
            <input className="input mono" data-testid="rule-exceptions" value={draft.exceptions} placeholder={t.rules.exceptionsPlaceholder} aria-invalid={Boolean(shown('exceptions'))} onChange={(e) => change({ exceptions: e.target.value }, 'exceptions')} />
            <FieldError id="err-exceptions" message={shown('exceptions')} />
          </label>


          <label className="efield efield-check">
            <span className="check">
              <input type="checkbox" checked={draft.enabled} onChange={(e) => change({ enabled: e.target.checked }, 'enabled')} />
              {t.rules.enabled}
            </span>
          </label>
        </div>
        <FieldError id="err-general" message={shown('general') ?? shown('activeUntil') ?? shown('activeFrom')} />
      </fieldset>

      {preview ? <div className={previewed ? '' : 'stale'}>{<MuteHeatmap preview={preview.value} ruleId={draft.id} effect={draft.effect} />}</div> : null}

      {!readOnly ? (
        <div className="eactions">
          <InlineError message={failure} testId="rule-failure" />
          <div className="eactions-row">
            {view ? (
              confirmDelete ? (
                <button type="button" className="btn btn-small btn-danger" data-testid="rule-delete-confirm" disabled={busy !== null} onClick={() => void remove()}>
                  {t.rules.deleteConfirm}
                </button>
              ) : (
                <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirmDelete(true)}>
                  {t.rules.delete}
                </button>
              )
            ) : null}
            <span className="eactions-note" aria-live="polite">
              {touched.size > 0 && errorCount > 0 ? t.rules.fixErrors(errorCount) : !previewed && rule ? t.rules.previewFirst : ''}
            </span>
            <button type="button" className="btn btn-small" data-testid="rule-preview-btn" disabled={busy !== null} onClick={() => void runPreview()}>
              {busy === 'preview' ? t.rules.previewing : t.rules.preview}
            </button>
            <button type="button" className="btn btn-small btn-primary" data-testid="rule-save" disabled={!previewed || busy !== null} onClick={() => void save()}>
              {busy === 'save' ? t.rules.saving : t.rules.save}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
