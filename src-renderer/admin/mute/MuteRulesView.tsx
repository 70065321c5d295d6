// The 屏蔽 view: every mute rule the member may see (admins edit all; members their own quiet
// hours), the editor for one rule, and the temporary lifts in force with 提前结束.
import { useEffect } from 'react';
import type { MuteRuleView } from '../../../src-shared/ipc/index';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useCatalogStore } from '../../state/catalog-store';
import { useRulesStore } from '../../state/rules-store';
import { useUiStore } from '../../state/ui-store';
import { formatLeft } from '../../util/format';
import { MuteRuleEditor } from './MuteRuleEditor';
import { scheduleText, scopeText } from './schedule-text';
import { useEscToLeave } from '../../hooks/useEscToLeave';

function RuleRow({ view, onOpen }: { view: MuteRuleView; onOpen: () => void }) {
  const { rule, editable, problem } = view;
  return (
    <li className={`rrow ${rule.enabled ? '' : 'rrow-off'}`} data-testid="rule-row" data-rule-id={rule.id}>
      <button type="button" className="rrow-btn" onClick={onOpen} aria-label={`${rule.name}，${t.rules.effects[rule.effect] ?? rule.effect}，${editable ? t.rules.editTitle : t.rules.readOnly}`}>
        <span className="rrow-line">
          <span className={`effect effect-${rule.effect}`}>{t.rules.effects[rule.effect]}</span>
          <span className="rrow-name">{rule.name}</span>
          {rule.owner.kind === 'member' ? <span className="pill">{t.rules.mine}</span> : null}
          {!rule.enabled ? <span className="pill">{t.rules.disabled}</span> : null}
          <span className="rrow-prio">{rule.priority}</span>
        </span>
        <span className="rrow-match">{rule.match}</span>
        <span className="rrow-meta">
          {scopeText(rule)} · {scheduleText(rule)}
        </span>
        {problem ? (
          <span className="rrow-problem" role="note">
            <Icon name="alert" size={11} /> {problem}
          </span>
        ) : null}
      </button>
    </li>
  );
}

function Lifts() {
  const { lifts, liftsFresh, liftsError, loadLifts, endLift } = useRulesStore();
  const groups = useCatalogStore((s) => s.groups);
  const showToast = useUiStore((s) => s.showToast);
  const tagName = (id: string) => groups.flatMap((g) => g.tags).find((x) => x.tagId === id)?.name ?? id;
  useEffect(() => {
    void loadLifts();
  }, [loadLifts]);
  return (
    <section className="asection" aria-labelledby="lifts-h" data-testid="lifts">
      <h3 id="lifts-h" className="asection-h">
        {t.rules.lifts}
        <span className="asection-count">{lifts.length || ''}</span>
      </h3>
      {!liftsFresh ? <p className="hint">{t.rules.liftsStale}</p> : null}
      {liftsError ? (
        <p className="inline-error pad-x" role="alert">
          {liftsError}
        </p>
      ) : null}
      {lifts.length === 0 ? <p className="muted pad">{t.rules.liftsEmpty}</p> : null}
      <ul className="alist">
        {lifts.map((l) => (
          <li key={l.id} className="lrow" data-testid="lift-row">
            <div className="lrow-main">
              <div className="lrow-target">{l.target.kind === 'tag' ? t.rules.liftTargetTag(tagName(l.target.tagId)) : t.rules.liftTargetContact(l.target.externalUserid)}</div>
              <div className="lrow-meta">
                {t.rules.liftBy(l.createdBy)} · {l.reason}
              </div>
            </div>
            <span className="sla">{t.rules.liftUntil(formatLeft(l.until) ?? '0')}</span>
            <button
              type="button"
              className="btn btn-small"
              data-testid="end-lift"
              onClick={() => void endLift(l.id).then((ok) => ok && showToast(t.rules.liftEnded))}
            >
              {t.rules.endLift}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MuteRulesView() {
  const { rules, error, editing, load, edit } = useRulesStore();
  useEffect(() => {
    void load();
  }, [load]);
  useEscToLeave(editing !== null, () => edit(null));

  if (editing !== null) {
    const view = rules?.find((r) => r.rule.id === editing) ?? null;
    return <MuteRuleEditor key={editing} view={view} />;
  }
  return (
    <div className="admin" data-testid="mute-rules">
      <div className="ahead">
        <h2 className="ahead-title">
          {t.rules.title}
          {rules ? <span className="asection-count">{t.rules.count(rules.length)}</span> : null}
        </h2>
        <button type="button" className="btn btn-small btn-primary" data-testid="rule-new" onClick={() => edit('new')}>
          <Icon name="plus" size={11} /> {t.rules.create}
        </button>
      </div>
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {t.rules.loadFailed}：{error}
        </p>
      ) : null}
      {rules === null && !error ? <p className="muted pad">{t.loading}</p> : null}
      {rules?.length === 0 ? <p className="muted pad">{t.rules.empty}</p> : null}
      <ul className="alist">
        {rules?.map((v) => (
          <RuleRow key={v.rule.id} view={v} onOpen={() => edit(v.rule.id)} />
        ))}
      </ul>
      <Lifts />
    </div>
  );
}
