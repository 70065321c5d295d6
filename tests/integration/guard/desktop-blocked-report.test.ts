// A salesperson's desktop refuses, with its own linter, a personal tag naming a health condition,
// a remark with an ID number and an approval for a blocked wording; each refusal is reported to
// the team server as a blocked attempt — the field and the category, never the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, signIn, startTeam, waitFor, type Desktop } from '../workspace/harness';
import { api, signIn as teamSignIn } from '../team/helpers';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let team: DemoTeam;
let desk: Desktop;
beforeAll(async () => {
  team = await startTeam(200);
  desk = openDesktop(team);
  await signIn(desk, 'liuyang');
}, 60_000);
afterAll(async () => {
  desk?.close();
  await team?.close();
});

const attempts = () => team.team.ctx.db.prepare(`SELECT origin, field, categories FROM guard_blocked_attempts WHERE userid = 'liuyang' ORDER BY id`).all() as { origin: string; field: string; categories: string }[];

describe('blocked saves on the desktop', () => {
  it('reports each linter refusal to the team server with its category only', async () => {
    const ext = [...team.sim.runtime.state.relations.values()].find((r) => r.userid === 'liuyang')!.external_userid;
    expect((await desk.fail('personal.create', { name: '患有糖尿病', externalUserid: ext })).code).toBe('forbidden');
    await waitFor('personal tag reported', () => attempts().length === 1);
    expect((await desk.fail('remark.set', { externalUserid: ext, description: '身份证 110101199003071233' })).code).toBe('forbidden');
    await waitFor('remark reported', () => attempts().length === 2);
    const rows = attempts();
    expect(rows.map((r) => [r.origin, r.field])).toEqual([['desktop', 'personalTag'], ['desktop', 'remark']]);
    expect(JSON.parse(rows[0]!.categories)).toEqual(expect.arrayContaining([expect.stringMatching(/health/)]));
    expect(JSON.stringify(rows)).not.toMatch(/糖尿病|110101/);
  });

  it('once suspended, a tag change parks in the conflicts inbox; after the lift a retry reaches WeCom', async () => {
    const admin = await teamSignIn(team, 'linxue');
    const policy = (await api<{ revision: number } & Record<string, unknown>>(team, admin, 'GET', '/team/v1/policy')).body.value;
    const guardrails = { blockedAttempts: { enabled: true, windowMinutes: 60, threshold: 3, suspend: true }, workingHours: { enabled: false }, massChange: { enabled: false }, tagRemoval: { enabled: false } };
    expect((await api(team, admin, 'PUT', '/team/v1/policy', { ...policy, revision: policy.revision + 1, guardrails })).status).toBe(200);
    const ext = [...team.sim.runtime.state.relations.values()].filter((r) => r.userid === 'liuyang')[1]!.external_userid;
    // The third blocked save (two were reported above) suspends 刘洋.
    await desk.fail('personal.create', { name: '患有高血压', externalUserid: ext });
    await waitFor('suspended', () => team.team.ctx.db.prepare(`SELECT 1 FROM guard_suspensions WHERE userid = 'liuyang' AND lifted_at IS NULL`).get());

    const group = (await desk.call('catalog.groups', {})).groups.find((g) => g.groupName === '产品偏好')!;
    const has = team.sim.runtime.state.relation('liuyang', ext)!.tag_ids;
    const tag = group.tags.find((t) => !has.includes(t.tagId))!;
    await desk.call('tags.apply', { externalUserid: ext, tagId: tag.tagId });
    const parked = await waitFor('parked', async () => (await desk.call('conflicts.list', {})).conflicts.find((c) => c.externalUserid === ext));
    expect(team.sim.runtime.state.relation('liuyang', ext)!.tag_ids).not.toContain(tag.tagId);

    const supervisor = await teamSignIn(team, 'chenjing');
    expect((await api(team, supervisor, 'POST', '/team/v1/guard/suspensions/liuyang/lift', { note: '已提醒' })).status).toBe(200);
    await desk.call('conflicts.resolve', { id: parked.id, choice: { kind: 'retry' } });
    await waitFor('applied in WeCom', () => team.sim.runtime.state.relation('liuyang', ext)!.tag_ids.includes(tag.tagId));
  });
});
