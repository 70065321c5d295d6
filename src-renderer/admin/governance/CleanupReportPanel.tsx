// The 季度清理报告 on screen, with the same content downloadable as Markdown or CSV.
import { useState } from 'react';
import type { CleanupReport } from '../../../src-shared/team-api/catalog-governance';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { downloadText, recommendationText, reportCsv, reportMarkdown } from './report-format';

const g = t.governance;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

function Section({ title, count, children, testId }: { title: string; count: number; children: React.ReactNode; testId: string }) {
  return (
    <section className="asection" data-testid={testId} aria-label={title}>
      <h3 className="asection-h">
        {title} <span className="asection-count">{count}</span>
      </h3>
      {count === 0 ? <p className="hint">{g.none}</p> : <ul className="gov-rlist">{children}</ul>}
    </section>
  );
}

export function CleanupReportPanel() {
  const [report, setReport] = useState<CleanupReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const showToast = useUiStore((s) => s.showToast);
  const run = async () => {
    setBusy(true);
    const r = await getApi().call['governance.report']({});
    setBusy(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setReport(r.value);
  };
  const stamp = report ? report.generatedAt.slice(0, 10) : '';
  const download = (kind: 'md' | 'csv') => {
    if (!report) return;
    const file = `tag-cleanup-${stamp}.${kind}`;
    if (kind === 'md') downloadText(file, reportMarkdown(report), 'text/markdown;charset=utf-8');
    else downloadText(file, reportCsv(report), 'text/csv;charset=utf-8');
    showToast(g.downloaded(file));
  };
  return (
    <div className="gov-report" data-testid="gov-report">
      <p className="hint pad-x gov-top">{g.reportIntro}</p>
      <div className="gov-actions pad-x">
        <button type="button" className="btn btn-small btn-primary" disabled={busy} data-testid="report-run" onClick={() => void run()}>
          {busy ? g.reportRunning : g.reportRun}
        </button>
        {report ? (
          <>
            <button type="button" className="btn btn-small" data-testid="report-md" onClick={() => download('md')}>
              {g.downloadMd}
            </button>
            <button type="button" className="btn btn-small" data-testid="report-csv" onClick={() => download('csv')}>
              {g.downloadCsv}
            </button>
          </>
        ) : null}
      </div>
      {error ? <p className="inline-error pad-x" role="alert">{error}</p> : null}
      {report ? (
        <article className="gov-rbody" aria-label={g.reportTitle}>
          <h2 className="gov-rtitle">{g.reportTitle}</h2>
          <p className="hint">{g.reportPeriod(day(report.periodStart)!, day(report.generatedAt)!)} · {g.reportTotals(report.totals.groups, report.totals.tags, report.totals.customers)}</p>
          <section className="gov-recs" aria-label={g.secRecommendations} data-testid="report-recs">
            <h3 className="asection-h">{g.secRecommendations}</h3>
            <ol>
              {report.recommendations.map((r, i) => (
                <li key={i}>{recommendationText(r)}</li>
              ))}
            </ol>
          </section>
          <Section title={g.secUnused} count={report.unused.length} testId="report-unused">
            {report.unused.map((u) => (
              <li key={u.tagId}><span className="gov-rname">{u.tagName}</span> <span className="gov-ugroup">{u.groupName}</span> <span className="gov-rnote">{g.unusedLine(day(u.lastUsedAt))}</span></li>
            ))}
          </Section>
          <Section title={g.secDormant} count={report.dormant.length} testId="report-dormant">
            {report.dormant.map((u) => (
              <li key={u.tagId}><span className="gov-rname">{u.tagName}</span> <span className="gov-ugroup">{u.groupName}</span> <span className="gov-rnote">{g.dormantLine(u.customers, day(u.lastUsedAt))}</span></li>
            ))}
          </Section>
          <Section title={g.secDuplicates} count={report.duplicates.length} testId="report-duplicates">
            {report.duplicates.map((p) => (
              <li key={`${p.a.tagId}|${p.b.tagId}`}><span className="gov-rname">{p.a.tagName} ≈ {p.b.tagName}</span> <span className="gov-rnote">{g.dupLine(p.reason, p.customersA, p.customersB)}</span></li>
            ))}
          </Section>
          <Section title={g.secOversized} count={report.oversizedGroups.length} testId="report-oversized">
            {report.oversizedGroups.map((o) => (
              <li key={o.groupId}><span className="gov-rname">{o.groupName}</span> <span className="gov-rnote">{g.oversizedLine(o.tags, o.limit)}</span></li>
            ))}
          </Section>
          <Section title={g.secExpired} count={report.expired.length} testId="report-expired">
            {report.expired.map((e) => (
              <li key={e.tagId}><span className="gov-rname">{e.tagName}</span> <span className="gov-ugroup">{e.groupName}</span> <span className="gov-rnote">{g.expiredLine(e.assignments, e.ttlHours)}</span></li>
            ))}
          </Section>
        </article>
      ) : null}
    </div>
  );
}
