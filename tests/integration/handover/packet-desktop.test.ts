// The packet through main's channels, on two real desktops with their own stores: 刘洋's desk
// builds the packet from the personal tags it holds (an ID-card number in a note is refused
// before anything leaves), sends it and records it on the device-only chain; after the
// supervisor's review and the takeover, 赵磊's desk cannot take the sensitive entry without a
// confirmation, then holds the tags as his own personal tags and the note as a kept hand-over
// note, each acceptance recorded on his device, and the server no longer holds the texts.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openDesktop, signIn, startTeam, type Desktop } from '../workspace/harness';
import { api, signIn as tokenFor } from '../team/helpers';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import type { HandoverView } from '../../../src-server/team/admin/handover';

let team: DemoTeam;
const desks: Desktop[] = [];
beforeAll(async () => {
  team = await startTeam(300);
});
afterAll(async () => {
  for (const d of desks) d.close();
  await team?.close();
});

const deviceEvents = (desk: Desktop, type: string): Record<string, unknown>[] =>
  (desk.app.workspaces.current()!.db.prepare(`SELECT body FROM audit_events WHERE chain = 'personal' ORDER BY seq`).pluck().all() as string[])
    .map((b) => JSON.parse(b) as Record<string, unknown>).filter((b) => b.type === type);

describe('hand-over packet on the desktops', () => {
  it('is built from the leaver’s device, and becomes the successor’s own personal tags only as he answers', async () => {
    const st = team.sim.runtime.state;
    const a = (st.byMember.get('liuyang') ?? []).find((ext) => !st.relation('zhaolei', ext))!;
    const leaver = openDesktop(team);
    desks.push(leaver);
    await signIn(leaver, 'liuyang');
    await leaver.call('personal.create', { name: '周五常加班', externalUserid: a });
    await leaver.call('personal.create', { name: '投诉风险客户', externalUserid: a });

    const draft = await leaver.call('handover.packet.draft', {});
    const row = draft.customers.find((c) => c.externalUserid === a)!;
    expect(row.tags.map((t) => [t.name, t.check.status])).toEqual(expect.arrayContaining([['周五常加班', 'ok'], ['投诉风险客户', 'sensitive']]));
    expect((await leaver.call('handover.packet.check', { kind: 'note', text: '客户手机 13812345678' }))).toMatchObject({ status: 'blocked', suggestion: '客户手机 138****5678' });

    const refused = await leaver.fail('handover.packet.send', { entries: [{ externalUserid: a, kind: 'note', text: '身份证 11010519491231002X 已核验' }] });
    expect(refused.code).toBe('forbidden');
    expect(refused.userMessage).toContain('身份证');
    expect(team.team.ctx.db.prepare(`SELECT COUNT(*) FROM handover_packets`).pluck().get()).toBe(0);

    const packet = await leaver.call('handover.packet.send', {
      entries: [
        { externalUserid: a, kind: 'tag', text: '周五常加班' },
        { externalUserid: a, kind: 'tag', text: '投诉风险客户' },
        { externalUserid: a, kind: 'note', text: '老板娘做决定，下午三点后方便' },
      ],
    });
    expect(packet.entries.map((e) => e.sensitive)).toEqual([false, true, false]);
    expect(deviceEvents(leaver, 'handover-packet.send')).toEqual([expect.objectContaining({ packetId: packet.id, entries: 3, tags: 2, notes: 1, customers: [a] })]);
    expect((await leaver.call('handover.packet.mine', {})).packets[0]!.status).toBe('pending');

    // 陈静 approves everything; the customer moves to 赵磊 and WeCom takes it over.
    const boss = await tokenFor(team, 'chenjing');
    await api(team, boss, 'POST', `/team/v1/handover-packets/${packet.id}/review`, { decisions: [1, 2, 3].map((seq) => ({ seq, decision: 'approve' })) });
    const h = await api<HandoverView>(team, boss, 'POST', '/team/v1/handovers', { kind: 'onjob', handoverUserid: 'liuyang', externalUserids: [a], successors: { mode: 'one', userid: 'zhaolei' } });
    expect(h.status).toBe(201);
    await fetch(`${team.sim.url}/__sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 25 * 3600 }) });
    team.sim.runtime.settleTransfers();
    await api(team, boss, 'POST', `/team/v1/handovers/${h.body.value.id}/refresh`);

    const heir = openDesktop(team);
    desks.push(heir);
    await signIn(heir, 'zhaolei');
    const inbox = await heir.call('handover.packet.inherited', {});
    expect(inbox.entries.map((e) => [e.text, e.sensitive, e.fromName, e.alreadyHave])).toEqual([
      ['周五常加班', false, '刘洋', false], ['投诉风险客户', true, '刘洋', false], ['老板娘做决定，下午三点后方便', false, '刘洋', false],
    ]);
    const answers = inbox.entries.map((e) => ({ packetId: e.packetId, seq: e.seq, claim: 'accepted' as const, confirmed: false }));
    const unconfirmed = await heir.fail('handover.packet.answer', { answers });
    expect(unconfirmed.userMessage).toContain('逐条确认');
    expect((await heir.call('personal.list', {})).tags).toHaveLength(0); // nothing taken before the confirmation

    const done = await heir.call('handover.packet.answer', { answers: answers.map((x) => ({ ...x, confirmed: x.seq === 2 })) });
    expect(done).toEqual({ accepted: 3, declined: 0 });
    const panel = await heir.call('customers.panel', { externalUserid: a });
    expect(panel.personal.map((p) => p.name).sort()).toEqual(['周五常加班', '投诉风险客户'].sort());
    const after = await heir.call('handover.packet.inherited', {});
    expect(after.entries).toHaveLength(0);
    expect(after.notes).toEqual([expect.objectContaining({ externalUserid: a, fromName: '刘洋', text: '老板娘做决定，下午三点后方便' })]);
    expect(deviceEvents(heir, 'handover-packet.accept').map((e) => [e.seq, e.sensitive, e.confirmed])).toEqual([[1, false, false], [2, true, true], [3, false, false]]);
    expect(team.team.ctx.db.prepare(`SELECT COUNT(*) FROM handover_packet_entries WHERE packet_id = ? AND text IS NOT NULL`).pluck().get(packet.id)).toBe(0);
    // The leaver's desk sees each entry's fate.
    expect((await leaver.call('handover.packet.mine', {})).packets[0]!.entries.map((e) => e.claim)).toEqual(['accepted', 'accepted', 'accepted']);
  });
});
