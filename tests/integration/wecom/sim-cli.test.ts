// `npm run --silent tagdesk -- sim --seed N --customers N --port 0 --json`: one JSON line with the
// credentials, a working WeCom API behind it, and a clean stop on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFor } from './harness';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
let child: ChildProcess | undefined;
afterAll(() => { if (child && child.exitCode === null) child.kill('SIGKILL'); });

describe('tagdesk sim', () => {
  it('prints {url, corpid, corpsecret, agentid}, serves WeCom’s API and exits 0 on SIGTERM', async () => {
    child = spawn(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), 'sim', '--seed', '9', '--customers', '3000', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).once('line', resolve);
      child!.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const info = JSON.parse(line) as { url: string; corpid: string; corpsecret: string; agentid: number };
    expect(Object.keys(info).sort()).toEqual(['agentid', 'corpid', 'corpsecret', 'url']);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = clientFor({ url: info.url, corpid: info.corpid, corpsecret: info.corpsecret } as WecomSimulator);
    const { follow_user } = await client.getFollowUserList();
    let pairs = 0;
    for await (const page of client.iterateByUser(follow_user)) pairs += page.length;
    expect(pairs).toBeGreaterThan(3000);
    const exit = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });

  it('rejects a bad option with exit 2', async () => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), 'sim', '--customers', 'lots'], { cwd: ROOT, stdio: 'ignore' });
    expect(await new Promise((r) => p.once('exit', r))).toBe(2);
  });
});
