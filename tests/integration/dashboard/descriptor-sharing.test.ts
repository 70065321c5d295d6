// Personal knowledge to company knowledge, through main's channels against the demo team: a
// salesperson maps the personal tag 偏爱深夜沟通 to 消费时段敏感型. What reaches the team server is
// the descriptor and the customers — never the tag's text, the member's name or userid — and the
// server stores no member; tagging one more customer re-publishes; revoking withdraws it from the
// supervisor's dashboard while the salesperson keeps their own tag.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, signIn, waitFor, type Desktop } from '../workspace/harness';
import { api, signIn as teamSignIn } from '../team/helpers';
import type { Dashboard } from '../../../src-shared/team-api/dashboard';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

const SALES = 'liuyang';
const SALES_NAME = '刘洋';
const PERSONAL = '偏爱深夜沟通';

let team: DemoTeam;
const desks: Desktop[] = [];
beforeAll(async () => {
  team = await startDemoTeam({ customers: 150, reconcileIntervalMs: 0 });
});
afterAll(async () => {
  vi.restoreAllMocks();
  for (const d of desks) d.close();
  await team?.close();
});

/** Every request the desktop sends to the team server's descriptor routes, as sent. */
function recordDescriptorRequests(): { url: string; method: string; body: string }[] {
  const sent: { url: string; method: string; body: string }[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes('/team/v1/descriptors')) sent.push({ url, method: init?.method ?? 'GET', body: typeof init?.body === 'string' ? init.body : '' });
    return real(input, init);
  });
  return sent;
}

const timeSensitive = async (token: string): Promise<number> =>
  (await api<Dashboard>(team, token, 'GET', '/team/v1/dashboard')).body.value.descriptors.find((d) => d.descriptorId === 'time-sensitive')!.customers;

describe('sharing a personal tag as a company descriptor', () => {
  it('sends only descriptor and customers, is explicit per tag, re-publishes on change and is revocable', { timeout: 120_000 }, async () => {
    const desk = openDesktop(team);
    desks.push(desk);
    await signIn(desk, SALES);
    const supToken = await teamSignIn(team, 'chenjing');
    const customers = [...(team.sim.runtime.state.byMember.get(SALES) ?? [])].sort();
    const [c1, c2, c3] = customers;

    const tag = (await desk.call('personal.create', { name: PERSONAL, externalUserid: c1! })).tag;
    await desk.call('personal.assign', { externalUserid: c2!, tagId: tag.id });
    const other = (await desk.call('personal.create', { name: '周五常加班', externalUserid: c1! })).tag;

    // Nothing is shared without consent.
    const before = await desk.call('descriptors.list', {});
    expect(before.descriptors.map((d) => d.name)).toContain('消费时段敏感型');
    expect(before.tags.find((t) => t.personalTagId === tag.id)).toMatchObject({ name: PERSONAL, uses: 2, consent: null });
    expect(await timeSensitive(supToken)).toBe(0);

    const sent = recordDescriptorRequests();
    const after = await desk.call('descriptors.consent', { personalTagId: tag.id, descriptorId: 'time-sensitive' });
    expect(after.tags.find((t) => t.personalTagId === tag.id)!.consent).toMatchObject({ descriptorId: 'time-sensitive', status: 'active', publishedCustomers: 2, publishError: null });
    // Consent is per tag: the other personal tag stays private.
    expect(after.tags.find((t) => t.personalTagId === other.id)!.consent).toBeNull();

    // The payload: descriptor and customers only.
    const puts = sent.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(JSON.parse(puts[0]!.body)).toEqual({ descriptorId: 'time-sensitive', externalUserids: [c1, c2].sort() });
    for (const r of sent) {
      const wire = `${r.url} ${r.body}`;
      expect(wire).not.toContain(PERSONAL);
      expect(wire).not.toContain('周五常加班');
      expect(wire).not.toContain(SALES);
      expect(wire).not.toContain(SALES_NAME);
    }
    // …and the server keeps no member either.
    const stored = team.team.ctx.db.prepare(`SELECT * FROM company_descriptors`).all() as Record<string, unknown>[];
    expect(stored).toHaveLength(2);
    expect(Object.keys(stored[0]!).sort()).toEqual(['at', 'descriptor_id', 'external_userid', 'grant_id']);
    expect(JSON.stringify(stored)).not.toMatch(new RegExp(`${SALES}|${SALES_NAME}|${PERSONAL}`));

    // The supervisor's dashboard shows the company knowledge.
    expect(await timeSensitive(supToken)).toBe(2);

    // Tagging one more customer re-publishes by itself.
    await desk.call('personal.assign', { externalUserid: c3!, tagId: tag.id });
    await waitFor('the third customer on the server', async () => (await timeSensitive(supToken)) === 3, 15_000);
    expect(sent.filter((r) => r.method === 'PUT')).toHaveLength(2);

    // Revoking withdraws it; the member still has their own tag on their customers.
    const revoked = await desk.call('descriptors.revoke', { personalTagId: tag.id });
    expect(revoked.tags.find((t) => t.personalTagId === tag.id)).toMatchObject({ name: PERSONAL, uses: 3, consent: null });
    expect(sent.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(await timeSensitive(supToken)).toBe(0);
    expect(team.team.ctx.db.prepare(`SELECT count(*) FROM company_descriptors`).pluck().get()).toBe(0);
    expect((await desk.call('personal.list', { includeDeleted: false })).tags.find((t) => t.id === tag.id)).toMatchObject({ name: PERSONAL, uses: 3 });

    // A second revoke says there is nothing to revoke; a descriptor outside the policy is refused.
    expect((await desk.fail('descriptors.revoke', { personalTagId: tag.id })).userMessage).toMatch(/没有共享/);
    expect((await desk.fail('descriptors.consent', { personalTagId: tag.id, descriptorId: 'not-a-descriptor' })).userMessage).toMatch(/公司描述列表中没有/);
  });
});
