// A salesperson's desktop refuses, with its own linter, a personal tag naming a health condition,
// a remark with an ID number and an approval for a blocked wording; each refusal is reported to
// the team server as a blocked attempt — the field and the category, never the text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, signIn, startTeam, waitFor, type Desktop } from '../workspace/harness';

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
});
