// Importing tags from the spreadsheets people really have, and exporting for Excel: a GBK file
// saved by Excel on Chinese Windows with every kind of mistake is previewed (CLI dry run and
// API) with a row-level error and a suggestion for each; a UTF-8 file with a BOM is committed
// as one batch and undone, and so is the GBK file's good row; the export opens as Excel would read it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from '../team/helpers';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300, reconcileIntervalMs: 0 });
});
afterAll(async () => demo?.close());

interface Preview { rows: number; ok: number; encoding: string; errors: { row: number; column: string; code: string; message: string; suggestion: string | null }[] }

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const tagId = (group: string, name: string): string => demo.sim.company.tagGroups.find((g) => g.group_name === group)!.tags.find((t) => t.name === name)!.id;
const relationsOf = (userid: string) => demo.sim.company.relations.filter((r) => r.userid === userid);

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('tag import', () => {
  it('previews a GBK file with mixed mistakes (each row names its error and a suggestion, nothing changes), then commits its good rows as one batch and undoes it', async () => {
    const [a, b, c, d] = relationsOf('liuyang');
    const csv = [
      '客户ID,跟进成员,产品偏好,标签,备注列',
      `${a!.external_userid},liuyang,智能门锁、咖啡机,渠道来源:展会,`,
      `wmNoSuchCustomer,liuyang,智能门锁,,`,
      `${b!.external_userid},liuyang,智能门所,,`,
      `${c!.external_userid},liuyang,1992年8月生,,`,
      `${d!.external_userid},liuyang,,乙肝患者,`,
      `${a!.external_userid},liuyang,扫地机器人,,`,
    ].join('\r\n');
    const gbk = iconv.encode(csv, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    const dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-import-'));
    const file = path.join(dir, '客户标签.csv');
    writeFileSync(file, gbk);
    const before = JSON.stringify([...demo.sim.runtime.state.relations.values()].map((r) => r.tag_ids));

    const run = await cli(['import', file, '--dry-run', '--server', demo.team.url, '--as', 'chenjing', '--json']);
    expect(run.status, run.stderr).toBe(1);
    const out = JSON.parse(run.stdout) as Preview;
    expect(Object.keys(out)).toEqual(['rows', 'ok', 'errors']);
    expect(out.rows).toBe(6);
    expect(out.ok).toBe(1);
    const byCode = (code: string) => out.errors.filter((e) => e.code === code);
    expect(byCode('unknown_column')[0]).toMatchObject({ row: 1, column: '备注列' });
    expect(byCode('unknown_customer')[0]).toMatchObject({ row: 3, column: '客户ID' });
    expect(byCode('unknown_tag')[0]).toMatchObject({ row: 4, column: '产品偏好' });
    expect(byCode('unknown_tag')[0]!.suggestion).toContain('智能门锁');
    expect(byCode('not_a_tag')[0]).toMatchObject({ row: 5, column: '产品偏好' });
    expect(byCode('not_a_tag')[0]!.message).toContain('1992年8月生');
    expect(byCode('sensitive')[0]).toMatchObject({ row: 6, column: '标签' });
    expect(byCode('duplicate')[0]).toMatchObject({ row: 7, column: '客户ID' });
    expect(byCode('duplicate')[0]!.suggestion).toContain('第 2 行');
    for (const e of out.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);

    // The API says the same and names the encoding; nothing reached WeCom.
    const token = await signIn(demo, 'chenjing');
    const viaApi = await api<Preview>(demo, token, 'POST', '/team/v1/import/preview', { fileBase64: b64(gbk) });
    expect(viaApi.body.value.encoding).toBe('gb18030');
    expect(viaApi.body.value.errors).toEqual(out.errors);
    const refused = await api(demo, token, 'POST', '/team/v1/import/commit', { fileBase64: b64(gbk) });
    expect(refused.status).toBe(409);
    expect(JSON.stringify([...demo.sim.runtime.state.relations.values()].map((r) => r.tag_ids))).toBe(before);
    // --as is refused by a server that is not a demo.
    demo.team.ctx.config.demo = false;
    const notDemo = await cli(['import', file, '--dry-run', '--server', demo.team.url, '--as', 'chenjing', '--json']);
    demo.team.ctx.config.demo = true;
    expect(notDemo.status).toBe(2);
    expect(notDemo.stderr).toContain('演示服务器');

    // Committed with its mistakes skipped: only row 2's tags reach WeCom, as one batch…
    const st = demo.sim.runtime.state;
    const lock = tagId('产品偏好', '智能门锁');
    const machine = tagId('产品偏好', '咖啡机');
    const expo = tagId('渠道来源', '展会');
    const aBefore = [...st.relation('liuyang', a!.external_userid)!.tag_ids];
    const committed = await api<{ batch: BatchProgress; rows: number; ok: number; skipped: number }>(demo, token, 'POST', '/team/v1/import/commit', { fileBase64: b64(gbk), fileName: '客户标签.csv', skipErrors: true });
    expect(committed.status).toBe(201);
    expect(committed.body.value).toMatchObject({ rows: 6, ok: 1, skipped: 5 });
    await demo.team.ctx.batches.idle(committed.body.value.batch.id);
    expect(st.relation('liuyang', a!.external_userid)!.tag_ids).toEqual(expect.arrayContaining([lock, machine, expo]));
    for (const r of [b, c, d]) expect(st.relation('liuyang', r!.external_userid)!.tag_ids).toEqual(relationsOf('liuyang').find((x) => x.external_userid === r!.external_userid)!.tag_ids);
    // …and undoing that batch gives the customer back exactly the tags it had.
    const undo = await api<BatchProgress>(demo, token, 'POST', `/team/v1/batches/${committed.body.value.batch.id}/undo`);
    expect(undo.status).toBe(201);
    await demo.team.ctx.batches.idle(undo.body.value.id);
    expect([...st.relation('liuyang', a!.external_userid)!.tag_ids].sort()).toEqual([...aBefore].sort());
  });

  it('commits a UTF-8 file with a BOM as one batch, and undoing it restores WeCom', async () => {
    const rels = relationsOf('zhaolei').slice(0, 5);
    const coffee = tagId('产品偏好', '咖啡机');
    const st = demo.sim.runtime.state;
    const before = rels.map((r) => [...st.relation('zhaolei', r.external_userid)!.tag_ids]);
    const csv = ['external_userid,userid,产品偏好', ...rels.map((r) => `${r.external_userid},zhaolei,咖啡机`)].join('\n');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
    const admin = await signIn(demo, 'linxue');
    const preview = await api<Preview>(demo, admin, 'POST', '/team/v1/import/preview', { fileBase64: b64(bom) });
    expect(preview.body.value).toMatchObject({ rows: 5, ok: 5, errors: [], encoding: 'utf-8-bom' });
    const committed = await api<{ batch: BatchProgress }>(demo, admin, 'POST', '/team/v1/import/commit', { fileBase64: b64(bom), fileName: 'vip.csv' });
    expect(committed.status).toBe(201);
    expect(committed.body.value.batch).toMatchObject({ kind: 'import', source: 'import' });
    await demo.team.ctx.batches.idle(committed.body.value.batch.id);
    for (const r of rels) expect(st.relation('zhaolei', r.external_userid)!.tag_ids).toContain(coffee);
    const undo = await api<BatchProgress>(demo, admin, 'POST', `/team/v1/batches/${committed.body.value.batch.id}/undo`);
    expect(undo.status).toBe(201);
    await demo.team.ctx.batches.idle(undo.body.value.id);
    expect(rels.map((r) => [...st.relation('zhaolei', r.external_userid)!.tag_ids])).toEqual(before);
  });
});

describe('customer export', () => {
  it('writes CSV that Excel opens as UTF-8, with commas, quotes and line breaks kept inside their cells', async () => {
    const rel = relationsOf('liuyang')[0]!;
    const tricky = '张三,"老张"\n华东区';
    demo.sim.runtime.state.customers.get(rel.external_userid)!.name = tricky;
    const sales = await signIn(demo, 'liuyang');
    const res = await fetch(`${demo.team.url}/team/v1/export/customers`, { method: 'POST', headers: { Authorization: `Bearer ${sales}`, 'Content-Type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    // Every record ends in CRLF; a bare LF appears only inside a quoted cell.
    expect(text.split('\r\n')[0]).toMatch(/^客户ID,客户名称,企业名称,跟进成员ID,跟进成员,添加时间,/);
    const parsed = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data;
    const header = parsed[0]!;
    const row = parsed.find((r) => r[0] === rel.external_userid)!;
    expect(row[1]).toBe(tricky);
    // A salesperson exports only their own relations, and only groups they may see.
    expect(new Set(parsed.slice(1).map((r) => r[3]))).toEqual(new Set(['liuyang']));
    const productCol = header.indexOf('产品偏好');
    const productNames = rel.tag_ids.map((id) => demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.find((t) => t.id === id)?.name).filter(Boolean);
    expect(row[productCol]!.split('、').filter(Boolean).sort()).toEqual([...productNames].sort());
  });
});
