// "Sync stalled": with work queued and the desktop online, ten minutes without progress raise
// the signal; progress clears it; offline time never counts as a stall.
import { describe, expect, it } from 'vitest';
import { generateDemoCompany, DEMO_EPOCH } from '../../../src-server/demo/company';
import { createRng } from '../../../src-server/demo/rng';
import { createWecomClient } from '../../../src-shared/wecom/index';
import { openDatabase } from '../../../src-main/store/database';
import { readCatalog } from '../../../src-main/store/catalog';
import { SyncEngine, type SyncEvent } from '../../../src-main/sync/engine';
import { addEnterpriseTag } from '../../../src-main/sync/local-changes';
import { InProcessWecom, NO_FAULTS, VirtualClock, type Connection } from '../../../src-main/cli/sync-sim/in-process-wecom';

describe('sync stalled watchdog', () => {
  it('signals after 10 minutes online without progress, and clears when ops go out', async () => {
    const company = generateDemoCompany({ seed: 3, customers: 20 });
    const clock = new VirtualClock(DEMO_EPOCH * 1000);
    const wecom = new InProcessWecom(company, clock, createRng(1));
    const rel = company.relations.find((r) => !company.staff.find((s) => s.userid === r.userid)!.resigned)!;
    const conn: Connection = { member: rel.userid, online: true, dead: false, crashArmed: false };
    const client = createWecomClient({ baseUrl: 'http://wecom.invalid', corpid: company.credentials.corpid, corpsecret: company.credentials.corpsecret, fetch: wecom.fetchFor(conn), now: clock.now, sleep: clock.sleep, random: () => 0.5 });
    const events: SyncEvent[] = [];
    const db = openDatabase(':memory:');
    const engine = new SyncEngine({ db, member: rel.userid, client, now: clock.now, sleep: clock.sleep, random: () => 0.5, onEvent: (e) => events.push(e) });
    await engine.initialLoad();
    const tag = readCatalog(db).flatMap((g) => g.tags).find((t) => !rel.tag_ids.includes(t.tagId))!;
    addEnterpriseTag(db, { member: rel.userid, external: rel.external_userid }, tag.tagId, clock.now());

    // Offline for an hour: queued, but not stalled.
    engine.setOnline(false);
    for (let i = 0; i < 60; i++) { await engine.drain(); await clock.sleep(60_000); }
    expect(events.some((e) => e.type === 'stalled')).toBe(false);

    // Online, but WeCom answers "system busy" to everything: stalled within 10 minutes (plus one poll).
    engine.setOnline(true);
    wecom.faults = { ...NO_FAULTS, busy: 1 };
    const onlineAt = clock.now();
    while (!events.some((e) => e.type === 'stalled') && clock.now() - onlineAt < 20 * 60_000) { await engine.drain(); await clock.sleep(30_000); }
    const stalled = events.find((e) => e.type === 'stalled');
    expect(stalled).toBeDefined();
    expect(clock.now() - onlineAt).toBeGreaterThanOrEqual(10 * 60_000);
    expect(clock.now() - onlineAt).toBeLessThan(11 * 60_000);
    expect(engine.status().stalled).toBe(true);

    wecom.faults = NO_FAULTS;
    for (let i = 0; i < 40 && engine.status().openOps > 0; i++) { await engine.drain(); await clock.sleep(60_000); }
    expect(engine.status().openOps).toBe(0);
    expect(events.some((e) => e.type === 'unstalled')).toBe(true);
    expect(engine.status().stalled).toBe(false);
  });
});
