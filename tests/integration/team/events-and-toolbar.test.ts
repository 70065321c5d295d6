// The live side of the team server: a desktop that was away resumes its event stream from its
// cursor and misses nothing; a colleague's change reaches another member's stream; the
// chat-toolbar page, opened in a chat, switches that member's panel to the customer.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, loginCode, openEvents, relayClient, signIn } from './helpers';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300 });
});
afterAll(async () => demo?.close());

const productTag = (rel: { tag_ids: string[] }) => demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.find((t) => !rel.tag_ids.includes(t.id))!.id;

describe('event stream', () => {
  it('delivers a change to the customer’s other follow-members, and not to members who do not follow them', async () => {
    const rels = demo.sim.company.relations;
    // a customer followed by two members
    const shared = rels.find((r) => rels.some((o) => o.external_userid === r.external_userid && o.userid !== r.userid && demo.team.ctx.directory.member(o.userid)?.active) && demo.team.ctx.directory.member(r.userid)?.active)!;
    const colleague = rels.find((o) => o.external_userid === shared.external_userid && o.userid !== shared.userid)!.userid;
    const bystander = demo.team.ctx.directory.members().find((m) => m.active && m.role === 'sales' && !rels.some((r) => r.userid === m.userid && r.external_userid === shared.external_userid) && !demo.team.ctx.directory.overseersOf(shared.userid).includes(m.userid))!.userid;
    const actor = await signIn(demo, shared.userid);
    const colleagueStream = await openEvents(demo, await signIn(demo, colleague));
    const bystanderStream = await openEvents(demo, await signIn(demo, bystander));
    await relayClient(demo, actor).markTag({ userid: shared.userid, external_userid: shared.external_userid, add_tag: [productTag(shared)] });
    const e = await colleagueStream.next((x) => x.event.kind === 'customer.tags.changed' && x.event.externalUserid === shared.external_userid);
    expect(e.event).toMatchObject({ userid: shared.userid, source: 'relay' });
    // Streams are ordered: once a later marker sent to everyone has arrived, the change would
    // have arrived before it — so its absence means the bystander was not told.
    demo.team.ctx.events.publish({ kind: 'catalog.changed', source: 'test-marker' }, '*');
    await bystanderStream.next((x) => x.event.kind === 'catalog.changed');
    expect(bystanderStream.seen.some((x) => x.event.kind === 'customer.tags.changed' && x.event.externalUserid === shared.external_userid)).toBe(false);
    colleagueStream.close();
    bystanderStream.close();
  });

  it('replays what happened while a desktop was away, from its cursor, in order', async () => {
    const token = await signIn(demo, 'sunli');
    const first = await openEvents(demo, token);
    const rel = demo.sim.company.relations.find((r) => r.userid === 'sunli')!;
    const relay = relayClient(demo, token);
    await relay.markTag({ userid: 'sunli', external_userid: rel.external_userid, add_tag: [productTag(rel)] });
    const seen = await first.next((x) => x.event.kind === 'customer.tags.changed');
    first.close();
    // away: two more changes happen
    const tags = demo.sim.company.tagGroups.find((g) => g.group_name === '服务偏好')!.tags.filter((t) => !rel.tag_ids.includes(t.id)).slice(0, 2);
    for (const t of tags) await relay.markTag({ userid: 'sunli', external_userid: rel.external_userid, add_tag: [t.id] });
    const resumed = await openEvents(demo, token, seen.seq);
    const missed = resumed.seen.filter((x) => x.event.kind === 'customer.tags.changed');
    expect(missed).toHaveLength(2);
    expect(missed[0]!.seq).toBeGreaterThan(seen.seq);
    expect(missed[1]!.seq).toBeGreaterThan(missed[0]!.seq);
    resumed.close();
  });

  it('refuses a cursor that is not a number', async () => {
    const token = await signIn(demo, 'sunli');
    const r = await api(demo, token, 'GET', '/team/v1/events?cursor=abc');
    expect(r.status).toBe(400);
  });
});

describe('chat-toolbar page', () => {
  it('signs the member in through WeCom’s code, signs JS-SDK configs, and switches their panel', async () => {
    const token = await signIn(demo, 'heyu');
    const stream = await openEvents(demo, token);
    const entry = await fetch(`${demo.team.url}/toolbar?code=${await loginCode(demo, 'heyu')}`, { redirect: 'manual' });
    expect(entry.status).toBe(302);
    const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
    expect(entry.headers.get('set-cookie')).toMatch(/HttpOnly/);
    const page = await fetch(`${demo.team.url}/toolbar`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await page.text()).toContain('/toolbar/jssdk.js');
    const sdk = await fetch(`${demo.team.url}/toolbar/jssdk.js`);
    expect(await sdk.text()).toMatch(/^var ww=/);

    const headers = { Cookie: cookie, 'Content-Type': 'application/json', Origin: demo.team.url };
    const sig = (await (await fetch(`${demo.team.url}/toolbar/api/signature`, { method: 'POST', headers, body: JSON.stringify({ kind: 'agent', url: `${demo.team.url}/toolbar` }) })).json()) as { value: { signature: string; nonceStr: string; timestamp: number } };
    expect(sig.value.signature).toMatch(/^[0-9a-f]{40}$/);

    const customer = demo.sim.company.relations.find((r) => r.userid === 'heyu')!.external_userid;
    const cur = await fetch(`${demo.team.url}/toolbar/api/current`, { method: 'POST', headers, body: JSON.stringify({ externalUserid: customer, entry: 'single_chat_tools' }) });
    expect(cur.status).toBe(200);
    const e = await stream.next((x) => x.event.kind === 'chat.current');
    expect(e.event).toEqual({ kind: 'chat.current', externalUserid: customer });
    stream.close();
  });

  it('refuses toolbar calls without a session or from another origin', async () => {
    const noSession = await fetch(`${demo.team.url}/toolbar/api/current`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ externalUserid: 'wm1' }) });
    expect(noSession.status).toBe(401);
    const entry = await fetch(`${demo.team.url}/toolbar?code=${await loginCode(demo, 'heyu')}`, { redirect: 'manual' });
    const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
    const cross = await fetch(`${demo.team.url}/toolbar/api/current`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: 'https://evil.example' }, body: JSON.stringify({ externalUserid: 'wm1' }) });
    expect(cross.status).toBe(403);
    const bogus = await fetch(`${demo.team.url}/toolbar?code=not-a-code`, { redirect: 'manual' });
    expect(bogus.status).toBe(403);
  });
});
