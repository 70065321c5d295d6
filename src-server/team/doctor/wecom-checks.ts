// Doctor checks that compare what the team server holds with WeCom and with its desktops:
// relation drift against the reconciler's digests, the catalog copy against WeCom's catalog,
// each member's sync lag as far as the server can see it, and approvals past their SLA.
import type { TeamContext } from '../context';
import type { DoctorCheckResult, DoctorFinding, SyncLagRow } from '../../../src-shared/team-api/doctor';
import { callOk } from '../upstream';
import { loadRelations, relationKey } from '../admin/relations';
import { digestOf } from '../wecom-callback/reconcile';

export interface CheckOutput {
  result: DoctorCheckResult;
  findings: DoctorFinding[];
}

const DAY = 24 * 3600_000;
export const STALE_DEVICE_DAYS = 3;
export const UPLOAD_LAG_HOURS = 1;

const out = (check: DoctorCheckResult['check'], measured: string, findings: DoctorFinding[], skipped = false): CheckOutput => ({
  result: { check, status: skipped ? 'skipped' : findings.length ? 'findings' : 'ok', measured, findings: findings.length },
  findings,
});

/** A sample of relations the server has seen (the reconciler's digests) read again from WeCom. */
export async function checkDrift(ctx: TeamContext, sample: number): Promise<CheckOutput> {
  const rows = ctx.db.prepare(`SELECT userid, external_userid AS externalUserid, digest FROM relation_digests ORDER BY userid, external_userid`).all() as { userid: string; externalUserid: string; digest: string }[];
  if (rows.length === 0) return out('drift', '团队服务器还没有对账记录（每分钟轮流核对一位成员的客户），暂时无法比较。', [], true);
  // An even spread over the whole list, so every member's relations are represented.
  const step = Math.max(1, rows.length / sample);
  const picked = Array.from({ length: Math.min(sample, rows.length) }, (_, i) => rows[Math.floor(i * step)]!);
  const members = [...new Set(picked.map((r) => r.userid))];
  const live = new Map((await loadRelations(ctx, members)).map((r) => [relationKey(r.userid, r.externalUserid), r]));
  const findings: DoctorFinding[] = [];
  for (const p of picked) {
    const now = live.get(relationKey(p.userid, p.externalUserid));
    const digest = now ? digestOf([...now.tagIds].sort()) : null;
    if (digest === p.digest) continue;
    const who = ctx.directory.member(p.userid)?.name ?? p.userid;
    findings.push({
      id: `drift:${p.userid}:${p.externalUserid}`, check: 'drift', severity: 'warning',
      title: `客户「${now?.customerName || p.externalUserid}」的标签与企业微信不一致`,
      explanation: now
        ? `${who} 跟进的这位客户在企业微信中的标签已经变化，但团队服务器上次核对后没有察觉（可能漏收了企业微信的回调）。打开该客户的同事可能看到的是旧标签。重新同步会通知所有打开该客户的桌面端重新读取。`
        : `${who} 与这位客户的跟进关系在企业微信中已不存在，但团队服务器仍记着它。重新同步会让桌面端重新读取。`,
      fix: { action: 'resync_customer', label: '重新同步该客户', params: { userid: p.userid, externalUserid: p.externalUserid } },
    });
  }
  return out('drift', `抽查了 ${picked.length} 个跟进关系（共 ${rows.length} 个有对账记录），对比团队服务器最近一次核对时的标签与企业微信当前的标签。`, findings);
}

type WeComGroup = { group_id: string; group_name: string; tag?: { id: string; name: string; deleted?: boolean }[] };
const catalogDigest = (groups: readonly WeComGroup[]): string =>
  digestOf(groups.map((g) => `${g.group_id}:${g.group_name}:${(g.tag ?? []).filter((t) => !t.deleted).map((t) => `${t.id}=${t.name}`).join(',')}`).sort());

/** The server's catalog copy against WeCom's catalog now (read without touching the copy). */
export async function checkCatalog(ctx: TeamContext): Promise<CheckOutput> {
  const fresh = (await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/get_corp_tag_list', {}, {})).tag_group as WeComGroup[] | undefined ?? [];
  const copy = ctx.catalog.groups();
  const measured = `对比团队服务器缓存的标签库（${copy.length} 个标签组）与企业微信当前的标签库（${fresh.length} 个标签组）。`;
  if (catalogDigest(copy) === catalogDigest(fresh)) return out('staleCatalog', measured, []);
  const known = new Set(copy.flatMap((g) => (g.tag ?? []).filter((t) => !t.deleted).map((t) => t.id)));
  const live = new Set(fresh.flatMap((g) => (g.tag ?? []).filter((t) => !t.deleted).map((t) => t.id)));
  const added = [...live].filter((t) => !known.has(t)).length;
  const removed = [...known].filter((t) => !live.has(t)).length;
  return out('staleCatalog', measured, [{
    id: 'staleCatalog', check: 'staleCatalog', severity: 'warning',
    title: copy.length === 0 ? '团队服务器尚未加载标签库' : '团队服务器的标签库副本已过期',
    explanation: `企业微信的标签库与团队服务器的副本不一致（新增 ${added} 个、少了 ${removed} 个标签，或有改名）。可能是在企业微信管理后台改了标签而回调丢失。刷新后，所有桌面端会收到「标签库已变化」并重新读取。`,
    fix: { action: 'refresh_catalog', label: '刷新标签库', params: {} },
  }]);
}

/** Per member: last device contact, last relayed write, last audit upload — what the server can see. */
export function checkSyncLag(ctx: TeamContext): CheckOutput & { rows: SyncLagRow[] } {
  const now = ctx.now().getTime();
  const devices = ctx.db.prepare(`SELECT id, userid, label, last_seen_at AS lastSeenAt FROM devices WHERE revoked_at IS NULL`).all() as { id: string; userid: string; label: string; lastSeenAt: string | null }[];
  const lastWrite = ctx.db.prepare(`SELECT MAX(at) FROM audit_events WHERE chain_id = 'server' AND actor = ? AND source = 'relay'`).pluck();
  const lastUpload = ctx.db.prepare(`SELECT MAX(at) FROM audit_events WHERE chain_id = ?`).pluck();
  const rows: SyncLagRow[] = [];
  const findings: DoctorFinding[] = [];
  const byMember = new Map<string, typeof devices>();
  for (const d of devices) byMember.set(d.userid, [...(byMember.get(d.userid) ?? []), d]);
  for (const [userid, list] of byMember) {
    const name = ctx.directory.member(userid)?.name ?? userid;
    const max = (xs: (string | null)[]): string | null => xs.filter((x): x is string => !!x).sort().at(-1) ?? null;
    const row: SyncLagRow = {
      userid, name, devices: list.length, lastSeenAt: max(list.map((d) => d.lastSeenAt)),
      lastRelayWriteAt: (lastWrite.get(userid) as string | null) ?? null,
      lastAuditUploadAt: max(list.map((d) => lastUpload.get(`device:${d.id}`) as string | null)),
    };
    rows.push(row);
    for (const d of list) {
      const seen = d.lastSeenAt ? Date.parse(d.lastSeenAt) : null;
      if (seen !== null && now - seen > STALE_DEVICE_DAYS * DAY) {
        const days = Math.floor((now - seen) / DAY);
        findings.push({
          id: `syncLag:device:${d.id}`, check: 'syncLag', severity: 'warning',
          title: `${name} 的设备「${d.label || d.id}」已 ${days} 天未连接`,
          explanation: `这台设备最后一次访问团队服务器是 ${d.lastSeenAt}。它离线期间做的改动还在本机排队，尚未写入企业微信，同事也看不到；它看到的标签可能是 ${days} 天前的。请提醒 ${name} 打开 Tagdesk 联网同步，或在设备管理中注销不再使用的设备。`,
          fix: null,
        });
      }
    }
    if (row.lastRelayWriteAt && (!row.lastAuditUploadAt || Date.parse(row.lastRelayWriteAt) - Date.parse(row.lastAuditUploadAt) > UPLOAD_LAG_HOURS * 3600_000)
      && now - Date.parse(row.lastRelayWriteAt) > UPLOAD_LAG_HOURS * 3600_000) {
      findings.push({
        id: `syncLag:audit:${userid}`, check: 'syncLag', severity: 'info',
        title: `${name} 的审计记录上传落后`,
        explanation: `团队服务器在 ${row.lastRelayWriteAt} 替 ${name} 中转过写入，但其设备的审计记录${row.lastAuditUploadAt ? `只上传到 ${row.lastAuditUploadAt}` : '从未上传'}。中转写入本身已记入服务器的审计链，缺少的是设备端的操作记录。`,
        fix: null,
      });
    }
  }
  return {
    ...out('syncLag', `以团队服务器所见为准：每位成员设备最近一次访问、最近一次经中转写入企业微信、最近一次上传审计记录（共 ${rows.length} 位有登录设备的成员）。桌面端尚未发出的离线操作无法从服务器看到，请在桌面端运行体检。`, findings),
    rows: rows.sort((a, b) => a.userid.localeCompare(b.userid)),
  };
}

/** Requests that expired unanswered in the last 30 days, and pending ones past their SLA. */
export function checkApprovals(ctx: TeamContext): CheckOutput {
  const now = ctx.now();
  const rows = ctx.db.prepare(`SELECT id, status, requester, tag_name AS tagName, expires_at AS expiresAt FROM approvals WHERE (status = 'expired' AND expires_at >= ?) OR (status = 'pending' AND expires_at < ?) ORDER BY expires_at`)
    .all(new Date(now.getTime() - 30 * DAY).toISOString(), now.toISOString()) as { id: string; status: string; requester: string; tagName: string | null; expiresAt: string }[];
  const findings: DoctorFinding[] = rows.map((r) => {
    const who = ctx.directory.member(r.requester)?.name ?? r.requester;
    return {
      id: `expiredApprovals:${r.id}`, check: 'expiredApprovals', severity: r.status === 'pending' ? 'warning' : 'info',
      title: `${who} 申请的「${r.tagName ?? '新标签'}」${r.status === 'pending' ? '已超过审批时限仍未处理' : '因无人审批已过期'}`,
      explanation: `审批时限到 ${r.expiresAt}。${r.status === 'pending' ? '这条申请仍在等待，申请人无法给客户打上该标签。' : '申请人需要重新提交；常见原因是主管没有收到提醒或不在岗，可考虑调整审批人。'}`,
      fix: { action: 'open_approvals', label: '打开审批队列', params: { requestId: r.id } },
    };
  });
  return out('expiredApprovals', `检查最近 30 天内过期的审批申请，以及超过审批时限仍在等待的申请（共 ${rows.length} 条）。`, findings);
}
