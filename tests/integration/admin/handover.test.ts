// Customer hand-over against the WeCom simulator: a supervisor hands a transferring
// salesperson's customers to two colleagues round-robin; WeCom's status moves from waiting to
// taken over after 24 h; a tag that did not carry over to a successor is put back through a
// batch. A resigned member's customers go to a successor by an admin only.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from '../team/helpers';
import type { HandoverView } from '../../../src-server/team/admin/handover';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300, reconcileIntervalMs: 0, faults: true });
});
afterAll(async () => demo?.close());

describe('customer hand-over', () => {
  it('hands a member’s customers round-robin, follows WeCom’s status and repairs a tag that did not carry over', async () => {
    const st = demo.sim.runtime.state;
    const dir = demo.team.ctx.directory;
    const team = dir.teamOf(dir.member('chenjing')!).filter((m) => m.active && m.role === 'sales').map((m) => m.userid);
    const leaver = team.find((u) => (st.byMember.get(u) ?? []).length >= 4)!;
    const successors = team.filter((u) => u !== leaver).slice(0, 2);
    expect(successors).toHaveLength(2);
    const customers = (st.byMember.get(leaver) ?? []).filter((ext) => successors.every((s) => !st.relation(s, ext))).slice(0, 4);
    const before = new Map(customers.map((ext) => [ext, [...st.relation(leaver, ext)!.tag_ids]]));
    const supervisor = await signIn(demo, 'chenjing');

    const started = await api<HandoverView>(demo, supervisor, 'POST', '/team/v1/handovers', { kind: 'onjob', handoverUserid: leaver, externalUserids: customers, successors: { mode: 'roundRobin', userids: successors }, message: '您好，后续由我的同事为您服务' });
    expect(started.status).toBe(201);
    expect(started.body.value.counts.waiting).toBe(4);
    expect(new Set(started.body.value.items.map((i) => i.takeoverUserid))).toEqual(new Set(successors));

    // WeCom hands over after 24 hours.
    await fetch(`${demo.sim.url}/__sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 25 * 3600 }) });
    demo.sim.runtime.settleTransfers();
    const first = started.body.value.items[0]!;
    const carried = st.relation(first.takeoverUserid, first.externalUserid)!;
    const lost = before.get(first.externalUserid)!.find((t) => st.activeTag(t))!;
    carried.tag_ids = carried.tag_ids.filter((t) => t !== lost);

    const refreshed = await api<HandoverView>(demo, supervisor, 'POST', `/team/v1/handovers/${started.body.value.id}/refresh`);
    expect(refreshed.body.value.counts.taken_over).toBe(4);
    const repaired = refreshed.body.value.items.find((i) => i.externalUserid === first.externalUserid)!;
    expect(repaired.repairBatchId).not.toBeNull();
    await demo.team.ctx.batches.idle(repaired.repairBatchId!);
    for (const i of refreshed.body.value.items) {
      const now = st.relation(i.takeoverUserid, i.externalUserid)!.tag_ids;
      for (const t of before.get(i.externalUserid)!.filter((x) => st.activeTag(x))) expect(now).toContain(t);
      expect(st.relation(leaver, i.externalUserid)).toBeUndefined();
    }
    // A supervisor cannot reach beyond the team.
    const outsider = dir.members().find((m) => m.active && m.role === 'sales' && !team.includes(m.userid))!;
    const refused = await api(demo, supervisor, 'POST', '/team/v1/handovers', { kind: 'onjob', handoverUserid: outsider.userid, successors: { mode: 'one', userid: successors[0] } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.userMessage).toContain('团队');
  });

  it('a resigned member’s customers are assigned by an admin, not a supervisor', async () => {
    const st = demo.sim.runtime.state;
    const resigned = [...st.resigned.values()][0]!.userid;
    const supervisor = await signIn(demo, 'chenjing');
    const refused = await api(demo, supervisor, 'POST', '/team/v1/handovers', { kind: 'resigned', handoverUserid: resigned, successors: { mode: 'one', userid: 'zhaolei' } });
    expect(refused.status).toBe(403);
    const admin = await signIn(demo, 'linxue');
    const ext = (st.byMember.get(resigned) ?? []).find((e) => !st.relation('zhaolei', e))!;
    const started = await api<HandoverView>(demo, admin, 'POST', '/team/v1/handovers', { kind: 'resigned', handoverUserid: resigned, externalUserids: [ext], successors: { mode: 'one', userid: 'zhaolei' } });
    expect(started.status).toBe(201);
    expect(started.body.value.items).toEqual([expect.objectContaining({ externalUserid: ext, takeoverUserid: 'zhaolei', status: 'waiting' })]);
  });
});
