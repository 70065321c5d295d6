// The 自动化 screen (admins; supervisors see only the RFM part, read only): the rules with their state, hits, last run and version; starting a
// rule from a template; the editor with its backtest and hold; RFM thresholds and the mapping
// of value segments to value-tier tags.
import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useAppStore } from '../../state/app-store';
import { formatWhen } from '../../util/format';
import { useAutomationStore, type RuleEntry } from './automation-store';
import { RfmPanel } from './RfmPanel';
import { RuleEditor } from './RuleEditor';
import { actionsText, triggerText } from './rule-text';
import '../../styles/automation.css';
import { useEscToLeave } from '../../hooks/useEscToLeave';

const a = t.automation;
const when = (ms: number | null): string | null => (ms === null ? null : formatWhen(new Date(ms).toISOString()));

function RuleRow({ entry, listName, onOpen }: { entry: RuleEntry; listName: (id: string) => string; onOpen: () => void }) {
  const { rule, hold, stats } = entry;
  const held = hold?.status === 'held';
  const state = held ? a.held : rule.enabled ? a.enabled : a.disabled;
  const lastRun = when(stats.lastAppliedAt);
  const lastHit = when(stats.lastHitAt);
  return (
    <li className={`rrow ${rule.enabled ? '' : 'rrow-off'}`} data-testid="auto-rule-row" data-rule-id={rule.id} data-state={held ? 'held' : rule.enabled ? 'enabled' : 'disabled'}>
      <button type="button" className="rrow-btn" onClick={onOpen} aria-label={a.rowLabel(rule.name, state)}>
        <span className="rrow-line">
          <span className={`auto-state auto-state-${held ? 'held' : rule.enabled ? 'on' : 'off'}`}>
            {held ? <Icon name="alert" size={10} /> : rule.enabled ? <Icon name="check" size={10} /> : null}
            {state}
          </span>
          <span className="rrow-name">{rule.name}</span>
          <span className="rrow-prio">{a.version(rule.version)}</span>
        </span>
        <span className="rrow-match">
          {triggerText(rule, listName)} → {actionsText(rule)}
        </span>
        <span className="rrow-meta" data-testid="auto-rule-stats">
          {a.hits(stats.hits)} · {a.customersActed(stats.customers)} · {lastRun ? a.lastRun(lastRun) : lastHit ? a.lastHit(lastHit) : a.neverRan}
        </span>
      </button>
    </li>
  );
}

function Templates({ onClose }: { onClose: () => void }) {
  const { templates, templatesError, loadTemplates, edit, synonymLists } = useAutomationStore();
  const listName = (id: string) => synonymLists.find((l) => l.id === id)?.name ?? id;
  useEffect(() => {
    if (!templates) void loadTemplates();
  }, [templates, loadTemplates]);
  return (
    <section className="asection auto-templates" aria-labelledby="tpl-h" data-testid="auto-templates">
      <h3 id="tpl-h" className="asection-h">
        {a.templatesTitle}
        <button type="button" className="icon-btn auto-close" aria-label={t.automation.provClose} onClick={onClose}>
          <Icon name="x" size={11} />
        </button>
      </h3>
      <p className="hint">{a.templatesHint}</p>
      {templatesError ? (
        <p className="inline-error pad-x" role="alert">
          {a.templatesFailed}：{templatesError}
        </p>
      ) : null}
      <ul className="alist">
        {templates?.map((tpl) => (
          <li key={tpl.id} className="auto-tpl" data-testid="auto-template">
            <div className="auto-tpl-main">
              <span className="rrow-name">{tpl.name}</span>
              <span className="rrow-meta">
                {triggerText(tpl, listName)} → {actionsText(tpl)}
              </span>
            </div>
            <button type="button" className="btn btn-small" aria-label={`${a.useTemplate}「${tpl.name}」`} onClick={() => edit('new', tpl)}>
              {a.useTemplate}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AutomationView() {
  const admin = useAppStore((s) => s.member?.role === 'admin');
  return admin ? <AdminAutomation /> : <SupervisorAutomation />;
}

/** Supervisors: the company's RFM thresholds and the value distribution of their team, read only. */
function SupervisorAutomation() {
  return (
    <div className="admin auto" data-testid="automation">
      <div className="ahead">
        <h2 className="ahead-title">{a.viewLabel}</h2>
      </div>
      <RfmPanel readOnly />
    </div>
  );
}

function AdminAutomation() {
  const { rules, error, editing, seed, synonymLists, load, edit } = useAutomationStore();
  const [showTemplates, setShowTemplates] = useState(false);
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void load();
  }, [load]);
  // Back from the editor: the list starts at its top, not where the editor was scrolled to.
  useEffect(() => {
    if (editing === null) top.current?.scrollIntoView({ block: 'start' });
  }, [editing]);
  useEscToLeave(editing !== null, () => edit(null));

  if (editing !== null) {
    const entry = editing === 'new' ? null : (rules?.find((r) => r.rule.id === editing) ?? null);
    return <RuleEditor key={`${editing}|${seed?.id ?? ''}`} entry={entry} seed={seed} />;
  }
  const listName = (id: string) => synonymLists.find((l) => l.id === id)?.name ?? id;
  return (
    <div className="admin auto" data-testid="automation" ref={top}>
      <div className="ahead">
        <h2 className="ahead-title">
          {a.title}
          {rules ? <span className="asection-count">{a.count(rules.length)}</span> : null}
        </h2>
        <button type="button" className="btn btn-small" data-testid="auto-templates-btn" aria-expanded={showTemplates} onClick={() => setShowTemplates((v) => !v)}>
          {a.templates}
        </button>
        <button type="button" className="btn btn-small btn-primary" data-testid="auto-new" onClick={() => edit('new')}>
          <Icon name="plus" size={11} /> {a.create}
        </button>
      </div>
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {a.loadFailed}：{error}
        </p>
      ) : null}
      {rules === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {rules?.length === 0 ? <p className="muted pad">{a.empty}</p> : null}
      {showTemplates || rules?.length === 0 ? <Templates onClose={() => setShowTemplates(false)} /> : null}
      <ul className="alist" data-testid="auto-rules">
        {rules?.map((e) => (
          <RuleRow key={e.rule.id} entry={e} listName={listName} onOpen={() => edit(e.rule.id)} />
        ))}
      </ul>
      <RfmPanel />
    </div>
  );
}
