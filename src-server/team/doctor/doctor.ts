// The tag health check on the team server: runs every check the server can answer, says
// plainly which it cannot (parked conflicts live on each desktop), and performs the safe
// one-click fixes — resync one customer, refresh the catalog — audited like any admin action.
import { z } from 'zod';
import type { TeamContext } from '../context';
import type { DoctorReport } from '../../../src-shared/team-api/doctor';
import { TeamHttpError } from '../http/respond';
import { callOk } from '../upstream';
import { loadRelations } from '../admin/relations';
import { digestOf } from '../wecom-callback/reconcile';
import { checkApprovals, checkCatalog, checkDrift, checkSyncLag, type CheckOutput } from './wecom-checks';
import { checkPermissionConflicts, checkTaxonomy } from './policy-checks';

export const DEFAULT_DRIFT_SAMPLE = 200;

function requireAdmin(ctx: TeamContext, viewer: string): void {
  if (ctx.directory.member(viewer)?.role !== 'admin') throw new TeamHttpError('forbidden', 'admins only', '只有管理员可以运行标签体检。');
}

async function guarded(check: CheckOutput['result']['check'], run: () => Promise<CheckOutput> | CheckOutput): Promise<CheckOutput> {
  try {
    return await run();
  } catch (e) {
    return { result: { check, status: 'skipped', measured: `检查未能完成：${e instanceof TeamHttpError ? e.userMessage : (e as Error).message}`, findings: 0 }, findings: [] };
  }
}

export async function runDoctor(ctx: TeamContext, viewer: string, opts: { sample?: number } = {}): Promise<DoctorReport> {
  requireAdmin(ctx, viewer);
  const lag = checkSyncLag(ctx);
  const outputs: CheckOutput[] = [
    await guarded('drift', () => checkDrift(ctx, opts.sample ?? DEFAULT_DRIFT_SAMPLE)),
    await guarded('staleCatalog', () => checkCatalog(ctx)),
    {
      result: { check: 'parkedConflicts', status: 'skipped', measured: '冲突箱保存在每台桌面端本地，团队服务器看不到；请在桌面端运行体检（doctor.run）。', findings: 0 },
      findings: [],
    },
    lag,
    await guarded('permissionConflicts', () => checkPermissionConflicts(ctx)),
    await guarded('taxonomy', () => checkTaxonomy(ctx, viewer)),
    await guarded('expiredApprovals', () => checkApprovals(ctx)),
  ];
  return {
    generatedAt: ctx.now().toISOString(),
    scope: 'server',
    checks: outputs.map((o) => o.result),
    findings: outputs.flatMap((o) => o.findings),
    syncLag: lag.rows,
  };
}

export const doctorFixSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('resync_customer'), userid: z.string().min(1).max(128), externalUserid: z.string().min(1).max(128) }),
  z.strictObject({ action: z.literal('refresh_catalog') }),
], { error: '修复动作应为 resync_customer 或 refresh_catalog' });
export type DoctorFixInput = z.output<typeof doctorFixSchema>;

/** Runs a safe fix: both only make the server and every desktop read WeCom again. */
export async function runDoctorFix(ctx: TeamContext, viewer: string, fix: DoctorFixInput): Promise<{ done: true; message: string }> {
  requireAdmin(ctx, viewer);
  if (fix.action === 'refresh_catalog') {
    await ctx.catalog.refresh();
    ctx.db.transaction(() => {
      ctx.audit.append({ actor: viewer, source: 'ui', action: 'doctor.fix', target: { kind: 'catalog' }, before: null, after: { fix: fix.action } });
      ctx.events.append({ kind: 'catalog.changed', source: 'doctor' }, '*');
    })();
    ctx.events.flush();
    return { done: true, message: '已刷新标签库，并通知所有桌面端重新读取。' };
  }
  const [relation] = (await loadRelations(ctx, [fix.userid])).filter((r) => r.externalUserid === fix.externalUserid);
  let followers: string[] = [fix.userid];
  try {
    const r = await callOk(ctx.upstream, 'GET', '/cgi-bin/externalcontact/get', { external_userid: fix.externalUserid }, undefined);
    followers = ((r.follow_user as { userid: string }[] | undefined) ?? []).map((f) => f.userid);
  } catch {
    // The customer may be gone; the member and their overseers still hear of it.
  }
  ctx.db.transaction(() => {
    if (relation) {
      ctx.db.prepare(`INSERT INTO relation_digests (userid, external_userid, digest) VALUES (?, ?, ?) ON CONFLICT (userid, external_userid) DO UPDATE SET digest = excluded.digest`)
        .run(fix.userid, fix.externalUserid, digestOf([...relation.tagIds].sort()));
    } else {
      ctx.db.prepare(`DELETE FROM relation_digests WHERE userid = ? AND external_userid = ?`).run(fix.userid, fix.externalUserid);
    }
    ctx.audit.append({ actor: viewer, source: 'ui', action: 'doctor.fix', target: { kind: 'relation', member: fix.userid, customer: fix.externalUserid }, before: null, after: { fix: fix.action } });
    ctx.events.append({ kind: 'customer.tags.changed', externalUserid: fix.externalUserid, userid: fix.userid, source: 'doctor' }, [...new Set([...followers, fix.userid, ...ctx.directory.overseersOf(fix.userid)])]);
  })();
  ctx.events.flush();
  return { done: true, message: relation ? '已重新同步该客户，打开该客户的桌面端会重新读取。' : '企业微信中已没有这条跟进关系，已清除服务器的旧记录。' };
}
