// The tag health check on the desktop (doctor.run): what only this device knows — its parked
// conflicts, and its store against WeCom (read through the relay) for a sample of the member's
// relations and for the catalog. The safe fixes re-read from WeCom; a conflict opens in the
// conflicts inbox. The company-wide checks are the team server's /team/v1/doctor.
import type { Db } from '../store/database';
import type { WecomClient } from '../../src-shared/wecom/index';
import type { ConflictView } from '../../src-shared/ipc/channels/sync';
import type { DoctorCheckResult, DoctorFinding, DoctorReport } from '../../src-shared/team-api/doctor';
import { prepared } from '../store/sql';
import { HandledError } from '../ipc/dispatch';

export interface DesktopDoctorDeps {
  db: Db;
  member: string;
  /** The WeCom client on the team server's relay; null before the first connection. */
  client: WecomClient | null;
  online: boolean;
  conflicts(): ConflictView[];
  refreshCustomer(externalUserid: string): Promise<unknown>;
  refreshCatalog(): Promise<void>;
  now(): number;
}

export const DESKTOP_DRIFT_SAMPLE = 100;

const result = (check: DoctorCheckResult['check'], measured: string, findings: DoctorFinding[], skipped = false): DoctorCheckResult => ({
  check, status: skipped ? 'skipped' : findings.length ? 'findings' : 'ok', measured, findings: findings.length,
});

function parkedConflicts(d: DesktopDoctorDeps): { result: DoctorCheckResult; findings: DoctorFinding[] } {
  const findings: DoctorFinding[] = d.conflicts().map((c) => ({
    id: `parkedConflicts:${c.id}`, check: 'parkedConflicts', severity: 'warning',
    title: `「${c.customerName ?? c.externalUserid}」有一项改动等待处理：${c.wanted}`,
    explanation: `${c.happened}。这项改动不会自动重试，也不会被丢弃，需要你在冲突箱里选择处理方式；在此之前，企业微信和同事看到的仍是原来的标签。`,
    fix: { action: 'open_conflict', label: '打开冲突', params: { conflictId: String(c.id), externalUserid: c.externalUserid } },
  }));
  return { result: result('parkedConflicts', `本机冲突箱中未处理的改动（${findings.length} 项）。`, findings), findings };
}

async function drift(d: DesktopDoctorDeps, sample: number): Promise<{ result: DoctorCheckResult; findings: DoctorFinding[] }> {
  if (!d.online || !d.client) return { result: result('drift', '当前离线，无法与企业微信比对。', [], true), findings: [] };
  // The base snapshot of relations without changes on the way; only tags of the local catalog count.
  const local = prepared<[string, number], { external: string; name: string; tags: string | null }>(d.db, `
    SELECT c.external_userid AS external, c.name AS name,
           (SELECT group_concat(t.tag_id, ',') FROM relation_base_tags b JOIN tags t ON t.ref = b.tag_ref WHERE b.relation_id = fr.id AND t.deleted = 0) AS tags
    FROM follow_relations fr JOIN customers c ON c.id = fr.customer_id
    WHERE fr.member_userid = ?
      AND NOT EXISTS (SELECT 1 FROM outbox_ops o WHERE o.customer_id = fr.customer_id AND o.member_userid = fr.member_userid AND o.state IN ('pending', 'sending', 'unknown', 'parked'))
    ORDER BY c.id LIMIT ?`).all(d.member, sample);
  const known = new Set(prepared<[], string>(d.db, `SELECT tag_id FROM tags WHERE deleted = 0`).pluck().all());
  const wecom = new Map<string, string[]>();
  let cursor = '';
  do {
    const page = await d.client.batchGetByUser({ userid_list: [d.member], cursor, limit: 100 });
    for (const c of page.external_contact_list) if (c.follow_info.userid === d.member) wecom.set(c.external_contact.external_userid, c.follow_info.tag_id);
    cursor = page.next_cursor;
  } while (cursor);
  const findings: DoctorFinding[] = [];
  for (const r of local) {
    const mine = new Set((r.tags ?? '').split(',').filter(Boolean));
    const theirs = wecom.get(r.external);
    const live = new Set((theirs ?? []).filter((t) => known.has(t)));
    const same = theirs !== undefined && mine.size === live.size && [...mine].every((t) => live.has(t));
    if (same) continue;
    findings.push({
      id: `drift:${d.member}:${r.external}`, check: 'drift', severity: 'warning',
      title: `客户「${r.name}」的本机标签与企业微信不一致`,
      explanation: theirs === undefined
        ? '企业微信中已没有你与这位客户的跟进关系，本机仍保留着它。重新同步会从企业微信重新读取。'
        : `本机记录的标签与企业微信当前的不同（本机 ${mine.size} 个，企业微信 ${live.size} 个），可能是漏收了变更通知。重新同步会以企业微信为准更新本机（你尚未发出的改动不受影响）。`,
      fix: { action: 'resync_customer', label: '重新同步该客户', params: { userid: d.member, externalUserid: r.external } },
    });
  }
  return { result: result('drift', `抽查了本机 ${local.length} 位客户（没有待发送改动的），对比本机保存的标签与企业微信当前的标签。`, findings), findings };
}

async function staleCatalog(d: DesktopDoctorDeps): Promise<{ result: DoctorCheckResult; findings: DoctorFinding[] }> {
  if (!d.online || !d.client) return { result: result('staleCatalog', '当前离线，无法与企业微信比对。', [], true), findings: [] };
  const local = new Map(prepared<[], { id: string; name: string }>(d.db, `SELECT tag_id AS id, name FROM tags WHERE deleted = 0`).all().map((t) => [t.id, t.name]));
  const live = new Map((await d.client.getCorpTagList()).tag_group.flatMap((g) => g.tag.filter((t) => !t.deleted).map((t) => [t.id, t.name] as const)));
  const differs = local.size !== live.size || [...live].some(([id, name]) => local.get(id) !== name);
  const findings: DoctorFinding[] = differs ? [{
    id: 'staleCatalog', check: 'staleCatalog', severity: 'warning', title: '本机的标签库已过期',
    explanation: `本机有 ${local.size} 个标签，企业微信中你可见的有 ${live.size} 个（或有改名）。刷新后面板会显示最新的标签。`,
    fix: { action: 'refresh_catalog', label: '刷新标签库', params: {} },
  }] : [];
  return { result: result('staleCatalog', `对比本机标签库与企业微信中你可见的标签库。`, findings), findings };
}

export async function runDesktopDoctor(d: DesktopDoctorDeps, sample = DESKTOP_DRIFT_SAMPLE): Promise<DoctorReport> {
  const parts = [await drift(d, sample), await staleCatalog(d), parkedConflicts(d)];
  return { generatedAt: new Date(d.now()).toISOString(), scope: 'desktop', checks: parts.map((p) => p.result), findings: parts.flatMap((p) => p.findings) };
}

/** The safe fixes: re-read one customer or the catalog from WeCom (opening a conflict is the UI's). */
export async function runDesktopFix(d: DesktopDoctorDeps, fix: { action: 'resync_customer'; externalUserid: string } | { action: 'refresh_catalog' }): Promise<{ done: true; message: string }> {
  if (!d.online || !d.client) throw new HandledError('unavailable', 'offline', '当前离线，无法从企业微信刷新；本机数据仍可查看和编辑。');
  if (fix.action === 'refresh_catalog') {
    await d.refreshCatalog();
    return { done: true, message: '已刷新标签库。' };
  }
  await d.refreshCustomer(fix.externalUserid);
  return { done: true, message: '已从企业微信重新同步该客户。' };
}

/** What the workspace hands the doctor, plus the team connection for the server's report. */
export interface DoctorHost {
  doctorDeps(): DesktopDoctorDeps & { role: string; serverUrl: string; token: string; fetch: typeof fetch };
}

async function serverCall<T>(h: ReturnType<DoctorHost['doctorDeps']>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await h.fetch(`${h.serverUrl}${path}`, {
    method, signal: AbortSignal.timeout(60_000),
    headers: { Authorization: `Bearer ${h.token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as { ok: boolean; value: T; error?: { userMessage: string } };
  if (!json.ok) throw new HandledError(res.status === 403 ? 'forbidden' : 'unavailable', `team server answered ${res.status}`, json.error?.userMessage ?? '团队服务器拒绝了请求。');
  return json.value;
}

/** The doctor.* channels over one workspace. */
export function desktopDoctor(host: DoctorHost) {
  return {
    async run(sample?: number): Promise<{ desktop: DoctorReport; server: DoctorReport | null; serverError: string | null }> {
      const h = host.doctorDeps();
      const desktop = await runDesktopDoctor(h, sample);
      if (h.role !== 'admin') return { desktop, server: null, serverError: null };
      if (!h.online) return { desktop, server: null, serverError: '当前离线，无法获取团队服务器的体检结果。' };
      try {
        return { desktop, server: await serverCall<DoctorReport>(h, 'GET', '/team/v1/doctor'), serverError: null };
      } catch (e) {
        return { desktop, server: null, serverError: e instanceof HandledError ? e.userMessage : '团队服务器暂时无法连接。' };
      }
    },
    async fix(f: { action: 'resync_customer'; userid: string; externalUserid: string; scope: 'desktop' | 'server' } | { action: 'refresh_catalog'; scope: 'desktop' | 'server' }): Promise<{ done: true; message: string }> {
      const h = host.doctorDeps();
      if (f.scope === 'desktop') return runDesktopFix(h, f.action === 'refresh_catalog' ? { action: 'refresh_catalog' } : { action: 'resync_customer', externalUserid: f.externalUserid });
      const { scope: _scope, ...fix } = f;
      return serverCall<{ done: true; message: string }>(h, 'POST', '/team/v1/doctor/fix', fix);
    },
  };
}
