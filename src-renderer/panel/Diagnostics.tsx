// App facts straight from main: version, mode, data folder, the local store's health and
// where the sign-in is kept. Shown in a drawer from the status bar.
import type { AppInfo } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';

export function storeState(info: AppInfo): 'ok' | 'bad' | 'checking' {
  if (info.store.integrity === 'checking') return 'checking';
  return storeIsHealthy(info) ? 'ok' : 'bad';
}

export function storeIsHealthy(info: AppInfo): boolean {
  return info.store.integrity === 'ok' && info.store.foreignKeyViolations === 0 && info.store.journalMode === 'wal' && info.store.synchronous === 'FULL';
}

export function Diagnostics({ info }: { info: AppInfo }) {
  const rows: [string, string, string][] = [
    ['version', t.version, info.version],
    ['mode', t.mode, t.modes[info.mode]],
    ['data-dir', t.dataDir, info.dataDir],
    ['store', t.storeHealth, storeIsHealthy(info) ? t.storeOk : info.store.integrity === 'checking' ? t.storeChecking : t.storeBad(info.store.integrity)],
    ['journal', t.journalMode, info.store.journalMode.toUpperCase()],
    ['synchronous', t.synchronous, info.store.synchronous],
    ['schema', t.schemaVersion, String(info.store.schemaVersion)],
    ['integrity', t.integrity, info.store.integrity === 'ok' ? t.storeOk : info.store.integrity === 'checking' ? t.storeChecking : info.store.integrity],
    ['secrets', t.secrets, t.secretBackends[info.secrets.backend]],
  ];
  return (
    <dl className="diag" data-testid="diagnostics">
      {rows.map(([id, label, value]) => (
        <div className="diag-row" key={id}>
          <dt>{label}</dt>
          <dd data-testid={`diag-${id}`} title={value}>
            {value}
          </dd>
        </div>
      ))}
      {info.secrets.note ? <p className="diag-note">{info.secrets.note}</p> : null}
    </dl>
  );
}
