// A new hand-over: the leaver (on-job or resigned), their customers (all, by tag, or picked),
// the successors (one, by tag, round-robin), a preview from the team server (who takes whom,
// WeCom calls of 100, customers WeCom will refuse for the twice-in-90-days rule) and the start.
import { useEffect, useMemo, useState } from 'react';
import type { HandoverPreviewView } from '../../../src-shared/team-api/admin';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { userMessageOf } from '../../util/errors';

type Kind = 'onjob' | 'resigned';
interface Candidate { userid: string; name: string; kind: Kind; department: string }
interface Customer { externalUserid: string; customerName: string; tagIds: string[]; transfers90d: number }
type Scope = 'all' | 'tag' | 'pick';
type Mode = 'one' | 'byTag' | 'roundRobin';
const PICK_PAGE = 200;

export function HandoverForm({ groups, tagNames, onStarted }: {
  groups: { groupId: string; groupName: string; tags: { tagId: string; name: string }[] }[];
  tagNames: Map<string, string>;
  onStarted: (id: string) => void;
}) {
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [leaver, setLeaver] = useState('');
  const [customers, setCustomers] = useState<Customer[] | null>(null);
  const [scope, setScope] = useState<Scope>('all');
  const [scopeTag, setScopeTag] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [mode, setMode] = useState<Mode>('one');
  const [one, setOne] = useState('');
  const [rr, setRr] = useState<string[]>([]);
  const [rules, setRules] = useState<{ tagId: string; userid: string }[]>([{ tagId: '', userid: '' }]);
  const [fallback, setFallback] = useState('');
  const [message, setMessage] = useState('');
  const [preview, setPreview] = useState<{ key: string; value: HandoverPreviewView } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'start' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getApi().call['admin.handover.candidates']({}).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(userMessageOf(r.error));
      setCandidates(r.value.members);
    });
    return () => {
      live = false;
    };
  }, []);

  const kind: Kind = candidates.find((c) => c.userid === leaver)?.kind ?? 'onjob';
  const pickLeaver = (userid: string) => {
    setLeaver(userid);
    setCustomers(null);
    setPicked(new Set());
    setScopeTag('');
    setPreview(null);
  };
  useEffect(() => {
    if (!leaver) return;
    let live = true;
    void getApi().call['admin.handover.customers']({ kind, userid: leaver }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(userMessageOf(r.error));
      setError(null);
      setCustomers(r.value.customers);
    });
    return () => {
      live = false;
    };
  }, [leaver, kind]);

  const successors = candidates.filter((c) => c.kind === 'onjob' && c.userid !== leaver);
  /** Tags carried by the leaver's customers, grouped as in the catalog. */
  const tagGroups = useMemo(() => {
    const present = new Set((customers ?? []).flatMap((c) => c.tagIds));
    return groups.map((g) => ({ ...g, tags: g.tags.filter((x) => present.has(x.tagId)) })).filter((g) => g.tags.length > 0);
  }, [customers, groups]);

  const chosen = useMemo(() => {
    const list = customers ?? [];
    if (scope === 'tag') return scopeTag ? list.filter((c) => c.tagIds.includes(scopeTag)) : [];
    if (scope === 'pick') return list.filter((c) => picked.has(c.externalUserid));
    return list;
  }, [customers, scope, scopeTag, picked]);

  const plan = (): { successors: unknown } | { problem: string } => {
    if (mode === 'one') return one ? { successors: { mode: 'one', userid: one } } : { problem: t.handover.needSuccessor };
    if (mode === 'roundRobin') return rr.length >= 2 ? { successors: { mode: 'roundRobin', userids: rr } } : { problem: t.handover.needRoundRobin };
    if (rules.some((r) => !r.tagId || !r.userid) || !fallback) return { problem: t.handover.needRules };
    return { successors: { mode: 'byTag', rules, fallback } };
  };
  const request = () => {
    if (!leaver) return { problem: t.handover.needLeaver };
    if (chosen.length === 0) return { problem: t.handover.needCustomers };
    const p = plan();
    if ('problem' in p) return p;
    return { body: { kind, handoverUserid: leaver, ...(scope === 'all' ? {} : { externalUserids: chosen.map((c) => c.externalUserid) }), ...p } };
  };
  const req = request();
  const key = 'body' in req ? JSON.stringify(req.body) : '';
  const fresh = preview !== null && preview.key === key;
  const submittable = fresh ? preview.value.customers.filter((c) => !c.blockedReason) : [];
  const blocked = fresh ? preview.value.customers.filter((c) => c.blockedReason) : [];

  const runPreview = async () => {
    if (!('body' in req)) return setError(req.problem);
    setBusy('preview');
    const r = await getApi().call['admin.handover.preview'](req.body as never);
    setBusy(null);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setPreview({ key, value: r.value });
  };
  const start = async () => {
    if (!('body' in req) || !fresh) return;
    setBusy('start');
    const body = { ...(req.body as Record<string, unknown>), externalUserids: submittable.map((c) => c.externalUserid), ...(kind === 'onjob' && message.trim() ? { message: message.trim() } : {}) };
    const r = await getApi().call['admin.handover.start'](body as never);
    setBusy(null);
    if (!r.ok) return setError(userMessageOf(r.error));
    onStarted(r.value.id);
  };

  const shown = (customers ?? []).filter((c) => !filter.trim() || c.customerName.includes(filter.trim()));
  const tagSelect = (value: string, onChange: (v: string) => void, label: string, testId: string) => (
    <select className="select" aria-label={label} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
      <option value="">{label}</option>
      {tagGroups.map((g) => (
        <optgroup key={g.groupId} label={g.groupName}>
          {g.tags.map((x) => (
            <option key={x.tagId} value={x.tagId}>
              {x.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
  const memberSelect = (value: string, onChange: (v: string) => void, label: string, testId: string) => (
    <select className="select" aria-label={label} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t.handover.successorPick}</option>
      {successors.map((c) => (
        <option key={c.userid} value={c.userid}>
          {c.name}
          {c.department ? ` · ${c.department}` : ''}
        </option>
      ))}
    </select>
  );

  return (
    <form className="ho-form" onSubmit={(e) => e.preventDefault()} data-testid="handover-form">
      <fieldset className="ho-step">
        <legend className="ho-legend">{t.handover.stepLeaver}</legend>
        <select className="select" aria-label={t.handover.leaverPick} value={leaver} data-testid="handover-leaver" onChange={(e) => pickLeaver(e.target.value)}>
          <option value="">{t.handover.leaverPick}</option>
          {(['onjob', 'resigned'] as const).map((k) => {
            const list = candidates.filter((c) => c.kind === k);
            return list.length ? (
              <optgroup key={k} label={k === 'onjob' ? t.handover.onjobGroup : t.handover.resignedGroup}>
                {list.map((c) => (
                  <option key={c.userid} value={c.userid}>
                    {c.name}
                    {c.department ? ` · ${c.department}` : ''}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
        {leaver ? (
          <p className="hint">
            <span className="pill">{t.handover.kindLabel[kind]}</span> {t.handover.kindHint[kind]}
          </p>
        ) : null}
      </fieldset>

      {leaver ? (
        <fieldset className="ho-step">
          <legend className="ho-legend">
            {t.handover.stepCustomers}
            {customers ? <span className="asection-count">{t.handover.customersChosen(chosen.length)}</span> : null}
          </legend>
          {customers === null ? <p className="muted">{t.handover.loadingCustomers}</p> : null}
          {customers?.length === 0 ? <p className="muted">{t.handover.noCustomers}</p> : null}
          {customers?.length ? (
            <>
              <div className="seg" role="radiogroup" aria-label={t.handover.stepCustomers}>
                {(['all', 'tag', 'pick'] as const).map((s) => (
                  <button key={s} type="button" role="radio" aria-checked={scope === s} className={`seg-btn ${scope === s ? 'on' : ''}`} data-testid={`handover-scope-${s}`} onClick={() => setScope(s)}>
                    {t.handover.scope[s]}
                  </button>
                ))}
              </div>
              {scope === 'tag' ? <div className="ho-row">{tagSelect(scopeTag, setScopeTag, t.handover.scopeTag, 'handover-scope-tag')}</div> : null}
              {scope === 'pick' ? (
                <div className="ho-pick">
                  <div className="ho-row">
                    <input className="input" type="search" placeholder={t.handover.pickFilter} aria-label={t.handover.pickFilter} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="handover-pick-filter" />
                    <button type="button" className="btn btn-small" onClick={() => setPicked(new Set([...picked, ...shown.slice(0, PICK_PAGE).map((c) => c.externalUserid)]))}>
                      {t.handover.pickAllShown}
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setPicked(new Set())}>
                      {t.handover.pickNone}
                    </button>
                  </div>
                  <p className="hint">{t.handover.pickedCount(picked.size, customers.length)}</p>
                  <ul className="ho-picklist" aria-label={t.handover.scope.pick}>
                    {shown.slice(0, PICK_PAGE).map((c) => (
                      <li key={c.externalUserid}>
                        <label className="check ho-pickrow" data-testid="handover-pick-row">
                          <input
                            type="checkbox"
                            checked={picked.has(c.externalUserid)}
                            onChange={(e) => {
                              const next = new Set(picked);
                              if (e.target.checked) next.add(c.externalUserid); else next.delete(c.externalUserid);
                              setPicked(next);
                            }}
                          />
                          <span className="ho-pickname">{c.customerName || c.externalUserid}</span>
                          <span className="ho-picktags">{c.tagIds.map((id) => tagNames.get(id)).filter(Boolean).join('、')}</span>
                          {c.transfers90d >= 2 ? <span className="pill ho-warn">{t.handover.transferredBefore(c.transfers90d)}</span> : null}
                        </label>
                      </li>
                    ))}
                  </ul>
                  {shown.length > PICK_PAGE ? <p className="hint">{t.handover.pickMore(shown.length - PICK_PAGE)}</p> : null}
                </div>
              ) : null}
            </>
          ) : null}
        </fieldset>
      ) : null}

      {customers?.length ? (
        <fieldset className="ho-step">
          <legend className="ho-legend">{t.handover.stepSuccessors}</legend>
          <div className="seg" role="radiogroup" aria-label={t.handover.stepSuccessors}>
            {(['one', 'byTag', 'roundRobin'] as const).map((m) => (
              <button key={m} type="button" role="radio" aria-checked={mode === m} className={`seg-btn ${mode === m ? 'on' : ''}`} data-testid={`handover-mode-${m}`} onClick={() => setMode(m)}>
                {t.handover.mode[m]}
              </button>
            ))}
          </div>
          {mode === 'one' ? <div className="ho-row">{memberSelect(one, setOne, t.handover.successor, 'handover-successor')}</div> : null}
          {mode === 'roundRobin' ? (
            <div className="ho-rr" role="group" aria-label={t.handover.mode.roundRobin}>
              <p className="hint">{t.handover.roundRobinHint}</p>
              {successors.map((c) => (
                <label key={c.userid} className="check">
                  <input type="checkbox" checked={rr.includes(c.userid)} onChange={(e) => setRr(e.target.checked ? [...rr, c.userid] : rr.filter((u) => u !== c.userid))} />
                  {c.name}
                </label>
              ))}
            </div>
          ) : null}
          {mode === 'byTag' ? (
            <div className="ho-rules">
              <p className="hint">{t.handover.byTagHint}</p>
              {rules.map((r, i) => (
                <div key={i} className="ho-rule" role="group" aria-label={t.handover.rule(i + 1)}>
                  {tagSelect(r.tagId, (v) => setRules(rules.map((x, j) => (j === i ? { ...x, tagId: v } : x))), t.handover.ruleTag, `handover-rule-tag-${i}`)}
                  <span className="ho-arrow" aria-hidden="true">→</span>
                  {memberSelect(r.userid, (v) => setRules(rules.map((x, j) => (j === i ? { ...x, userid: v } : x))), t.handover.ruleTo, `handover-rule-to-${i}`)}
                  {rules.length > 1 ? (
                    <button type="button" className="btn btn-small" aria-label={t.handover.removeRule} onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                      ×
                    </button>
                  ) : null}
                </div>
              ))}
              <button type="button" className="btn btn-small" onClick={() => setRules([...rules, { tagId: '', userid: '' }])}>
                {t.handover.addRule}
              </button>
              <label className="field-label" htmlFor="ho-fallback">
                {t.handover.fallback}
              </label>
              <div id="ho-fallback">{memberSelect(fallback, setFallback, t.handover.fallback, 'handover-fallback')}</div>
            </div>
          ) : null}
          {kind === 'onjob' ? (
            <>
              <label className="field-label" htmlFor="ho-message">
                {t.handover.message}
              </label>
              <input id="ho-message" className="input ho-wide" maxLength={200} placeholder={t.handover.messagePlaceholder} value={message} onChange={(e) => setMessage(e.target.value)} />
            </>
          ) : null}
        </fieldset>
      ) : null}

      {error ? (
        <p className="inline-error pad-x" role="alert" data-testid="handover-error">
          {error}
        </p>
      ) : null}

      {customers?.length ? (
        <div className="ho-actions">
          <button type="button" className="btn" disabled={busy !== null} onClick={() => void runPreview()} data-testid="handover-preview">
            {busy === 'preview' ? t.handover.previewing : t.handover.preview}
          </button>
          {preview && !fresh ? <span className="hint">{t.handover.previewStale}</span> : null}
        </div>
      ) : null}

      {fresh ? (
        <section className="ho-preview" aria-label={t.handover.previewTitle} data-testid="handover-preview-result">
          <h3 className="asection-h">{t.handover.previewTitle}</h3>
          <ul className="ho-per">
            {preview.value.perSuccessor.map((p) => (
              <li key={p.userid}>{t.handover.perSuccessor(p.name, p.customers)}</li>
            ))}
          </ul>
          <p className="hint pad-x">{t.handover.calls(preview.value.calls)}</p>
          {blocked.length ? (
            <div className="ho-blocked" role="note" data-testid="handover-blocked">
              <strong>{t.handover.blockedTitle(blocked.length)}</strong>
              <p>{t.handover.blocked90}</p>
              <ul>
                {blocked.slice(0, 20).map((c) => (
                  <li key={c.externalUserid}>
                    {c.customerName || c.externalUserid}：{c.blockedReason}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="ho-actions">
            {submittable.length ? (
              <button type="button" className="btn btn-primary" disabled={busy !== null} onClick={() => void start()} data-testid="handover-start">
                {busy === 'start' ? t.handover.starting : t.handover.start(submittable.length)}
              </button>
            ) : (
              <p className="inline-error">{t.handover.allBlocked}</p>
            )}
          </div>
        </section>
      ) : null}
    </form>
  );
}
