// `npm run --silent tagdesk -- mute explain … --json` against a running demo team server: an
// admin checking why a supplier is quiet for a salesperson at 21:00, and that it is not at noon.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { wecomTruth } from '../team/helpers';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
function tagdesk(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), ...args], { cwd: ROOT, env: { ...process.env, TAGDESK_DEVICE_TOKEN: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

let demo: DemoTeam;
let supplier: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 80, reconcileIntervalMs: 0 });
  supplier = demo.sim.company.relations.find((r) => r.userid === 'liuyang')!.external_userid;
  const tagId = (name: string) => demo.sim.company.tagGroups.flatMap((g) => g.tags).find((t) => t.name === name)!.id;
  const values = demo.sim.company.tagGroups.find((g) => g.group_name === '价值等级')!.tags.map((t) => t.id);
  await wecomTruth(demo).markTag({ userid: 'liuyang', external_userid: supplier, add_tag: [tagId('供应商')], remove_tag: values });
});
afterAll(async () => demo?.close());

describe('tagdesk mute explain', () => {
  it('prints the verdict and the deciding rules as JSON', async () => {
    const r = await tagdesk('mute', 'explain', '--server', demo.team.url, '--member', 'liuyang', '--customer', supplier, '--at', '2026-03-10T21:00:00+08:00', '--json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { member: string; state: string; until: string; sentence: string; rules: { id: string; effect: string }[]; customer: { externalUserid: string } };
    expect(out).toMatchObject({ member: 'liuyang', state: 'muted', until: '2026-03-11T01:00:00.000Z', customer: { externalUserid: supplier } });
    expect(out.rules.map((x) => [x.id, x.effect])).toEqual([['partner-night', 'mute']]);
    expect(out.sentence).toContain('合作方夜间静音');
    const noon = await tagdesk('mute', 'explain', '--server', demo.team.url, '--member', 'liuyang', '--customer', supplier, '--at', '2026-03-10T12:00:00+08:00', '--json');
    expect(JSON.parse(noon.stdout)).toMatchObject({ state: 'open', rules: [] });
  });
  it('says what is wrong and exits 2', async () => {
    const missing = await tagdesk('mute', 'explain', '--server', demo.team.url, '--member', 'liuyang');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--customer');
    const badAt = await tagdesk('mute', 'explain', '--server', demo.team.url, '--member', 'liuyang', '--customer', supplier, '--at', 'tonight');
    expect(badAt.status).toBe(2);
    const unknown = await tagdesk('mute', 'explain', '--server', demo.team.url, '--member', 'nobody', '--customer', supplier, '--json');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('not_found');
  });
});
