// Crash safety: the desktop process is killed with SIGKILL over and over — inside a write
// transaction, between the send log and the HTTP call, between WeCom's response and the
// acknowledgement, and at random moments — and restarted on the same file store. Afterwards:
// the database passes its integrity check, no acknowledged op is lost, and WeCom never received
// the same effect twice (a proxy in front of the simulator checks every mark_tag as it arrives).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { openDatabase, storeHealth } from '../../../src-main/store/database';
import { getOp } from '../../../src-main/store/outbox';
import { verifyAuditChain } from '../../../src-main/store/audit';
import { effectiveTagsFor } from '../../../src-main/store/effective-tags';
import { busiestMember, serverTags, startSim } from './harness';

const KILLS = Number(process.env.SYNC_KILLS ?? 200);
const root = path.resolve(import.meta.dirname, '../../..');
const workerJs = path.join(root, 'node_modules', '.cache', 'tagdesk-sync-kill', 'worker.mjs');

let sim: WecomSimulator;
let proxy: Server;
let proxyUrl: string;
let dir: string;
const duplicates: string[] = [];
let markTags = 0;

beforeAll(async () => {
  sim = await startSim(200);
  mkdirSync(path.dirname(workerJs), { recursive: true });
  // Bundled once so each restart costs a plain node start-up, not a TypeScript compile.
  await build({ entryPoints: [path.join(import.meta.dirname, 'kill-worker.ts')], bundle: true, platform: 'node', format: 'esm', outfile: workerJs, external: ['better-sqlite3'], logLevel: 'silent' });
  dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-kill-'));
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url?.includes('/externalcontact/mark_tag')) {
        markTags++;
        // Nobody else writes in this test: an add of a tag already there, or a removal of one
        // already gone, can only be the engine applying the same effect a second time.
        const b = JSON.parse(body) as { userid: string; external_userid: string; add_tag?: string[]; remove_tag?: string[] };
        const have = new Set(sim.runtime.state.relation(b.userid, b.external_userid)?.tag_ids ?? []);
        for (const t of b.add_tag ?? []) if (have.has(t)) duplicates.push(`add ${t} on ${b.external_userid}`);
        for (const t of b.remove_tag ?? []) if (!have.has(t)) duplicates.push(`remove ${t} on ${b.external_userid}`);
      }
      fetch(`${sim.url}${req.url ?? '/'}`, { method: req.method, headers: { 'content-type': 'application/json' }, ...(req.method === 'POST' ? { body } : {}) })
        .then(async (r) => { const text = await r.text(); res.writeHead(r.status, { 'content-type': 'application/json' }); res.end(text); })
        .catch(() => res.socket?.destroy());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((r) => proxy.close(() => r()));
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Run { acks: string[]; lines: string[]; signal: NodeJS.Signals | null; code: number | null }

function runWorker(member: string, mode: string, seed: number, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [workerJs, path.join(dir, 'store.db'), proxyUrl, sim.corpid, sim.corpsecret, member, String(seed)], {
      env: { ...process.env, KILL_AT: mode }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const run: Run = { acks: [], lines: [], signal: null, code: null };
    let buf = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString('utf8');
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        run.lines.push(line);
        if (line.startsWith('ACK ')) run.acks.push(line.slice(4));
        if (line === 'READY' && killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    // A self-kill point not reached in time: killed from outside all the same.
    const safety = setTimeout(() => child.kill('SIGKILL'), mode === 'settle' || mode === 'init' ? 60_000 : 3_000);
    child.on('exit', (code, signal) => { clearTimeout(timer); clearTimeout(safety); run.code = code; run.signal = signal; resolve(run); });
  });
}

describe('kill -9 at random points', () => {
  it(`survives ${KILLS} kills: integrity holds, no acknowledged op lost, no effect applied twice`, async () => {
    const t0 = performance.now();
    const { member, externals } = busiestMember(sim);
    const init = await runWorker(member, 'init', 1);
    expect(init.lines).toContain('READY');
    const acked: string[] = [];
    const modes = ['in-tx', 'before-http', 'after-response', 'random'] as const;
    const byMode: Record<string, number> = {};
    let kills = 0;
    for (let i = 0; kills < KILLS; i++) {
      const mode = modes[i % modes.length]!;
      const run = await runWorker(member, mode === 'random' ? 'none' : mode, 1000 + i, mode === 'random' ? 20 + ((i * 37) % 130) : undefined);
      acked.push(...run.acks);
      expect(run.lines.find((l) => l.startsWith('ERROR')), run.lines.join('\n')).toBeUndefined();
      if (run.signal === 'SIGKILL') { kills++; byMode[mode] = (byMode[mode] ?? 0) + 1; }
    }
    const settle = await runWorker(member, 'settle', 9);
    expect(settle.lines, settle.lines.join('\n')).toContain('SETTLED 0');

    const db = openDatabase(path.join(dir, 'store.db'));
    const health = storeHealth(db);
    expect(health.integrity).toBe('ok');
    expect(health.foreignKeyViolations).toBe(0);
    expect(verifyAuditChain(db, 'enterprise').ok).toBe(true);
    for (const id of acked) {
      const op = getOp(db, id);
      expect(op, `acknowledged op ${id} lost`).toBeDefined();
      expect(['applied', 'parked', 'dropped']).toContain(op!.state);
    }
    expect(duplicates).toEqual([]);
    for (const ext of externals) {
      const local = [...(effectiveTagsFor(db, member, ext)?.effective ?? [])].sort();
      const server = serverTags(sim, member, ext);
      const odd = [...local.filter((t) => !server.includes(t)), ...server.filter((t) => !local.includes(t))];
      const story = db.prepare(`SELECT o.seq, o.kind, o.state, o.tag_id AS tag, s.state AS send, s.request FROM outbox_ops o JOIN customers c ON c.id = o.customer_id
        LEFT JOIN send_log s ON s.batch_id = o.batch_id WHERE c.external_userid = ? AND o.tag_id IN (SELECT value FROM json_each(?)) ORDER BY o.seq`).all(ext, JSON.stringify(odd));
      expect(local, `${ext}: ${JSON.stringify(story)}`).toEqual(server);
    }
    db.close();
    console.log(`kill -9: ${kills} kills ${JSON.stringify(byMode)}, ${acked.length} acknowledged ops, ${markTags} mark_tag calls, ${Math.round(performance.now() - t0)} ms`);
    expect(acked.length).toBeGreaterThan(KILLS / 2);
  }, 600_000);
});
