// RFM on the 自动化 screen: the company's thresholds (policy; admins try others and save them,
// supervisors read them), the customer base in
// four R × M quadrants and eight value segments, and for each segment the rule that maps it to
// a value-tier tag — or a button to create that rule (backtested before it is enabled).
import { useEffect, useState } from 'react';
import { DEFAULT_RFM_THRESHOLDS, RFM_QUADRANTS, RFM_SEGMENTS, rfmThresholdsSchema } from '../../../src-shared/automation/rfm';
import type { RfmResult } from '../../../src-shared/team-api/automation';
import { DRAFT_MESSAGES } from '../../../src-shared/automation/rule-draft';
import type { AutomationRule } from '../../../src-shared/policy/automation-rule';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { userMessageOf } from '../../util/errors';
import { formatNumber } from '../../util/format';
import { useAutomationStore } from './automation-store';
import { actionsText } from './rule-text';

const a = t.automation;
type Pair = [string, string];

function mappingRule(segment: string): AutomationRule {
  return {
    id: 'rfm-tier', name: a.rfmMapName(segment).slice(0, 40), version: 1, enabled: false,
    trigger: { kind: 'event', event: 'purchase' },
    conditions: [{ kind: 'attribute', attribute: 'rfm_segment', op: 'eq', value: segment }],
    actions: [{ kind: 'setStage', tag: { groupName: '', tagName: '' } }],
    actsOn: 'owner', maxShareWithoutConfirm: 0.2,
  };
}

const pairOf = (x: readonly [number, number]): Pair => [String(x[0]), String(x[1])];
type Thresholds = RfmResult['policyThresholds'];

/** `readOnly`: a supervisor's view — the company's thresholds and the chart, nothing to change. */
export function RfmPanel({ readOnly = false }: { readOnly?: boolean }) {
  const { rules, edit } = useAutomationStore();
  const [r, setR] = useState<Pair>(() => pairOf(DEFAULT_RFM_THRESHOLDS.recencyDays));
  const [f, setF] = useState<Pair>(() => pairOf(DEFAULT_RFM_THRESHOLDS.frequency));
  const [m, setM] = useState<Pair>(() => pairOf(DEFAULT_RFM_THRESHOLDS.monetary));
  const [policy, setPolicy] = useState<Thresholds | null>(null);
  const [result, setResult] = useState<RfmResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);

  const parsed = rfmThresholdsSchema.safeParse({ recencyDays: r.map(Number), frequency: f.map(Number), monetary: m.map(Number) });
  const invalid = [...r, ...f, ...m].some((x) => x.trim() === '' || !Number.isFinite(Number(x)));
  const problem = invalid ? DRAFT_MESSAGES.requiredNumber : parsed.success ? null : (parsed.error.issues[0]?.message ?? DRAFT_MESSAGES.requiredNumber);
  const same = (x: Thresholds, y: Thresholds): boolean => JSON.stringify([x.recencyDays, x.frequency, x.monetary]) === JSON.stringify([y.recencyDays, y.frequency, y.monetary]);
  const isPolicy = policy !== null && parsed.success && same(parsed.data, policy);

  const showPolicy = (p: Thresholds) => {
    setPolicy(p);
    setR(pairOf(p.recencyDays));
    setF(pairOf(p.frequency));
    setM(pairOf(p.monetary));
  };
  // The company's thresholds and the distribution under them, as the screen opens.
  useEffect(() => {
    let live = true;
    void getApi().call['automation.rfm']({ sample: 0 }).then((res) => {
      if (!live) return;
      if (!res.ok) return setError(userMessageOf(res.error));
      setResult(res.value);
      showPolicy(res.value.policyThresholds);
    });
    return () => {
      live = false;
    };
  }, []);

  const run = async () => {
    if (!parsed.success) return;
    setBusy(true);
    const res = await getApi().call['automation.rfm'](isPolicy ? { sample: 0 } : { thresholds: parsed.data, sample: 0 });
    setBusy(false);
    if (!res.ok) return setError(userMessageOf(res.error));
    setError(null);
    setResult(res.value);
    setPolicy(res.value.policyThresholds);
  };

  const save = async () => {
    if (!parsed.success) return;
    setSaving(true);
    setSaved(null);
    const res = await getApi().call['automation.rfm.saveThresholds']({ thresholds: parsed.data });
    setSaving(false);
    if (!res.ok) return setSaveError(userMessageOf(res.error));
    setSaveError(null);
    setSaved(a.rfmSaved(res.value.revision));
    setPolicy(res.value.thresholds);
    const chart = await getApi().call['automation.rfm']({ sample: 0 });
    if (chart.ok) setResult(chart.value);
  };

  const mapped = (segment: string) => (rules ?? []).filter((e) => e.rule.conditions.some((c) => c.kind === 'attribute' && c.attribute === 'rfm_segment' && c.op === 'eq' && c.value === segment));
  // R scores 3 at or under its first number of days; F and M score 2 from their first number.
  const pairInput = (label: string, pair: Pair, set: (p: Pair) => void, testId: string, firstIsHigh = false) => (
    <div className="auto-rfm-field" role="group" aria-label={label}>
      <span className="field-label">{label}</span>
      <span className="erow">
        <input className="input" inputMode="numeric" readOnly={readOnly} aria-label={`${label} ${firstIsHigh ? a.rfmHigh : a.rfmMid}`} data-testid={`${testId}-${firstIsHigh ? 3 : 2}`} value={pair[0]} onChange={(e) => { set([e.target.value, pair[1]]); setSaved(null); }} />
        <input className="input" inputMode="numeric" readOnly={readOnly} aria-label={`${label} ${firstIsHigh ? a.rfmMid : a.rfmHigh}`} data-testid={`${testId}-${firstIsHigh ? 2 : 3}`} value={pair[1]} onChange={(e) => { set([pair[0], e.target.value]); setSaved(null); }} />
      </span>
    </div>
  );
  const quadrantMax = result ? Math.max(1, ...Object.values(result.quadrants)) : 1;
  const segmentMax = result ? Math.max(1, ...Object.values(result.segments)) : 1;

  return (
    <section className="asection" aria-labelledby="rfm-h" data-testid="auto-rfm">
      <h3 id="rfm-h" className="asection-h">
        {a.rfmTitle}
        {result ? <span className="asection-count">{a.rfmScored(result.scored, result.customers)}</span> : null}
      </h3>
      <p className="hint">{readOnly ? a.rfmHintReadOnly : a.rfmHint}</p>
      <div className="auto-rfm-inputs">
        {pairInput(a.rfmR, r, setR, 'rfm-r', true)}
        {pairInput(a.rfmF, f, setF, 'rfm-f')}
        {pairInput(a.rfmM, m, setM, 'rfm-m')}
      </div>
      {readOnly ? null : (
        <div className="auto-rfm-actions">
          <span className={`auto-rfm-state ${isPolicy ? '' : 'auto-rfm-trial'}`} data-testid="rfm-state" role="status">
            {policy === null ? null : isPolicy ? a.rfmPolicy : a.rfmTrial}
          </span>
          {policy !== null && !isPolicy ? (
            <button type="button" className="btn btn-small btn-ghost" data-testid="rfm-reset" onClick={() => { showPolicy(policy); setSaveError(null); }}>
              {a.rfmReset}
            </button>
          ) : null}
          <button type="button" className="btn btn-small" data-testid="rfm-run" disabled={busy || problem !== null} onClick={() => void run()}>
            {busy ? a.rfmRunning : a.rfmRun}
          </button>
          <button type="button" className="btn btn-small btn-primary" data-testid="rfm-save" disabled={saving || problem !== null || isPolicy || policy === null} onClick={() => void save()}>
            {saving ? a.rfmSaving : a.rfmSave}
          </button>
        </div>
      )}
      {problem ? (
        <p className="field-error pad-x" role="alert">
          {problem}
        </p>
      ) : null}
      {saveError ? (
        <p className="inline-error pad-x" role="alert" data-testid="rfm-save-error">
          {a.rfmSaveFailed}：{saveError}
        </p>
      ) : null}
      {saved ? (
        <p className="auto-rfm-saved pad-x" role="status" data-testid="rfm-saved">
          {saved}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {a.rfmFailed}：{error}
        </p>
      ) : null}
      {result ? (
        <>
          <h4 className="auto-sub">{a.rfmQuadrants}</h4>
          <div className="auto-quad" data-testid="rfm-quadrants">
            {RFM_QUADRANTS.map((q) => {
              const n = result.quadrants[q] ?? 0;
              return (
                <div key={q} className="auto-quad-cell" style={{ ['--q' as string]: String(n / quadrantMax) }}>
                  <span className="auto-quad-n">{formatNumber(n)}</span>
                  <span className="auto-quad-l">{q}</span>
                </div>
              );
            })}
          </div>
        </>
      ) : null}
      <h4 className="auto-sub">{a.rfmSegments}</h4>
      <ul className="alist" data-testid="rfm-segments">
        {RFM_SEGMENTS.map((s) => {
          const n = result?.segments[s] ?? null;
          const maps = mapped(s);
          return (
            <li key={s} className="auto-seg" data-testid="rfm-segment" data-segment={s}>
              <span className="auto-seg-name">{s}</span>
              {n !== null ? (
                <span className="auto-seg-bar" aria-label={`${s} ${n}`}>
                  <span style={{ width: `${(n / segmentMax) * 100}%` }} />
                  <em>{formatNumber(n)}</em>
                </span>
              ) : null}
              {readOnly ? null : <span className="auto-seg-map">
                {maps.length ? (
                  maps.map((e) => (
                    <button key={e.rule.id} type="button" className="link-btn" onClick={() => edit(e.rule.id)}>
                      {actionsText(e.rule)}
                      {e.rule.enabled ? '' : `（${a.disabled}）`}
                    </button>
                  ))
                ) : (
                  <>
                    <span className="muted">{a.rfmUnmapped}</span>
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => edit('new', mappingRule(s))}>
                      {a.rfmMap}
                    </button>
                  </>
                )}
              </span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
