// 导出: customers with their enterprise tags as a CSV that Excel opens correctly. The team
// server builds it within the exporter's scope and visible groups (personal tags never leave
// the device, so they cannot be in it) and audits it; here the admin picks the scope and the
// columns and the browser saves the file.
import { useEffect, useMemo, useState } from 'react';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { downloadText } from '../governance/report-format';
import { pickColumns } from './csv-columns';
import '../../styles/exportData.css';

const x = t.exportData;

function ColumnBox({ name, checked, onToggle }: { name: string; checked: boolean; onToggle: () => void }) {
  return (
    <label className="check xp-col">
      <input type="checkbox" checked={checked} data-testid="export-column" data-column={name} onChange={onToggle} />
      {name}
    </label>
  );
}

export function ExportView() {
  const [scope, setScope] = useState<'all' | 'query'>('all');
  const [query, setQuery] = useState('');
  const [groups, setGroups] = useState<string[] | null>(null);
  const [off, setOff] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ where: 'query' | 'columns' | 'general'; message: string } | null>(null);
  const [last, setLast] = useState<{ rows: number; file: string } | null>(null);
  const showToast = useUiStore((s) => s.showToast);

  useEffect(() => {
    void getApi()
      .call['admin.catalog.list']({})
      .then((r) => {
        if (!r.ok) return setError({ where: 'general', message: userMessageOf(r.error) });
        setGroups(r.value.groups.map((g) => g.groupName));
      });
  }, []);

  const all = useMemo(() => [...x.baseColumns, ...(groups ?? []), ...x.tailColumns], [groups]);
  const chosen = all.filter((c) => !off.has(c));
  const toggle = (c: string) => {
    setOff((s) => {
      const n = new Set(s);
      if (n.has(c)) n.delete(c);
      else n.add(c);
      return n;
    });
    setError(null);
  };

  const run = async () => {
    if (scope === 'query' && !query.trim()) return setError({ where: 'query', message: x.needQuery });
    if (chosen.length === 0) return setError({ where: 'columns', message: x.needColumns });
    setBusy(true);
    const r = await getApi().call['admin.export.customers'](scope === 'query' ? { selector: { query: query.trim() } } : {});
    setBusy(false);
    if (!r.ok) {
      const path = r.error.issues?.[0]?.path ?? '';
      // A broken expression comes back from the server as a conflict with its column.
      return setError({ where: scope === 'query' && (path.includes('query') || r.error.code === 'conflict') ? 'query' : 'general', message: userMessageOf(r.error) });
    }
    setError(null);
    if (r.value.rows === 0) {
      setLast({ rows: 0, file: '' });
      return;
    }
    const file = off.size === 0 ? r.value.csv : pickColumns(r.value.csv, new Set(chosen)).csv;
    downloadText(r.value.fileName, file, 'text/csv;charset=utf-8');
    setLast({ rows: r.value.rows, file: r.value.fileName });
    showToast(x.done(r.value.rows, r.value.fileName));
  };

  return (
    <form
      className="admin xp"
      data-testid="export"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <div className="ahead">
        <h2 className="ahead-title">{x.title}</h2>
      </div>
      <p className="hint pad-x xp-intro">{x.intro}</p>
      <fieldset className="efields" disabled={busy}>
        <div className="efield" role="radiogroup" aria-label={x.scope}>
          <span className="field-label">{x.scope}</span>
          <div className="seg">
            <button type="button" role="radio" aria-checked={scope === 'all'} className={`seg-btn ${scope === 'all' ? 'on' : ''}`} data-testid="export-scope-all" onClick={() => setScope('all')}>
              {x.scopeAll}
            </button>
            <button type="button" role="radio" aria-checked={scope === 'query'} className={`seg-btn ${scope === 'query' ? 'on' : ''}`} data-testid="export-scope-query" onClick={() => setScope('query')}>
              {x.scopeQuery}
            </button>
          </div>
        </div>
        {scope === 'query' ? (
          <label className="efield">
            <span className="field-label">{x.query}</span>
            <input className="input" value={query} placeholder={x.queryPlaceholder} aria-invalid={error?.where === 'query'} aria-describedby="xp-q-hint" data-testid="export-query" onChange={(e) => { setQuery(e.target.value); setError(null); }} />
            <span id="xp-q-hint" className="hint">{x.queryHint}</span>
            {error?.where === 'query' ? <span className="field-error" role="alert">{error.message}</span> : null}
          </label>
        ) : null}
        <div className="efield" role="group" aria-label={x.columns}>
          <span className="field-label xp-colhead">
            {x.columns}
            <button type="button" className="xp-link" onClick={() => setOff(new Set())}>{x.columnsAll}</button>
            <button type="button" className="xp-link" onClick={() => setOff(new Set(all))}>{x.columnsNone}</button>
          </span>
          <span className="xp-sub">{x.customerColumns}</span>
          <div className="xp-cols">
            {x.baseColumns.map((c) => <ColumnBox key={c} name={c} checked={!off.has(c)} onToggle={() => toggle(c)} />)}
            {x.tailColumns.map((c) => <ColumnBox key={c} name={c} checked={!off.has(c)} onToggle={() => toggle(c)} />)}
          </div>
          <span className="xp-sub">{x.groupColumns}</span>
          {groups === null ? <span className="muted">{t.loading}</span> : null}
          <div className="xp-cols">
            {groups?.map((c) => <ColumnBox key={c} name={c} checked={!off.has(c)} onToggle={() => toggle(c)} />)}
          </div>
          {error?.where === 'columns' ? <span className="field-error" role="alert">{error.message}</span> : null}
        </div>
      </fieldset>
      <div className="eactions">
        {error?.where === 'general' ? <p className="inline-error" role="alert">{error.message}</p> : null}
        {last ? (
          <p className={last.rows === 0 ? 'hint' : 'ok-line'} role="status" data-testid="export-result">
            {last.rows === 0 ? x.none : x.done(last.rows, last.file)}
          </p>
        ) : null}
        <div className="eactions-row">
          <span className="eactions-note">{x.audited}</span>
          <button type="submit" className="btn btn-small btn-primary" disabled={busy || groups === null} data-testid="export-run">
            <Icon name="chevron" size={11} /> {busy ? x.exporting : x.download}
          </button>
        </div>
      </div>
    </form>
  );
}
