// One automation rule in the editor: every field checked with the contract's schema as it
// changes (Chinese errors beside the field, the team server's merged in), the backtest of the
// unsaved draft, and enabling only what was backtested — a changed rule needs a new backtest.
// A version the server held for touching too many customers is confirmed here.
import { useEffect, useMemo, useState } from 'react';
import type { AutomationRule } from '../../../src-shared/policy/automation-rule';
import type { AutomationRun, Backtest } from '../../../src-shared/team-api/automation';
import type { IpcError } from '../../../src-shared/ipc/index';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useCatalogStore } from '../../state/catalog-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { formatNumber } from '../../util/format';
import { useAutomationStore, type RuleEntry } from './automation-store';
import { BacktestView } from './BacktestView';
import { ActionFields, ConditionFields, FieldError, TriggerFields } from './fields';
import { backtestKey, checkDraft, draftOf, errorsOf, newDraft, type FieldErrors, type RuleDraft, type TriggerDraft } from '../../../src-shared/automation/rule-draft';
import { InlineError } from '../../ui/InlineError';

const a = t.automation;
const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

interface Held { customers: number; total: number; share: number }

export function RuleEditor({ entry, seed }: { entry: RuleEntry | null; seed: AutomationRule | null }) {
  const { synonymLists, edit, load } = useAutomationStore();
  const showToast = useUiStore((s) => s.showToast);
  const catalogEmpty = useCatalogStore((s) => s.groups.length === 0);
  const [draft, setDraft] = useState<RuleDraft>(() => (entry ? draftOf(entry.rule) : seed ? { ...draftOf(seed), id: `${seed.id}-${Date.now().toString(36)}`.slice(0, 64), enabled: false } : newDraft()));
  const [touched, setTouched] = useState<Set<string>>(() => new Set(entry || seed ? ['*'] : []));
  const [serverErrors, setServerErrors] = useState<FieldErrors>(new Map());
  const [backtest, setBacktest] = useState<{ for: string; value: Backtest; maxShare: number } | null>(null);
  const [busy, setBusy] = useState<'backtest' | 'save' | 'confirm' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [held, setHeld] = useState<Held | null>(() =>
    entry?.hold?.status === 'held' ? { customers: entry.hold.wouldTouch, total: entry.hold.customers, share: entry.hold.customers ? entry.hold.wouldTouch / entry.hold.customers : 0 } : null,
  );

  useEffect(() => {
    if (catalogEmpty) void useCatalogStore.getState().load();
  }, [catalogEmpty]);

  const { rule, errors } = useMemo(() => checkDraft(draft), [draft]);
  const key = rule ? backtestKey(rule) : null;
  const backtested = backtest !== null && backtest.for === key;
  const shown = (k: string): string | undefined => (touched.has('*') || touched.has(k) ? (errors.get(k) ?? serverErrors.get(k)) : undefined);

  const change = (patch: Partial<RuleDraft>, ...keys: string[]) => {
    setDraft((d) => ({ ...d, ...patch }));
    setTouched((s) => new Set([...s, ...keys]));
    setServerErrors(new Map());
    setFailure(null);
  };
  const setTrigger = (p: Partial<TriggerDraft>, k: string) => change({ trigger: { ...draft.trigger, ...p } }, k);

  const reportFailure = (error: IpcError) => {
    if (error.issues?.length) {
      setServerErrors(errorsOf(error.issues));
      setTouched((s) => new Set([...s, '*']));
    }
    setFailure(userMessageOf(error));
  };

  const runBacktest = async () => {
    setTouched((s) => new Set([...s, '*']));
    if (!rule || !key) return;
    setBusy('backtest');
    const r = await getApi().call['automation.backtest']({ rule, days: 30 });
    setBusy(null);
    if (!r.ok) return reportFailure(r.error);
    setFailure(null);
    setBacktest({ for: key, value: r.value, maxShare: rule.maxShareWithoutConfirm });
  };

  const afterRun = async (name: string, run: AutomationRun | null, enabled: boolean) => {
    await load();
    if (run?.status === 'held') {
      setHeld({ customers: run.customers, total: run.share > 0 ? Math.round(run.customers / run.share) : 0, share: run.share });
      showToast(a.heldToast(name));
      return;
    }
    showToast(enabled ? a.enabledToast(name, run?.customers ?? 0) : a.saved(name));
    edit(null);
  };

  const save = async (enabled: boolean) => {
    setTouched((s) => new Set([...s, '*']));
    if (!rule || (enabled && !backtested)) return;
    setBusy('save');
    const r = await getApi().call['automation.rules.save']({ rule: { ...rule, enabled } });
    setBusy(null);
    if (!r.ok) {
      // The server enables only a version backtested in the last 24 hours (or under today's RFM
      // thresholds): its refusal makes this preview stale, so 预演 is asked for again.
      if (enabled && r.error.code === 'conflict') setBacktest((b) => (b ? { ...b, for: '' } : b));
      return reportFailure(r.error);
    }
    setDraft((d) => ({ ...d, version: r.value.rule.version, enabled: r.value.rule.enabled }));
    await afterRun(r.value.rule.name, r.value.run, enabled);
  };

  const confirm = async () => {
    setBusy('confirm');
    const r = await getApi().call['automation.rules.confirm']({ ruleId: draft.id });
    setBusy(null);
    if (!r.ok) return reportFailure(r.error);
    setHeld(null);
    showToast(a.holdConfirmed(r.value.customers));
    await load();
    edit(null);
  };

  const errorCount = errors.size;
  const wasEnabled = entry?.rule.enabled ?? false;
  return (
    <form
      className="admin editor auto-editor"
      data-testid="auto-editor"
      aria-labelledby="auto-editor-h"
      onSubmit={(e) => {
        e.preventDefault();
        void (backtested ? save(true) : runBacktest());
      }}
    >
      <div className="ahead">
        <button type="button" className="btn btn-small btn-ghost" onClick={() => edit(null)} aria-label={a.back}>
          <Icon name="chevron" size={11} className="rot90" /> {a.title}
        </button>
        <h2 id="auto-editor-h" className="ahead-title">
          {entry ? a.editTitle : a.newTitle}
          {entry ? <span className="asection-count">{a.version(entry.rule.version)}</span> : null}
        </h2>
      </div>

      {held ? (
        <div className="auto-hold" role="alert" data-testid="auto-hold">
          <strong>
            <Icon name="alert" size={12} /> {a.holdTitle}
          </strong>
          <p>{a.holdBody(held.customers, held.total, pct(held.share))}</p>
          <button type="button" className="btn btn-small btn-primary" data-testid="auto-hold-confirm" disabled={busy !== null} onClick={() => void confirm()}>
            {busy === 'confirm' ? a.holdConfirming : a.holdConfirm}
          </button>
        </div>
      ) : null}

      <fieldset className="efields" disabled={busy === 'save' || busy === 'confirm'}>
        <label className="efield efield-wide">
          <span className="field-label">{a.name}</span>
          <input
            className="input"
            data-testid="auto-name"
            value={draft.name}
            maxLength={60}
            placeholder={a.namePlaceholder}
            aria-invalid={Boolean(shown('name'))}
            aria-describedby="err-auto-name"
            onChange={(e) => change({ name: e.target.value }, 'name')}
            autoFocus={!entry}
          />
          <FieldError id="err-auto-name" message={shown('name')} />
        </label>

        <h3 className="auto-h">{a.sectionTrigger}</h3>
        <TriggerFields trigger={draft.trigger} set={setTrigger} shown={shown} lists={synonymLists} />

        <h3 className="auto-h">{a.sectionConditions}</h3>
        <ConditionFields draft={draft} change={change} shown={shown} />

        <h3 className="auto-h">{a.sectionActions}</h3>
        <ActionFields draft={draft} change={change} shown={shown} />

        <h3 className="auto-h">{a.sectionScope}</h3>
        <div className="egrid">
          <label className="efield">
            <span className="field-label">{a.actsOnLabel}</span>
            <select className="select" value={draft.actsOn} onChange={(e) => change({ actsOn: e.target.value as RuleDraft['actsOn'] }, 'actsOn')}>
              {Object.entries(a.actsOn).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label className="efield">
            <span className="field-label">{a.maxShare}</span>
            <input className="input" inputMode="decimal" data-testid="auto-max-share" value={draft.maxSharePct} aria-invalid={Boolean(shown('maxShare'))} aria-describedby="max-share-hint" onChange={(e) => change({ maxSharePct: e.target.value }, 'maxShare')} />
            <FieldError id="err-auto-maxShare" message={shown('maxShare')} />
          </label>
        </div>
        <p id="max-share-hint" className="hint">
          {a.maxShareHint}
        </p>
        <FieldError id="err-auto-general" message={shown('general') ?? shown('actsOn')} />
      </fieldset>

      {backtest ? <BacktestView bt={backtest.value} maxShare={backtest.maxShare} stale={!backtested} /> : null}

      <div className="eactions">
        <InlineError message={failure} testId="auto-failure" />
        <div className="eactions-row">
          <span className="eactions-note" aria-live="polite" data-testid="auto-note">
            {touched.size > 0 && errorCount > 0 ? a.fixErrors(errorCount) : backtest && !backtested ? a.backtestStale : !backtested && rule ? a.backtestFirst : backtested ? `${a.btChange} ${formatNumber(backtest.value.wouldChangeCustomers)} ${a.btCustomersUnit}` : ''}
          </span>
          <button type="button" className="btn btn-small" data-testid="auto-backtest-btn" disabled={busy !== null} onClick={() => void runBacktest()}>
            {busy === 'backtest' ? a.backtesting : a.backtest}
          </button>
        </div>
        <div className="eactions-row auto-save-row">
          <button type="button" className="btn btn-small" data-testid="auto-save-off" disabled={busy !== null || !rule} onClick={() => void save(false)}>
            {busy === 'save' ? a.saving : wasEnabled ? a.disable : a.saveDisabled}
          </button>
          <button type="button" className="btn btn-small btn-primary" data-testid="auto-save-on" disabled={busy !== null || !backtested} title={backtested ? undefined : a.backtestFirst} onClick={() => void save(true)}>
            {busy === 'save' ? a.saving : a.saveEnable}
          </button>
        </div>
      </div>
    </form>
  );
}
