// The 体检 screen for admins: runs the tag health check (this device and the team server),
// shows each check with its status and what it measured, every finding explained in plain
// Chinese, and a one-click fix where one is safe — after which the check runs again.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DoctorCheckResult, DoctorFinding, DoctorReport } from '../../../src-shared/team-api/doctor';
import { getApi } from '../../api/client';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { useCustomerStore } from '../../state/customer-store';
import { useUiStore } from '../../state/ui-store';
import { userMessageOf } from '../../util/errors';
import { formatWhen } from '../../util/format';
import { SyncLag } from './SyncLag';
import '../../styles/guard.css';

type Scope = 'desktop' | 'server';
interface Result { desktop: DoctorReport; server: DoctorReport | null; serverError: string | null }
/** Findings shown per check before 全部显示. */
const FIRST = 5;

function CheckIcon({ status }: { status: DoctorCheckResult['status'] }) {
  return (
    <span className={`dstat dstat-${status}`} aria-hidden="true">
      <Icon name={status === 'ok' ? 'check' : status === 'findings' ? 'alert' : 'clock'} size={11} />
    </span>
  );
}

function Finding({ finding, scope, busy, onFix }: { finding: DoctorFinding; scope: Scope; busy: boolean; onFix: (f: DoctorFinding, scope: Scope) => void }) {
  return (
    <li className={`dfind dfind-${finding.severity}`} data-testid="doctor-finding" data-finding-id={finding.id} data-check={finding.check}>
      <div className="dfind-top">
        <span className={`dsev dsev-${finding.severity}`}>{t.doctor.severity[finding.severity]}</span>
        <span className="dfind-title">{finding.title}</span>
      </div>
      <p className="dfind-why">{finding.explanation}</p>
      {finding.fix ? (
        <button type="button" className="btn btn-small btn-primary dfind-fix" data-testid="doctor-fix" disabled={busy} onClick={() => onFix(finding, scope)}>
          {busy ? t.doctor.fixing : finding.fix.label}
        </button>
      ) : null}
    </li>
  );
}

function Check({ check, findings, scope, fixing, onFix }: { check: DoctorCheckResult; findings: DoctorFinding[]; scope: Scope; fixing: string | null; onFix: (f: DoctorFinding, scope: Scope) => void }) {
  const [all, setAll] = useState(false);
  const mine = findings.filter((f) => f.check === check.check);
  const shown = all ? mine : mine.slice(0, FIRST);
  return (
    <li className={`dcheck dcheck-${check.status}`} data-testid="doctor-check" data-check={check.check} data-scope={scope} data-status={check.status}>
      <div className="dcheck-line">
        <CheckIcon status={check.status} />
        <span className="dcheck-name">{t.doctor.checks[check.check] ?? check.check}</span>
        <span className={`dcheck-status dcheck-status-${check.status}`}>{check.status === 'findings' ? `${t.doctor.status.findings} · ${check.findings}` : t.doctor.status[check.status]}</span>
      </div>
      <p className="dcheck-measured">{check.measured}</p>
      {shown.length > 0 ? (
        <ul className="dfinds">
          {shown.map((f) => (
            <Finding key={f.id} finding={f} scope={scope} busy={fixing === f.id} onFix={onFix} />
          ))}
        </ul>
      ) : null}
      {!all && mine.length > FIRST ? (
        <button type="button" className="btn btn-small btn-ghost dmore" onClick={() => setAll(true)}>
          {t.doctor.more(mine.length - FIRST)} · {t.doctor.showAll}
        </button>
      ) : null}
    </li>
  );
}

function Report({ report, fixing, onFix }: { report: DoctorReport; fixing: string | null; onFix: (f: DoctorFinding, scope: Scope) => void }) {
  const problems = report.findings.filter((f) => f.severity !== 'info').length;
  return (
    <section className="asection dreport" aria-labelledby={`doctor-${report.scope}`} data-testid={`doctor-report-${report.scope}`}>
      <h3 id={`doctor-${report.scope}`} className="asection-h">
        {t.doctor.scopes[report.scope]}
        <span className="asection-count">{t.doctor.summary(problems, report.checks.filter((c) => c.status === 'ok').length, report.checks.filter((c) => c.status === 'skipped').length)}</span>
      </h3>
      <ul className="alist">
        {report.checks.map((c) => (
          <Check key={c.check} check={c} findings={report.findings} scope={report.scope} fixing={fixing} onFix={onFix} />
        ))}
      </ul>
      {report.syncLag && report.syncLag.length > 0 ? <SyncLag rows={report.syncLag} /> : null}
    </section>
  );
}

export function DoctorView() {
  const [result, setResult] = useState<Result | null>(null);
  // The check runs as soon as the screen opens.
  const [running, setRunning] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fixing, setFixing] = useState<string | null>(null);
  const [fixError, setFixError] = useState<string | null>(null);
  const showToast = useUiStore((s) => s.showToast);
  const runs = useRef(0);

  type RunAnswer = Awaited<ReturnType<ReturnType<typeof getApi>['call']['doctor.run']>>;
  /** Shows a report; only the latest run's answer counts. */
  const apply = useCallback((mine: number, r: RunAnswer) => {
    if (mine !== runs.current) return;
    setRunning(false);
    if (!r.ok) return setError(userMessageOf(r.error));
    setError(null);
    setResult(r.value);
  }, []);
  const run = useCallback(async (): Promise<void> => {
    setRunning(true);
    const mine = ++runs.current;
    apply(mine, await getApi().call['doctor.run']({}));
  }, [apply]);

  useEffect(() => {
    const mine = ++runs.current;
    void getApi().call['doctor.run']({}).then((r) => apply(mine, r));
  }, [apply]);

  const fix = (f: DoctorFinding, scope: Scope) => {
    if (!f.fix) return;
    const { action, params } = f.fix;
    setFixError(null);
    // Two fixes hand over to another screen: the conflicts inbox and the approval queue.
    if (action === 'open_conflict') {
      const ui = useUiStore.getState();
      ui.setView('customer');
      if (params.externalUserid) void useCustomerStore.getState().open(params.externalUserid);
      ui.openDrawer('conflicts', params.conflictId ? Number(params.conflictId) : null);
      return;
    }
    if (action === 'open_approvals') return useUiStore.getState().setView('approvals');
    const args = action === 'refresh_catalog' ? { action, scope } as const : { action, scope, userid: params.userid ?? '', externalUserid: params.externalUserid ?? '' } as const;
    setFixing(f.id);
    void getApi().call['doctor.fix'](args).then(async (r) => {
      if (!r.ok) {
        setFixing(null);
        return setFixError(userMessageOf(r.error));
      }
      await run();
      setFixing(null);
      showToast(t.doctor.fixed(r.value.message));
    });
  };

  const reports = result ? [result.server, result.desktop].filter((r): r is DoctorReport => r !== null) : [];
  return (
    <div className="admin doctor" data-testid="doctor" aria-busy={running}>
      <div className="ahead">
        <h2 className="ahead-title">{t.doctor.title}</h2>
        {result && !running ? <span className="dwhen">{t.doctor.ranAt(formatWhen(result.desktop.generatedAt))}</span> : null}
        <button type="button" className="btn btn-small" data-testid="doctor-run" disabled={running} onClick={() => void run()}>
          <Icon name="refresh" size={11} className={running ? 'dspin' : ''} /> {result ? t.doctor.rerun : t.doctor.run}
        </button>
      </div>
      <p className="hint pad-x dintro">{t.doctor.intro}</p>
      {running ? (
        <p className="drunning" role="status" data-testid="doctor-running">
          {t.doctor.running}
        </p>
      ) : null}
      {error ? (
        <p className="inline-error pad-x" role="alert">
          {error}
        </p>
      ) : null}
      {fixError ? (
        <p className="inline-error pad-x" role="alert" data-testid="doctor-fix-error">
          {fixError}
        </p>
      ) : null}
      {result?.serverError ? (
        <p className="dserver-error" role="note">
          <Icon name="alert" size={11} /> {t.doctor.serverMissing(result.serverError)}
        </p>
      ) : null}
      {reports.map((r) => (
        <Report key={r.scope} report={r} fixing={fixing} onFix={fix} />
      ))}
    </div>
  );
}
