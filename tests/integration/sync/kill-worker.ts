// The desktop process of the kill -9 test: opens the file store, runs the sync engine against
// the simulator (through the test's recording proxy) and keeps working — queueing ops, printing
// "ACK <opId>" once each is committed, draining — until it is killed. KILL_AT makes it kill
// itself at a chosen point: inside a write transaction, between the send log and the HTTP
// call, or between WeCom's response and the acknowledgement.
import { writeSync } from 'node:fs';
import { createWecomClient, type WecomFetch } from '../../../src-shared/wecom/index';
import { openDatabase } from '../../../src-main/store/database';
import { readCatalog } from '../../../src-main/store/catalog';
import { effectiveTagsFor } from '../../../src-main/store/effective-tags';
import { inTransaction } from '../../../src-main/store/sql';
import { SyncEngine } from '../../../src-main/sync/engine';
import type { EngineVariant } from '../../../src-main/sync/pair-sync';
import { addEnterpriseTag, removeEnterpriseTag } from '../../../src-main/sync/local-changes';

const [dbPath, baseUrl, corpid, corpsecret, member, seedArg] = process.argv.slice(2) as [string, string, string, string, string, string];
const mode = process.env.KILL_AT ?? 'none';
let seed = Number(seedArg) >>> 0;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const say = (line: string): void => { writeSync(1, `${line}\n`); };
const die = (): never => { process.kill(process.pid, 'SIGKILL'); throw new Error('unreachable'); };
let countdown = 1 + Math.floor(random() * 3);
const due = (): boolean => --countdown === 0;

const fetchHooked: WecomFetch = async (url, init) => {
  const isMark = url.includes('/externalcontact/mark_tag');
  if (isMark && mode === 'before-http' && due()) die();
  const res = await fetch(url, init);
  const text = await res.text();
  if (isMark && mode === 'after-response' && due()) die();
  return { status: res.status, text: async () => text };
};

const db = openDatabase(dbPath);
const client = createWecomClient({ baseUrl, corpid, corpsecret, fetch: fetchHooked, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))), random });
const engine = new SyncEngine({ db, member, client, now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 5))), random, lateRecheckMs: 0, variant: (process.env.SYNC_VARIANT ?? 'correct') as EngineVariant });

async function main(): Promise<void> {
  if (mode === 'init') {
    await engine.initialLoad();
    say('READY');
    return;
  }
  const externals = (db.prepare(`SELECT c.external_userid FROM customers c JOIN follow_relations r ON r.customer_id = c.id WHERE r.member_userid = ? ORDER BY c.id`).pluck().all(member) as string[]).slice(0, 12);
  const tags = readCatalog(db).filter((g) => g.name !== '客户阶段').flatMap((g) => g.tags).slice(0, 30);
  say('READY');
  for (let round = 0; mode !== 'settle' || round < 1; round++) {
    if (mode !== 'settle') {
      for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++) {
        const external = externals[Math.floor(random() * externals.length)]!;
        const tag = tags[Math.floor(random() * tags.length)]!;
        const has = effectiveTagsFor(db, member, external)!.effective.includes(tag.tagId);
        const meta = { member, external };
        if (mode === 'in-tx' && due()) {
          // Killed with the op written but not committed: it must vanish, and it was never acknowledged.
          inTransaction(db, () => { (has ? removeEnterpriseTag : addEnterpriseTag)(db, meta, tag.tagId, Date.now()); die(); });
        }
        const op = (has ? removeEnterpriseTag : addEnterpriseTag)(db, meta, tag.tagId, Date.now());
        say(`ACK ${op.opId}`);
      }
    }
    // Back-offs and rechecks are moved forward so a short-lived process still makes progress.
    db.prepare(`UPDATE outbox_ops SET next_attempt_at = 0 WHERE state IN ('pending', 'unknown')`).run();
    await engine.drain(20);
    if (mode === 'settle') {
      for (let i = 0; i < 50 && engine.status().openOps > 0; i++) {
        db.prepare(`UPDATE outbox_ops SET next_attempt_at = 0 WHERE state IN ('pending', 'unknown')`).run();
        await engine.drain(20);
      }
      say(`SETTLED ${engine.status().openOps}`);
    }
  }
}

main().then(() => { db.close(); process.exit(0); }, (e: unknown) => { say(`ERROR ${e instanceof Error ? e.stack : String(e)}`); process.exit(1); });
