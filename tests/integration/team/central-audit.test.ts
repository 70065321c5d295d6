// Central audit: every relayed write lands in the server's hash chain (sensitive values cut
// out), members see what they may see, an admin's export verifies with `tagdesk audit verify`,
// and a device's uploaded segments must continue its chain exactly.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { createEnterpriseChain, type AuditEvent } from '../../../src-shared/audit/index';
import { api, relayClient, signIn } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300 });
});
afterAll(async () => demo?.close());

const productTag = (rel: { tag_ids: string[] }) => demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.find((t) => !rel.tag_ids.includes(t.id))!;

describe('central audit', () => {
  it('records a relayed tag with actor and tag name, visible to the member and their supervisor only', async () => {
    const token = await signIn(demo, 'guotao');
    const rel = demo.sim.company.relations.find((r) => r.userid === 'guotao')!;
    const tag = productTag(rel);
    await relayClient(demo, token).markTag({ userid: 'guotao', external_userid: rel.external_userid, add_tag: [tag.id] });
    const mine = await api<{ events: AuditEvent[] }>(demo, token, 'GET', `/team/v1/audit?customer=${rel.external_userid}`);
    const event = mine.body.value.events.find((e) => e.action === 'tag.add' && e.target.kind === 'relationTag' && e.target.tagId === tag.id)!;
    expect(event).toMatchObject({ actor: 'guotao', source: 'relay', after: { tagName: tag.name, groupName: '产品偏好' } });
    const sup = await api<{ events: AuditEvent[] }>(demo, await signIn(demo, 'chenjing'), 'GET', `/team/v1/audit?member=guotao`);
    expect(sup.body.value.events.some((e) => e.hash === event.hash)).toBe(true);
    const otherTeam = await api<{ events: AuditEvent[] }>(demo, await signIn(demo, 'yangfan'), 'GET', `/team/v1/audit?member=guotao`);
    expect(otherTeam.body.value.events).toHaveLength(0);
    const colleague = await api<{ events: AuditEvent[] }>(demo, await signIn(demo, 'luoqian'), 'GET', `/team/v1/audit?customer=${rel.external_userid}`);
    expect(colleague.body.value.events.some((e) => e.hash === event.hash)).toBe(false);
  });

  it('cuts a mobile number out of an audited remark, keeping its category', async () => {
    const token = await signIn(demo, 'guotao');
    const rel = demo.sim.company.relations.find((r) => r.userid === 'guotao')!;
    await relayClient(demo, token).remark({ userid: 'guotao', external_userid: rel.external_userid, description: '备用手机13812345678，周末联系' });
    const r = await api<{ events: AuditEvent[] }>(demo, token, 'GET', `/team/v1/audit?customer=${rel.external_userid}`);
    const remark = r.body.value.events.find((e) => e.action === 'relation.remark')!;
    expect(JSON.stringify(remark)).not.toContain('13812345678');
    expect(remark.redactions).toContainEqual({ path: 'after.description', categories: ['pii.mobile_cn'] });
  });

  it('exports the server chain as a file that tagdesk audit verify accepts, and that fails when edited', async () => {
    const admin = await signIn(demo, 'linxue');
    const res = await fetch(`${demo.team.url}/team/v1/audit/export?chain=server`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-audit-'));
    const file = path.join(dir, 'server.jsonl');
    writeFileSync(file, text);
    // Run the CLI without blocking this process: the servers under test keep answering meanwhile.
    const verify = () => new Promise<{ status: number; out: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), 'audit', 'verify', file], { cwd: ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
        resolve({ status: err ? (typeof err.code === 'number' ? err.code : -1) : 0, out: stdout + stderr });
      });
    });
    const ok = await verify();
    expect(ok.status, ok.out).toBe(0);
    const lines = text.trim().split('\n');
    const tampered = lines.map((l, i) => (i === 2 ? l.replace('"actor":"', '"actor":"x') : l)).join('\n') + '\n';
    writeFileSync(file, tampered);
    const bad = await verify();
    expect(bad.status).toBe(1);
    expect(bad.out).toMatch(/2/);
    const sales = await signIn(demo, 'guotao');
    expect((await fetch(`${demo.team.url}/team/v1/audit/export`, { headers: { Authorization: `Bearer ${sales}` } })).status).toBe(403);
  });

  it('accepts a device’s enterprise chain only as an exact continuation', async () => {
    const token = await signIn(demo, 'heyu');
    const me = await api<{ deviceId: string }>(demo, token, 'GET', '/team/v1/me');
    const chain = createEnterpriseChain({ device: me.body.value.deviceId, now: () => Date.now() });
    const mk = (n: number) => chain.append({ actor: 'heyu', source: 'ui', action: 'tag.add', target: { kind: 'relationTag', member: 'heyu', customer: `wm${n}`, tagId: 't1' }, before: null, after: { tagName: '智能门锁' } });
    const first = [mk(1), mk(2)];
    const up1 = await api<{ accepted: number }>(demo, token, 'POST', '/team/v1/audit/segments', { events: first });
    expect(up1.body.value.accepted).toBe(2);
    // a retried upload of the same events is fine and changes nothing
    expect((await api<{ accepted: number }>(demo, token, 'POST', '/team/v1/audit/segments', { events: first })).body.value.accepted).toBe(0);
    // a gap is refused
    mk(3);
    const gap = await api(demo, token, 'POST', '/team/v1/audit/segments', { events: [mk(4)] });
    expect(gap.status).toBe(409);
    // an altered copy of a stored event is refused
    const altered = { ...first[1]!, after: { tagName: '改过的' } };
    expect((await api(demo, token, 'POST', '/team/v1/audit/segments', { events: [altered] })).status).toBe(409);
    // another device's events are refused
    const other = createEnterpriseChain({ device: 'not-this-device', now: () => Date.now() });
    const foreign = other.append({ actor: 'heyu', source: 'ui', action: 'tag.add', target: { kind: 'relationTag', member: 'heyu', customer: 'wm9', tagId: 't1' }, before: null, after: null });
    const otherToken = await signIn(demo, 'heyu');
    expect((await api(demo, otherToken, 'POST', '/team/v1/audit/segments', { events: [foreign] })).status).toBe(403);
    // personal events never pass: the schema of the enterprise chain refuses them
    const head = await api<{ head: { seq: number } }>(demo, token, 'GET', '/team/v1/audit/head');
    expect(head.body.value.head.seq).toBe(2);
  });
});
