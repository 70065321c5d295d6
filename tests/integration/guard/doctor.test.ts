// The tag health check: an admin runs the doctor against a company with planted problems —
// a relation changed in WeCom behind the server's back, catalog edits in the WeCom console the
// server missed, too many groups and an oversized one, an unused near-duplicate tag, a device
// gone quiet for days, a grant and a limit that contradict each other, an approval past its
// SLA — and each check names its problem in Chinese; the safe fixes clear theirs; the CLI
// prints the same report as JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from '../team/helpers';
import type { DoctorReport } from '../../../src-shared/team-api/doctor';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let demo: DemoTeam;
let admin: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
}, 60_000);
afterAll(async () => demo?.close());

const st = () => demo.sim.runtime.state;
const doctor = async (): Promise<DoctorReport> => {
  const r = await api<DoctorReport>(demo, admin, 'GET', '/team/v1/doctor');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.value;
};
const ids = (r: DoctorReport) => r.findings.map((f) => f.id);
const sec = () => Math.floor(Date.now() / 1000);

describe('tag health check', () => {
  it('finds each planted problem, explains it, and the safe fixes clear theirs', async () => {
    // Drift: the server has looked at 刘洋's customers; then one changes in WeCom without a callback.
    await demo.team.reconciler.checkMember('liuyang');
    await demo.team.ctx.catalog.refresh();
    const rel = [...st().relations.values()].find((r) => r.userid === 'liuyang')!;
    const product = demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!;
    rel.tag_ids.push(product.tags.find((t) => !rel.tag_ids.includes(t.id))!.id);

    // Catalog edits in the console the server never heard of: enough groups to pass 15, one oversized.
    const groupCount = st().groups.size;
    // Random names, so the planted filler is not itself a pile of near-duplicates.
    const noise = () => randomUUID().slice(0, 8);
    for (let i = groupCount; i <= 15; i++) st().createTag(st().createGroup(`组${noise()}`, 0, 'admin_console', sec()), noise(), 0, 'admin_console', sec());
    const big = st().createGroup('体检超大组', 0, 'admin_console', sec());
    for (let i = 0; i < 31; i++) st().createTag(big, noise(), 0, 'admin_console', sec());
    st().createTag(st().groups.get(product.group_id)!, '扫地机', 0, 'admin_console', sec());

    // A device gone quiet for ten days.
    await signIn(demo, 'zhaolei');
    demo.team.ctx.db.prepare(`UPDATE devices SET last_seen_at = ? WHERE userid = 'zhaolei'`).run(new Date(Date.now() - 10 * 86400_000).toISOString());

    // A grant to 销售一部 and a limit on sales for the same group.
    const policy = (await api<{ revision: number; tagGroups: { groupId: string }[] } & Record<string, unknown>>(demo, admin, 'GET', '/team/v1/policy')).body.value;
    const entry = { groupId: product.group_id, baseline: 'view', grants: [{ departmentId: 3, level: 'apply' }], limits: [{ role: 'sales', max: 'none' }] };
    const saved = await api(demo, admin, 'PUT', '/team/v1/policy', { ...policy, revision: policy.revision + 1, tagGroups: [...policy.tagGroups.filter((g) => g.groupId !== product.group_id), entry] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // An approval nobody answered within its SLA.
    const vip = demo.sim.company.tagGroups.find((g) => g.group_name === '价值等级')!.tags[0]!;
    const sales = await signIn(demo, 'sunli');
    const ext = [...st().relations.values()].find((r) => r.userid === 'sunli')!.external_userid;
    const filed = await api<{ id: string }>(demo, sales, 'POST', '/team/v1/approvals', { requestId: randomUUID(), kind: 'sensitive_tag', userid: 'sunli', externalUserid: ext, tagId: vip.id, reason: '年采购额过百万', findings: [] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    demo.team.ctx.db.prepare(`UPDATE approvals SET expires_at = ? WHERE id = ?`).run(new Date(Date.now() - 3600_000).toISOString(), filed.body.value.id);

    const first = await doctor();
    const find = (id: string) => first.findings.find((f) => f.id === id);
    const drift = find(`drift:liuyang:${rel.external_userid}`);
    expect(drift?.fix).toEqual({ action: 'resync_customer', label: '重新同步该客户', params: { userid: 'liuyang', externalUserid: rel.external_userid } });
    expect(drift!.explanation).toContain('回调');
    expect(find('staleCatalog')?.fix?.action).toBe('refresh_catalog');
    const zhaoleiDevice = first.findings.find((f) => f.check === 'syncLag' && f.title.includes('赵磊'));
    expect(zhaoleiDevice?.title).toContain('10 天未连接');
    expect(first.syncLag!.find((r) => r.userid === 'zhaolei')).toMatchObject({ devices: 1 });
    const conflict = find(`permissionConflicts:${product.group_id}:0:0`);
    expect(conflict?.explanation).toMatch(/更严格者优先.*不能查看/);
    expect(conflict?.explanation).toContain('刘洋');
    expect(find(`expiredApprovals:${filed.body.value.id}`)?.title).toContain('孙丽');
    expect(first.checks.find((c) => c.check === 'parkedConflicts')?.status).toBe('skipped');
    for (const f of first.findings) expect(f.explanation).toMatch(/[\u4e00-\u9fa5]/);

    // The fixes: resync the customer, refresh the catalog; then the taxonomy smells show.
    expect((await api(demo, admin, 'POST', '/team/v1/doctor/fix', { action: 'resync_customer', userid: 'liuyang', externalUserid: rel.external_userid })).status).toBe(200);
    expect((await api(demo, admin, 'POST', '/team/v1/doctor/fix', { action: 'refresh_catalog' })).status).toBe(200);
    const second = await doctor();
    expect(ids(second)).not.toContain(`drift:liuyang:${rel.external_userid}`);
    expect(ids(second)).not.toContain('staleCatalog');
    expect(ids(second)).toContain('taxonomy:groups');
    expect(ids(second)).toContain(`taxonomy:oversized:${big.group_id}`);
    const unused = second.findings.find((f) => f.id === 'taxonomy:unused');
    expect(unused?.explanation).toContain('扫地机');
    expect(second.findings.find((f) => f.id === 'taxonomy:duplicates')?.explanation).toMatch(/「产品偏好:扫地机」与「产品偏好:扫地机器人」|「产品偏好:扫地机器人」与「产品偏好:扫地机」/);

    // Staff cannot run it.
    expect((await api(demo, sales, 'GET', '/team/v1/doctor')).status).toBe(403);
  });

  it('a clean company has no drift, catalog or approval findings', async () => {
    const fresh = await startDemoTeam({ customers: 100, reconcileIntervalMs: 0 });
    try {
      const token = await signIn(fresh, 'linxue');
      await fresh.team.reconciler.checkMember('liuyang');
      await fresh.team.ctx.catalog.refresh();
      const r = (await api<DoctorReport>(fresh, token, 'GET', '/team/v1/doctor')).body.value;
      expect(r.findings.filter((f) => ['drift', 'staleCatalog', 'expiredApprovals', 'permissionConflicts', 'syncLag'].includes(f.check))).toEqual([]);
      expect(r.checks.find((c) => c.check === 'drift')?.status).toBe('ok');
    } finally {
      await fresh.close();
    }
  });

  it('the CLI prints the report as JSON and exits 1 when there is something to look at', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), 'doctor', '--server', demo.team.url, '--as', 'linxue', '--json'], { cwd: ROOT, timeout: 60_000 }, (err, out, errOut) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: out, stderr: errOut });
      });
    });
    expect(code, stderr).toBe(1);
    const report = JSON.parse(stdout) as DoctorReport;
    expect(Object.keys(report).sort()).toEqual(['checks', 'findings', 'generatedAt', 'scope', 'syncLag']);
    expect(report.checks.map((c) => c.check)).toEqual(['drift', 'staleCatalog', 'parkedConflicts', 'syncLag', 'permissionConflicts', 'taxonomy', 'expiredApprovals']);
    for (const f of report.findings) expect(Object.keys(f).sort()).toEqual(['check', 'explanation', 'fix', 'id', 'severity', 'title']);
  });
});
