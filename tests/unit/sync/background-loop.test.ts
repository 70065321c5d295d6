// The app's way of running the engine: start() once, kick() after each local change, stop() on
// quit. A change made while the loop runs reaches WeCom without anyone calling drain().
import { describe, expect, it } from 'vitest';
import { generateDemoCompany, DEMO_EPOCH } from '../../../src-server/demo/company';
import { createRng } from '../../../src-server/demo/rng';
import { createWecomClient } from '../../../src-shared/wecom/index';
import { openDatabase } from '../../../src-main/store/database';
import { readCatalog } from '../../../src-main/store/catalog';
import { getOp } from '../../../src-main/store/outbox';
import { SyncEngine } from '../../../src-main/sync/engine';
import { addEnterpriseTag } from '../../../src-main/sync/local-changes';
import { InProcessWecom, VirtualClock, type Connection } from '../../../src-main/cli/sync-sim/in-process-wecom';

describe('background loop', () => {
  it('drains a kicked change and stops cleanly', async () => {
    const company = generateDemoCompany({ seed: 9, customers: 20 });
    const clock = new VirtualClock(DEMO_EPOCH * 1000);
    const wecom = new InProcessWecom(company, clock, createRng(2));
    const rel = company.relations.find((r) => !company.staff.find((s) => s.userid === r.userid)!.resigned)!;
    const conn: Connection = { member: rel.userid, online: true, dead: false, crashArmed: false };
    // Real (short) sleeps so the loop yields to the test; the clock is the simulation's.
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 2)));
    const client = createWecomClient({ baseUrl: 'http://wecom.invalid', corpid: company.credentials.corpid, corpsecret: company.credentials.corpsecret, fetch: wecom.fetchFor(conn), now: clock.now, sleep, random: Math.random });
    const db = openDatabase(':memory:');
    const engine = new SyncEngine({ db, member: rel.userid, client, now: clock.now, sleep, random: Math.random, pollIntervalMs: 5 });
    await engine.initialLoad();
    engine.start();
    const tag = readCatalog(db).flatMap((g) => g.tags).find((t) => !rel.tag_ids.includes(t.tagId))!;
    const op = addEnterpriseTag(db, { member: rel.userid, external: rel.external_userid }, tag.tagId, clock.now());
    engine.kick();
    for (let i = 0; i < 200 && getOp(db, op.opId)!.state !== 'applied'; i++) await new Promise((r) => setTimeout(r, 5));
    await engine.stop();
    expect(getOp(db, op.opId)!.state).toBe('applied');
    expect(wecom.rt.state.relation(rel.userid, rel.external_userid)!.tag_ids).toContain(tag.tagId);
  });
});
