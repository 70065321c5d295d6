// The rest of the endpoints a Tagdesk deployment touches: hand-over of customers (on-job and
// resigned), chat intercept rules, mass-message templates, web login and JS-SDK tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomApiError } from '../../../src-shared/wecom/index';
import { jsapiSignature } from '../../../src-server/wecom-crypto/callback-crypto';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { clientFor, raw, startSim, tokenOf } from './harness';

let sim: WecomSimulator;
beforeAll(async () => { sim = await startSim(); });
afterAll(async () => { await sim.close(); });

async function errcodeOf(p: Promise<unknown>): Promise<number> {
  try { await p; } catch (e) { if (e instanceof WecomApiError) return e.errcode; throw e; }
  return 0;
}

describe('on-job transfer', () => {
  it('starts per customer, reports status 2 for 24 h, then hands the customer over', async () => {
    const client = clientFor(sim);
    const st = sim.runtime.state;
    const [a, b] = ['liuyang', 'zhaolei'];
    const mine = st.byMember.get(a)!.filter((x) => !st.relation(b, x)).slice(0, 2);
    const notMine = [...st.customers.keys()].find((x) => !st.relation(a, x))!;
    const r = await client.transferCustomer({ handover_userid: a, takeover_userid: b, external_userid: [...mine, 'wmNOSUCHCUSTOMER0000000000000000', notMine] });
    expect(r.customer.map((c) => c.errcode)).toEqual([0, 0, 40096, 40131]);
    const again = await client.transferCustomer({ handover_userid: a, takeover_userid: b, external_userid: [mine[0]!] });
    expect(again.customer[0]!.errcode).toBe(40129);
    expect((await client.transferCustomer({ handover_userid: a, takeover_userid: a, external_userid: [st.byMember.get(a)![5]!] })).customer[0]!.errcode).toBe(40130);
    let result = await client.transferResult({ handover_userid: a, takeover_userid: b });
    expect(result.customer.map((c) => c.status)).toEqual([2, 2]);
    expect(result.customer[0]!.takeover_time).toBeGreaterThan(Date.now() / 1000 + 86000);
    sim.faults!.advanceClock(86_401);
    result = await client.transferResult({ handover_userid: a, takeover_userid: b });
    expect(result.customer.map((c) => c.status)).toEqual([1, 1]);
    expect(st.relation(a, mine[0]!)).toBeUndefined();
    expect(st.relation(b, mine[0]!)?.add_way).toBe(202);
  });

  it('allows each customer two on-job transfers in 90 days (40128 for the third)', async () => {
    const client = clientFor(sim);
    const st = sim.runtime.state;
    const x = st.byMember.get('sunli')!.find((e) => !st.relation('huangmin', e))!;
    for (const [from, to] of [['sunli', 'huangmin'], ['huangmin', 'sunli']] as const) {
      expect((await client.transferCustomer({ handover_userid: from, takeover_userid: to, external_userid: [x] })).customer[0]!.errcode).toBe(0);
      sim.faults!.advanceClock(86_401);
    }
    expect((await client.transferCustomer({ handover_userid: 'sunli', takeover_userid: 'huangmin', external_userid: [x] })).customer[0]!.errcode).toBe(40128);
  });

  it('takes at most 100 customers per call', async () => {
    const token = await tokenOf(sim);
    const ids = sim.runtime.state.byMember.get('liuyang')!.slice(0, 1);
    const body = { handover_userid: 'liuyang', takeover_userid: 'zhaolei', external_userid: Array.from({ length: 101 }, (_, i) => ids[0]! + i) };
    expect((await raw(sim, `/cgi-bin/externalcontact/transfer_customer?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })).json.errcode).toBe(40058);
    await expect(clientFor(sim).transferCustomer(body)).rejects.toThrow(/invalid request/);
  });
});

describe('resigned members', () => {
  it('lists their customers page by page and assigns them (40097 for someone still employed)', async () => {
    const client = clientFor(sim);
    const first = await client.getUnassignedList({ page_size: 50 });
    expect(first.info).toHaveLength(50);
    expect(first.is_last).toBe(false);
    expect(new Set(first.info.map((i) => i.handover_userid))).toEqual(new Set(['lixiaolong']));
    let all = [...first.info];
    let cursor = first.next_cursor;
    while (cursor) {
      const page = await client.getUnassignedList({ page_size: 1000, cursor });
      all = all.concat(page.info);
      cursor = page.next_cursor;
    }
    expect(new Set(all.map((i) => i.handover_userid))).toEqual(new Set(['lixiaolong', 'wangfang']));
    const some = all.filter((i) => i.handover_userid === 'wangfang').slice(0, 3).map((i) => i.external_userid);
    expect(await errcodeOf(client.resignedTransferCustomer({ handover_userid: 'liuyang', takeover_userid: 'zhaolei', external_userid: some }))).toBe(40097);
    const r = await client.resignedTransferCustomer({ handover_userid: 'wangfang', takeover_userid: 'xuming', external_userid: some });
    expect(r.customer.every((c) => c.errcode === 0)).toBe(true);
    expect((await client.resignedTransferResult({ handover_userid: 'wangfang', takeover_userid: 'xuming' })).customer.map((c) => c.status)).toEqual([2, 2, 2]);
    const after = await client.getUnassignedList({ page_size: 1000 });
    expect(after.info.some((i) => some.includes(i.external_userid))).toBe(false);
  });

  it('treats a resigned member’s userid as invalid elsewhere (40003)', async () => {
    expect(await errcodeOf(clientFor(sim).listExternalContacts('wangfang'))).toBe(40003);
  });
});

describe('chat intercept rules', () => {
  it('adds, lists, reads, updates and deletes a rule', async () => {
    const client = clientFor(sim);
    const { rule_id } = await client.addInterceptRule({ rule_name: '敏感信息拦截', word_list: ['身份证', '银行卡号'], semantics_list: [1, 3], intercept_type: 1, applicable_range: { department_list: [3] } });
    expect((await client.getInterceptRuleList()).rule_list.map((r) => r.rule_name)).toContain('敏感信息拦截');
    await client.updateInterceptRule({ rule_id, word_list: ['身份证'], add_applicable_range: { user_list: ['yangfan'] }, remove_applicable_range: { department_list: [3] }, intercept_type: 2 });
    const { rule } = await client.getInterceptRule(rule_id);
    expect(rule).toMatchObject({ word_list: ['身份证'], intercept_type: 2, applicable_range: { user_list: ['yangfan'], department_list: [] }, extra_rule: { semantics_list: [1, 3] } });
    await client.delInterceptRule(rule_id);
    expect(await errcodeOf(client.getInterceptRule(rule_id))).toBe(40058);
  });

  it('refuses names over 20 characters and words over 32', async () => {
    const token = await tokenOf(sim);
    const post = (body: unknown) => raw(sim, `/cgi-bin/externalcontact/add_intercept_rule?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ rule_name: '长'.repeat(21), word_list: ['a'], intercept_type: 1, applicable_range: { user_list: ['liuyang'] } })).json.errcode).toBe(40058);
    expect((await post({ rule_name: 'r', word_list: ['词'.repeat(33)], intercept_type: 1, applicable_range: { user_list: ['liuyang'] } })).json.errcode).toBe(40058);
    expect((await post({ rule_name: 'r', word_list: ['词'], intercept_type: 1, applicable_range: {} })).json.errcode).toBe(40063);
  });
});

describe('mass-message templates', () => {
  it('creates a task and enforces 4 messages per customer per natural month via fail_list', async () => {
    const client = clientFor(sim);
    const st = sim.runtime.state;
    const targets = st.byMember.get('heyu')!.slice(0, 3);
    const stranger = [...st.customers.keys()].find((x) => !st.relation('heyu', x))!;
    const first = await client.addMsgTemplate({ sender: 'heyu', external_userid: [...targets, stranger], text: { content: '双十一会员日，全场家电八折。' } });
    expect(first.msgid).toMatch(/^msg/);
    expect(first.fail_list).toEqual([stranger]);
    for (let i = 0; i < 3; i++) expect((await client.addMsgTemplate({ sender: 'heyu', external_userid: targets, text: { content: `第${i + 2}条` } })).fail_list).toEqual([]);
    expect((await client.addMsgTemplate({ sender: 'heyu', external_userid: targets, text: { content: '第5条' } })).fail_list).toEqual(targets);
  });
});

describe('web login', () => {
  it('shows the members, redirects with code and state, and the code works exactly once', async () => {
    const q = new URLSearchParams({ login_type: 'CorpApp', appid: sim.corpid, agentid: String(sim.agentid), redirect_uri: 'http://127.0.0.1:9/callback?from=tagdesk', state: 'st-123' });
    const pageRes = await fetch(`${sim.url}/wwlogin/sso/login?${q.toString()}`);
    const html = await pageRes.text();
    expect(pageRes.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('陈静');
    expect(html).toContain('客服部');
    const href = /href="([^"]+)" data-userid="liuyang"/.exec(html)![1]!.replace(/&#38;/g, '&');
    const redirect = await fetch(`${sim.url}${href}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!);
    expect(location.pathname).toBe('/callback');
    expect(location.searchParams.get('from')).toBe('tagdesk');
    expect(location.searchParams.get('state')).toBe('st-123');
    const client = clientFor(sim);
    expect((await client.getUserInfo(location.searchParams.get('code')!)).userid).toBe('liuyang');
    expect(await errcodeOf(client.getUserInfo(location.searchParams.get('code')!))).toBe(40029);
  });

  it('refuses a login page for another corp', async () => {
    const res = await fetch(`${sim.url}/wwlogin/sso/login?appid=wwother&agentid=1&redirect_uri=http://x/`);
    expect(res.status).toBe(400);
  });
});

describe('JS-SDK tickets', () => {
  it('returns the same 7200 s tickets while valid, and signs like the official example', async () => {
    const client = clientFor(sim);
    const a = await client.getJsapiTicket();
    expect(a.expires_in).toBeLessThanOrEqual(7200);
    expect((await client.getJsapiTicket()).ticket).toBe(a.ticket);
    const agent = await client.getAgentJsapiTicket();
    expect(agent.ticket).not.toBe(a.ticket);
    // Known answer from the official signature page (official page 96909).
    expect(jsapiSignature('sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg', 'Wm3WZYTPz0wzccnW', 1414587457, 'http://mp.weixin.qq.com?params=value#frag'))
      .toBe('0f9de62fce790f9a083d5c99e95740ceb90c27ed');
  });

  it('caps the app ticket per hour (45009)', async () => {
    const s = await startSim({ limits: { agentJsapiTicketsPerHour: 2 } });
    try {
      const token = await tokenOf(s);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await raw(s, `/cgi-bin/ticket/get?access_token=${token}&type=agent_config`)).json.errcode as number);
      expect(codes).toEqual([0, 0, 45009]);
    } finally {
      await s.close();
    }
  });
});
