// The supervisor's desktop: a salesperson moves many customers at once, the supervisor's app
// hears of it (guard.alert app event), lists the alert over IPC, reverts it through the team
// server and WeCom is back as before; a salesperson's guard.alerts is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, signIn, startTeam, waitFor, type Desktop } from '../workspace/harness';
import { api, relayClient, signIn as teamSignIn } from '../team/helpers';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let team: DemoTeam;
let boss: Desktop;
beforeAll(async () => {
  team = await startTeam(300);
  boss = openDesktop(team);
  await signIn(boss, 'chenjing');
}, 60_000);
afterAll(async () => {
  boss?.close();
  await team?.close();
});

describe('guard channels on the desktop', () => {
  it('a supervisor sees the alert, reverts it over IPC, and WeCom is restored', async () => {
    const admin = await teamSignIn(team, 'linxue');
    const policy = (await api<{ revision: number } & Record<string, unknown>>(team, admin, 'GET', '/team/v1/policy')).body.value;
    const guardrails = { massChange: { enabled: true, windowMinutes: 10, minRelations: 4 }, workingHours: { enabled: false }, tagRemoval: { enabled: false }, blockedAttempts: { enabled: false } };
    expect((await api(team, admin, 'PUT', '/team/v1/policy', { ...policy, revision: policy.revision + 1, guardrails })).status).toBe(200);

    const st = team.sim.runtime.state;
    const product = team.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.map((t) => t.id);
    const rels = [...st.relations.values()].filter((r) => r.userid === 'zhaolei').slice(0, 4);
    const before = rels.map((r) => [...r.tag_ids].sort());
    const client = relayClient(team, await teamSignIn(team, 'zhaolei'));
    for (const r of rels) await client.markTag({ userid: 'zhaolei', external_userid: r.external_userid, add_tag: [product.find((t) => !r.tag_ids.includes(t))!] });

    const event = await waitFor('guard.alert app event', () => boss.events.find((e) => e.type === 'guard.alert'));
    expect(event).toMatchObject({ alertKind: 'mass_change', actor: 'zhaolei', status: 'open' });
    const { alerts } = await boss.call('guard.alerts', { status: 'open' });
    expect(alerts.map((a) => a.actorName)).toEqual(['赵磊']);
    const { batch } = await boss.call('guard.revert', { id: alerts[0]!.id });
    await team.team.ctx.batches.idle(batch.id);
    expect(rels.map((r) => [...r.tag_ids].sort())).toEqual(before);
    expect((await boss.call('guard.alert', { id: alerts[0]!.id })).status).toBe('reverted');
    expect(await boss.call('guard.me', {})).toEqual({ suspended: false });

    const sales = openDesktop(team);
    try {
      await signIn(sales, 'sunli');
      expect((await sales.fail('guard.alerts', {})).code).toBe('forbidden');
    } finally {
      sales.close();
    }
  });
});
