// The health check on a salesperson's desktop: a change parked in the conflicts inbox, a
// customer whose tags changed in WeCom without the desktop hearing of it, and a tag added in the
// WeCom console that never reached the local catalog — doctor.run finds each, in Chinese, and
// the safe fixes (resync the customer, refresh the catalog) clear theirs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, parkDeletedTag, signIn, startTeam, type Desktop } from '../workspace/harness';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let team: DemoTeam;
let desk: Desktop;
let customers: string[];
beforeAll(async () => {
  team = await startTeam(300);
  desk = openDesktop(team);
  await signIn(desk, 'liuyang');
  customers = [...team.sim.runtime.state.relations.values()].filter((r) => r.userid === 'liuyang').map((r) => r.external_userid);
}, 60_000);
afterAll(async () => {
  desk?.close();
  await team?.close();
});

describe('doctor.run on the desktop', () => {
  it('finds a parked conflict, a drifted customer and a stale catalog; the fixes clear the last two', async () => {
    const st = team.sim.runtime.state;
    // A parked conflict: a tag applied offline is deleted in WeCom before the change is sent.
    const { conflict } = await parkDeletedTag(desk, team, customers[2]!, '活动参与');

    // Drift: a customer's tags change in WeCom with no callback.
    const driftExt = customers[4]!;
    const product = team.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!;
    const rel = st.relation('liuyang', driftExt)!;
    rel.tag_ids.push(product.tags.find((t) => !rel.tag_ids.includes(t.id))!.id);
    // A console tag the desktop never heard of.
    st.createTag(st.groups.get(product.group_id)!, '体检新品', 0, 'admin_console', Math.floor(Date.now() / 1000));

    const first = await desk.call('doctor.run', {});
    expect(first.server).toBeNull();
    const byId = new Map(first.desktop.findings.map((f) => [f.id, f]));
    expect(byId.get(`parkedConflicts:${conflict.id}`)?.fix).toMatchObject({ action: 'open_conflict', params: { conflictId: String(conflict.id) } });
    expect(byId.get(`drift:liuyang:${driftExt}`)?.fix?.action).toBe('resync_customer');
    expect(byId.get('staleCatalog')?.explanation).toMatch(/刷新/);
    expect([...byId.keys()].filter((id) => id.startsWith('drift:'))).toEqual([`drift:liuyang:${driftExt}`]);

    await desk.call('doctor.fix', { action: 'resync_customer', userid: 'liuyang', externalUserid: driftExt, scope: 'desktop' });
    await desk.call('doctor.fix', { action: 'refresh_catalog', scope: 'desktop' });
    const second = await desk.call('doctor.run', {});
    const ids = second.desktop.findings.map((f) => f.id);
    expect(ids).not.toContain(`drift:liuyang:${driftExt}`);
    expect(ids).not.toContain('staleCatalog');
    expect(ids).toContain(`parkedConflicts:${conflict.id}`);
    expect(second.desktop.checks.map((c) => [c.check, c.status])).toEqual([['drift', 'ok'], ['staleCatalog', 'ok'], ['parkedConflicts', 'findings']]);
  });
});
