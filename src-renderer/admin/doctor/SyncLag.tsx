// Per member: when their devices last reached the team server, their last relayed write and
// their last audit upload — the team server's view of sync lag (the doctor's syncLag check).
import type { SyncLagRow } from '../../../src-shared/team-api/doctor';
import { t } from '../../i18n/zh-CN';
import { formatWhen } from '../../util/format';

const when = (iso: string | null) => (iso ? formatWhen(iso) : t.doctor.never);

export function SyncLag({ rows }: { rows: SyncLagRow[] }) {
  return (
    <details className="dlag">
      <summary className="dlag-h">
        {t.doctor.syncLag} <span className="asection-count">{rows.length}</span>
      </summary>
      <table className="dlag-table">
        <thead>
          <tr>
            <th scope="col">{t.doctor.syncLagCols.member}</th>
            <th scope="col">{t.doctor.syncLagCols.seen}</th>
            <th scope="col">{t.doctor.syncLagCols.relay}</th>
            <th scope="col">{t.doctor.syncLagCols.upload}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.userid}>
              <th scope="row" title={t.doctor.devices(r.devices)}>
                {r.name}
              </th>
              <td>{when(r.lastSeenAt)}</td>
              <td>{when(r.lastRelayWriteAt)}</td>
              <td>{when(r.lastAuditUploadAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
