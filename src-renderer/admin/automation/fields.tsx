// The editor's controls for one rule's trigger, conditions and actions. Each control is
// labelled, its error sits under it (role=alert), and tags are picked from the catalog.
import type { ReactNode } from 'react';
import { BEHAVIOUR_EVENTS } from '../../../src-shared/policy/automation-rule';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useCatalogStore } from '../../state/catalog-store';
import type { SynonymList } from './automation-store';
import { blankAction, blankCondition, tagKey, type ActionDraft, type ConditionDraft, type Duration, type RuleDraft, type TriggerDraft } from '../../../src-shared/automation/rule-draft';

const a = t.automation;

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" role="alert" data-testid={id}>
      {message}
    </p>
  );
}

function Options({ map }: { map: Record<string, string> }) {
  return (
    <>
      {Object.entries(map).map(([k, label]) => (
        <option key={k} value={k}>
          {label}
        </option>
      ))}
    </>
  );
}

export function TagSelect({ value, onChange, label, testId, invalid, singleChoiceOnly }: { value: string; onChange: (v: string) => void; label: string; testId: string; invalid: boolean; singleChoiceOnly?: boolean }) {
  const groups = useCatalogStore((s) => s.groups).filter((g) => !singleChoiceOnly || g.singleChoice);
  const known = groups.some((g) => g.tags.some((x) => tagKey(g.groupName, x.name) === value));
  return (
    <select className="select" aria-label={label} data-testid={testId} value={value} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)}>
      <option value="">{a.tagPick}</option>
      {/* A tag the catalog no longer has stays visible, so the server can name the problem. */}
      {value && !known ? <option value={value}>{value.replace('\u001f', ':')}</option> : null}
      {groups.map((g) => (
        <optgroup key={g.groupId} label={g.groupName}>
          {g.tags.map((x) => (
            <option key={x.tagId} value={tagKey(g.groupName, x.name)}>
              {x.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

function DurationInput({ value, onChange, label, testId, invalid }: { value: Duration; onChange: (d: Duration) => void; label: string; testId: string; invalid: boolean }) {
  return (
    <span className="auto-duration">
      <input className="input" inputMode="numeric" aria-label={label} data-testid={testId} value={value.value} aria-invalid={invalid} onChange={(e) => onChange({ ...value, value: e.target.value })} />
      <select className="select" aria-label={`${label}${a.unit}`} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as Duration['unit'] })}>
        <Options map={a.units} />
      </select>
    </span>
  );
}

function Field({ label, wide, children, error, errorId }: { label: string; wide?: boolean; children: ReactNode; error?: string | undefined; errorId: string }) {
  return (
    <label className={`efield ${wide ? 'efield-wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      <FieldError id={errorId} message={error} />
    </label>
  );
}

type Shown = (key: string) => string | undefined;

export function TriggerFields({ trigger, set, shown, lists }: { trigger: TriggerDraft; set: (p: Partial<TriggerDraft>, key: string) => void; shown: Shown; lists: SynonymList[] }) {
  const kinds = Object.fromEntries(Object.entries(a.triggerKinds));
  const list = lists.find((l) => l.id === trigger.synonymListId);
  return (
    <div className="egrid">
      <Field label={a.triggerKind} wide errorId="err-trigger" error={shown('trigger')}>
        <select className="select" data-testid="auto-trigger-kind" value={trigger.kind} onChange={(e) => set({ kind: e.target.value as TriggerDraft['kind'] }, 'trigger')}>
          <Options map={kinds} />
        </select>
      </Field>
      {trigger.kind === 'event' || trigger.kind === 'eventCount' ? (
        <Field label={a.event} wide={trigger.kind === 'event'} errorId="err-trigger-event" error={shown('trigger.event')}>
          <select className="select" data-testid="auto-trigger-event" value={trigger.event} onChange={(e) => set({ event: e.target.value }, 'trigger.event')}>
            {BEHAVIOUR_EVENTS.map((ev) => (
              <option key={ev} value={ev}>
                {a.eventName(ev)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {trigger.kind === 'eventCount' ? (
        <>
          <Field label={a.atLeast} errorId="err-trigger-atLeast" error={shown('trigger.atLeast')}>
            <input className="input" inputMode="numeric" data-testid="auto-trigger-atLeast" value={trigger.atLeast} aria-invalid={Boolean(shown('trigger.atLeast'))} onChange={(e) => set({ atLeast: e.target.value }, 'trigger.atLeast')} />
          </Field>
          <div className="efield efield-wide">
            <span className="field-label">{a.within}</span>
            <DurationInput label={a.within} testId="auto-trigger-within" value={trigger.within} invalid={Boolean(shown('trigger.withinHours'))} onChange={(within) => set({ within }, 'trigger.withinHours')} />
            <FieldError id="err-trigger-within" message={shown('trigger.withinHours')} />
          </div>
        </>
      ) : null}
      {trigger.kind === 'timeSince' ? (
        <>
          <Field label={a.sinceLabel} errorId="err-trigger-since" error={shown('trigger.since')}>
            <select className="select" value={trigger.since} onChange={(e) => set({ since: e.target.value as TriggerDraft['since'] }, 'trigger.since')}>
              <option value="last_purchase">{a.since.last_purchase}</option>
              <option value="relation_created">{a.since.relation_created}</option>
            </select>
          </Field>
          <div className="efield">
            <span className="field-label">{a.amount}</span>
            <DurationInput label={a.amount} testId="auto-trigger-after" value={trigger.after} invalid={Boolean(shown('trigger.hours'))} onChange={(after) => set({ after }, 'trigger.hours')} />
            <FieldError id="err-trigger-hours" message={shown('trigger.hours')} />
          </div>
        </>
      ) : null}
      {trigger.kind === 'tagChanged' ? (
        <>
          <Field label={a.tag} errorId="err-trigger-tag" error={shown('trigger.tag')}>
            <TagSelect label={a.tag} testId="auto-trigger-tag" value={trigger.tag} invalid={Boolean(shown('trigger.tag'))} onChange={(tag) => set({ tag }, 'trigger.tag')} />
          </Field>
          <Field label={a.changeLabel} errorId="err-trigger-change" error={shown('trigger.change')}>
            <select className="select" value={trigger.change} onChange={(e) => set({ change: e.target.value as TriggerDraft['change'] }, 'trigger.change')}>
              <Options map={a.change} />
            </select>
          </Field>
        </>
      ) : null}
      {trigger.kind === 'keyword' ? (
        <>
          <Field label={a.synonymList} wide errorId="err-trigger-list" error={shown('trigger.synonymListId')}>
            <select className="select" data-testid="auto-trigger-list" value={trigger.synonymListId} aria-invalid={Boolean(shown('trigger.synonymListId'))} onChange={(e) => set({ synonymListId: e.target.value }, 'trigger.synonymListId')}>
              <option value="">{a.tagPick}</option>
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            {list ? <span className="hint">{a.synonymTerms(list.terms.slice(0, 6).join('、'))}</span> : null}
          </Field>
          <Field label={a.minHits} errorId="err-trigger-minHits" error={shown('trigger.minHits')}>
            <input className="input" inputMode="numeric" value={trigger.minHits} aria-invalid={Boolean(shown('trigger.minHits'))} onChange={(e) => set({ minHits: e.target.value }, 'trigger.minHits')} />
          </Field>
          <Field label={a.perLabel} errorId="err-trigger-per" error={shown('trigger.per')}>
            <select className="select" value={trigger.per} onChange={(e) => set({ per: e.target.value as TriggerDraft['per'] }, 'trigger.per')}>
              <Options map={a.per} />
            </select>
          </Field>
        </>
      ) : null}
    </div>
  );
}

export function ConditionFields({ draft, change, shown }: { draft: RuleDraft; change: (p: Partial<RuleDraft>, key: string) => void; shown: Shown }) {
  const setAt = (i: number, p: Partial<ConditionDraft>) => change({ conditions: draft.conditions.map((c, j) => (j === i ? { ...c, ...p } : c)) }, `cond.${i}`);
  return (
    <div className="auto-list">
      {draft.conditions.length === 0 ? <p className="hint">{a.noConditions}</p> : null}
      {draft.conditions.map((c, i) => (
        <div key={i} className="auto-item" data-testid="auto-condition">
          <div className="erow">
            <select className="select" aria-label={a.conditionKind(i + 1)} value={c.kind} onChange={(e) => setAt(i, { kind: e.target.value as ConditionDraft['kind'] })}>
              <Options map={a.conditionKinds} />
            </select>
            <button type="button" className="icon-btn auto-remove" aria-label={a.removeCondition(i + 1)} onClick={() => change({ conditions: draft.conditions.filter((_, j) => j !== i) }, `cond.${i}`)}>
              <Icon name="x" size={11} />
            </button>
          </div>
          {c.kind === 'tags' ? (
            <input className="input mono" aria-label={a.expression} placeholder={a.expressionPlaceholder} value={c.expression} aria-invalid={Boolean(shown(`cond.${i}`))} onChange={(e) => setAt(i, { expression: e.target.value })} />
          ) : (
            <div className="erow">
              <select className="select" aria-label={a.attribute} value={c.attribute} onChange={(e) => setAt(i, { attribute: e.target.value })}>
                <Options map={a.attributes} />
              </select>
              <select className="select auto-op" aria-label={a.op} value={c.op} onChange={(e) => setAt(i, { op: e.target.value })}>
                <Options map={a.ops} />
              </select>
              <input className="input" aria-label={a.value} value={c.value} aria-invalid={Boolean(shown(`cond.${i}`))} onChange={(e) => setAt(i, { value: e.target.value })} />
            </div>
          )}
          <FieldError id={`err-cond-${i}`} message={shown(`cond.${i}`)} />
        </div>
      ))}
      <button type="button" className="btn btn-small btn-ghost" data-testid="auto-add-condition" onClick={() => change({ conditions: [...draft.conditions, blankCondition()] }, 'conditions')}>
        <Icon name="plus" size={10} /> {a.addCondition}
      </button>
    </div>
  );
}

export function ActionFields({ draft, change, shown }: { draft: RuleDraft; change: (p: Partial<RuleDraft>, key: string) => void; shown: Shown }) {
  const setAt = (i: number, p: Partial<ActionDraft>) => change({ actions: draft.actions.map((x, j) => (j === i ? { ...x, ...p } : x)) }, `action.${i}`);
  return (
    <div className="auto-list">
      {draft.actions.map((x, i) => (
        <div key={i} className="auto-item" data-testid="auto-action">
          <div className="erow">
            <select className="select" aria-label={a.actionKind(i + 1)} data-testid="auto-action-kind" value={x.kind} onChange={(e) => setAt(i, { kind: e.target.value as ActionDraft['kind'] })}>
              <Options map={a.actionKinds} />
            </select>
            {draft.actions.length > 1 ? (
              <button type="button" className="icon-btn auto-remove" aria-label={a.removeAction(i + 1)} onClick={() => change({ actions: draft.actions.filter((_, j) => j !== i) }, `action.${i}`)}>
                <Icon name="x" size={11} />
              </button>
            ) : null}
          </div>
          {x.kind === 'notifyMember' ? (
            <input className="input" aria-label={a.message} placeholder={a.messagePlaceholder} maxLength={220} value={x.message} aria-invalid={Boolean(shown(`action.${i}`))} onChange={(e) => setAt(i, { message: e.target.value })} />
          ) : (
            <div className="erow">
              <TagSelect label={a.tag} testId="auto-action-tag" value={x.tag} singleChoiceOnly={x.kind === 'setStage'} invalid={Boolean(shown(`action.${i}`))} onChange={(tag) => setAt(i, { tag })} />
              {x.kind === 'addTag' || x.kind === 'setExpiry' ? <DurationInput label={x.kind === 'addTag' ? a.ttl : a.ttlRequired} testId="auto-action-ttl" value={x.ttl} invalid={false} onChange={(ttl) => setAt(i, { ttl })} /> : null}
            </div>
          )}
          <FieldError id={`err-action-${i}`} message={shown(`action.${i}`)} />
        </div>
      ))}
      <FieldError id="err-actions" message={shown('actions')} />
      <button type="button" className="btn btn-small btn-ghost" data-testid="auto-add-action" onClick={() => change({ actions: [...draft.actions, blankAction()] }, 'actions')}>
        <Icon name="plus" size={10} /> {a.addAction}
      </button>
    </div>
  );
}
