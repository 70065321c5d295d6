// The personal-tag hand-over packet across three desks against the team server and the WeCom
// simulator: 刘洋 (leaving 销售一部) sends a packet — an ID number in a note is refused — his
// supervisor 陈静 approves some entries and strikes one, 杨帆 of another team may not review it;
// after the hand-over to 赵磊 is taken over in WeCom, 赵磊 sees only the approved entries for
// the customers he took over, must confirm the sensitive one, and each answered text is erased
// from the server. The central audit records every step without the texts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from '../team/helpers';
import type { HandoverView } from '../../../src-server/team/admin/handover';
import type { InheritedEntryView, PacketView } from '../../../src-shared/team-api/handover-packet';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300, reconcileIntervalMs: 0, faults: true });
});
afterAll(async () => demo?.close());

describe('personal-tag hand-over packet', () => {
  it('goes from the leaver through the supervisor’s review to the successor, sensitive entries confirmed', async () => {
    const st = demo.sim.runtime.state;
    const mine = (st.byMember.get('liuyang') ?? []).filter((ext) => !st.relation('zhaolei', ext));
    const [a, b, c] = mine;
    expect(c).toBeDefined();
    const leaver = await signIn(demo, 'liuyang');
    const boss = await signIn(demo, 'chenjing');
    const otherBoss = await signIn(demo, 'yangfan');
    const successor = await signIn(demo, 'zhaolei');

    // A note with an ID-card number cannot go; nothing is stored.
    const refused = await api(demo, leaver, 'POST', '/team/v1/handover-packets', {
      requestId: randomUUID(), entries: [{ externalUserid: a, kind: 'note', text: '身份证 11010519491231002X 已核验' }],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.userMessage).toContain('身份证');
    // A customer the leaver does not follow cannot be put in.
    const foreign = (st.byMember.get('xuming') ?? []).find((e) => !st.relation('liuyang', e))!;
    const notMine = await api(demo, leaver, 'POST', '/team/v1/handover-packets', { requestId: randomUUID(), entries: [{ externalUserid: foreign, kind: 'tag', text: '喜欢圆领' }] });
    expect(notMine.status).toBe(403);

    const requestId = randomUUID();
    const entries = [
      { externalUserid: a, customerName: '甲', kind: 'tag', text: '周五常加班' },
      { externalUserid: a, customerName: '甲', kind: 'tag', text: '投诉风险客户' },
      { externalUserid: b, customerName: '乙', kind: 'tag', text: '讨厌销售跟进' },
      { externalUserid: b, customerName: '乙', kind: 'note', text: '老板娘做决定，下午三点后方便' },
      { externalUserid: c, customerName: '丙', kind: 'tag', text: '喜欢圆领' },
    ];
    const sent = await api<PacketView>(demo, leaver, 'POST', '/team/v1/handover-packets', { requestId, entries });
    expect(sent.status).toBe(201);
    expect(sent.body.value.entries.map((e) => [e.text, e.sensitive])).toEqual([
      ['周五常加班', false], ['投诉风险客户', true], ['讨厌销售跟进', true], ['老板娘做决定，下午三点后方便', false], ['喜欢圆领', false],
    ]);
    // Sending the same request again does not make a second packet.
    const again = await api<PacketView>(demo, leaver, 'POST', '/team/v1/handover-packets', { requestId, entries });
    expect(again.status).toBe(200);
    expect(again.body.value.id).toBe(sent.body.value.id);
    const id = sent.body.value.id;

    // Only the leaver's overseers review; not the leaver, not another team's supervisor.
    expect((await api<{ packets: PacketView[] }>(demo, otherBoss, 'GET', '/team/v1/handover-packets/review')).body.value.packets).toHaveLength(0);
    expect((await api(demo, otherBoss, 'POST', `/team/v1/handover-packets/${id}/review`, { decisions: [{ seq: 1, decision: 'approve' }] })).status).toBe(404);
    expect((await api(demo, leaver, 'POST', `/team/v1/handover-packets/${id}/review`, { decisions: [{ seq: 1, decision: 'approve' }] })).status).toBe(404);
    const queue = await api<{ packets: PacketView[] }>(demo, boss, 'GET', '/team/v1/handover-packets/review');
    expect(queue.body.value.packets.map((p) => p.id)).toEqual([id]);

    const reviewed = await api<PacketView>(demo, boss, 'POST', `/team/v1/handover-packets/${id}/review`, {
      decisions: [{ seq: 1, decision: 'approve' }, { seq: 2, decision: 'approve' }, { seq: 3, decision: 'approve' }, { seq: 4, decision: 'strike', reason: '与服务无关' }],
    });
    expect(reviewed.body.value.status).toBe('pending'); // entry 5 still waits
    expect(reviewed.body.value.entries[3]).toMatchObject({ decision: 'struck', text: null, strikeReason: '与服务无关' });
    const twice = await api(demo, boss, 'POST', `/team/v1/handover-packets/${id}/review`, { decisions: [{ seq: 4, decision: 'approve' }] });
    expect(twice.status).toBe(409);
    const done = await api<PacketView>(demo, boss, 'POST', `/team/v1/handover-packets/${id}/review`, { decisions: [{ seq: 5, decision: 'approve' }] });
    expect(done.body.value.status).toBe('reviewed');
    // The leaver sees each entry's fate.
    const mineNow = await api<{ packets: PacketView[] }>(demo, leaver, 'GET', '/team/v1/handover-packets');
    expect(mineNow.body.value.packets[0]!.entries.map((e) => e.decision)).toEqual(['approved', 'approved', 'approved', 'struck', 'approved']);

    // Before any hand-over the successor sees nothing.
    expect((await api<{ entries: InheritedEntryView[] }>(demo, successor, 'GET', '/team/v1/handover-packets/inherited')).body.value.entries).toHaveLength(0);

    // a and b go to 赵磊, c to 孙丽; WeCom takes them over after 24 h.
    const h1 = await api<HandoverView>(demo, boss, 'POST', '/team/v1/handovers', { kind: 'onjob', handoverUserid: 'liuyang', externalUserids: [a, b], successors: { mode: 'one', userid: 'zhaolei' } });
    expect(h1.status).toBe(201);
    expect((await api<{ entries: InheritedEntryView[] }>(demo, successor, 'GET', '/team/v1/handover-packets/inherited')).body.value.entries).toHaveLength(0); // still waiting
    await fetch(`${demo.sim.url}/__sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 25 * 3600 }) });
    demo.sim.runtime.settleTransfers();
    // The successor need not wait for anyone to open the hand-over: his list asks WeCom.
    const inherited = (await api<{ entries: InheritedEntryView[] }>(demo, successor, 'GET', '/team/v1/handover-packets/inherited')).body.value.entries;
    const refreshed = await api<HandoverView>(demo, boss, 'POST', `/team/v1/handovers/${h1.body.value.id}/refresh`);
    expect(refreshed.body.value.counts.taken_over).toBe(2);
    expect(refreshed.body.value.items.every((i) => i.checkedAt !== null)).toBe(true); // the tag check still ran

    expect(inherited.map((e) => [e.externalUserid, e.text, e.sensitive])).toEqual(
      expect.arrayContaining([[a, '周五常加班', false], [a, '投诉风险客户', true], [b, '讨厌销售跟进', true]]),
    );
    expect(inherited).toHaveLength(3); // the struck note and c's entry (not his customer) are not there
    // Someone else who took over nothing sees nothing.
    expect((await api<{ entries: InheritedEntryView[] }>(demo, otherBoss, 'GET', '/team/v1/handover-packets/inherited')).body.value.entries).toHaveLength(0);

    const risky = inherited.find((e) => e.text === '投诉风险客户')!;
    const unconfirmed = await api(demo, successor, 'POST', '/team/v1/handover-packets/claims', { claims: [{ packetId: id, seq: risky.seq, claim: 'accepted' }] });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.userMessage).toContain('确认');
    const claims = await api(demo, successor, 'POST', '/team/v1/handover-packets/claims', {
      claims: [
        { packetId: id, seq: 1, claim: 'accepted' },
        { packetId: id, seq: risky.seq, claim: 'accepted', confirmed: true },
        { packetId: id, seq: 3, claim: 'declined' },
      ],
    });
    expect(claims.status).toBe(200);
    expect((await api<{ entries: InheritedEntryView[] }>(demo, successor, 'GET', '/team/v1/handover-packets/inherited')).body.value.entries).toHaveLength(0);
    const after = await api<{ packets: PacketView[] }>(demo, leaver, 'GET', '/team/v1/handover-packets');
    expect(after.body.value.packets[0]!.entries.slice(0, 3).map((e) => [e.claim, e.text])).toEqual([['accepted', null], ['accepted', null], ['declined', null]]);

    // Every step is in the central audit, by ids and counts — never a personal tag's text.
    const events = demo.team.ctx.audit.query('linxue', { source: 'handover', limit: 100 }).filter((e) => e.action.startsWith('handoverPacket.'));
    expect(events.map((e) => e.action).sort()).toEqual([
      'handoverPacket.accept', 'handoverPacket.accept', 'handoverPacket.approve', 'handoverPacket.approve', 'handoverPacket.approve', 'handoverPacket.approve',
      'handoverPacket.decline', 'handoverPacket.send', 'handoverPacket.strike',
    ]);
    const texts = JSON.stringify(events);
    for (const e of entries) expect(texts).not.toContain(e.text);
    const texts2 = demo.team.ctx.db.prepare(`SELECT text FROM handover_packet_entries WHERE packet_id = ? AND text IS NOT NULL`).pluck().all(id);
    expect(texts2).toEqual(['喜欢圆领']); // c's entry waits for c's successor
  });

  it('the preview counts WeCom calls per 100 customers and names customers already transferred twice in 90 days', async () => {
    const st = demo.sim.runtime.state;
    const boss = await signIn(demo, 'chenjing');
    const leaver = 'sunli';
    const all = (st.byMember.get(leaver) ?? []).filter((e) => !st.relation('huangmin', e) && !st.relation('zhoujie', e));
    expect(all.length).toBeGreaterThan(2);
    const preview = await api<{ calls: number; perSuccessor: { userid: string; customers: number }[]; customers: { externalUserid: string; blockedReason: string | null }[] }>(demo, boss, 'POST', '/team/v1/handovers/preview', {
      kind: 'onjob', handoverUserid: leaver, successors: { mode: 'roundRobin', userids: ['huangmin', 'zhoujie'] },
    });
    expect(preview.status).toBe(200);
    const total = preview.body.value.customers.length;
    expect(preview.body.value.perSuccessor.map((p) => p.customers).reduce((x, y) => x + y, 0)).toBe(total);
    expect(preview.body.value.calls).toBe(preview.body.value.perSuccessor.reduce((n, p) => n + Math.ceil(p.customers / 100), 0));

    // One customer moves sunli → huangmin → zhoujie; a third move in 90 days is named in the preview.
    const ext = all[0]!;
    const first = await api<HandoverView>(demo, boss, 'POST', '/team/v1/handovers', { kind: 'onjob', handoverUserid: leaver, externalUserids: [ext], successors: { mode: 'one', userid: 'huangmin' } });
    expect(first.status).toBe(201);
    await fetch(`${demo.sim.url}/__sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 25 * 3600 }) });
    demo.sim.runtime.settleTransfers();
    await api(demo, boss, 'POST', `/team/v1/handovers/${first.body.value.id}/refresh`);
    const second = await api<HandoverView>(demo, boss, 'POST', '/team/v1/handovers', { kind: 'onjob', handoverUserid: 'huangmin', externalUserids: [ext], successors: { mode: 'one', userid: 'zhoujie' } });
    expect(second.status).toBe(201);
    const third = await api<{ customers: { externalUserid: string; blockedReason: string | null }[] }>(demo, boss, 'POST', '/team/v1/handovers/preview', {
      kind: 'onjob', handoverUserid: 'huangmin', externalUserids: [ext], successors: { mode: 'one', userid: 'sunli' },
    });
    expect(third.body.value.customers[0]!.blockedReason).toContain('90 天内');
  });
});
