// Bad input to the team server: malformed or oversized bodies, unknown or revoked tokens,
// replayed requests, a member acting outside their scope — each refused with a specific
// error, and nothing changes in WeCom or in the server's state.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { WecomApiError } from '../../../src-shared/wecom/index';
import { api, openEvents, relayClient, signIn, wecomTruth } from './helpers';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 300 });
});
afterAll(async () => demo?.close());

const group = (name: string) => demo.sim.company.tagGroups.find((g) => g.group_name === name)!;
const approvalCount = (): number => demo.team.ctx.db.prepare('SELECT COUNT(*) FROM approvals').pluck().get() as number;

describe('the team API refuses bad input with a specific error', () => {
  it('answers malformed JSON, wrong fields, wrong types and oversized bodies without changing anything', async () => {
    const token = await signIn(demo, 'liuyang');
    const before = approvalCount();
    const cases: [unknown, number, string][] = [
      ['{"requestId": ', 400, 'bad_request'],
      [{ requestId: 'not-a-uuid', kind: 'sensitive_tag' }, 400, 'bad_request'],
      [{ requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: 'liuyang', externalUserid: 'x', tagId: 't', reason: 'ok', findings: [], extra: 1 }, 400, 'bad_request'],
      [{ requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: 'liuyang', externalUserid: 'x', reason: '缺少标签', findings: [] }, 400, 'bad_request'],
      [{ requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: 'liuyang', externalUserid: 'x', tagId: 't', reason: 'x'.repeat(300_000), findings: [] }, 413, 'payload_too_large'],
    ];
    for (const [body, status, code] of cases) {
      const r = await api(demo, token, 'POST', '/team/v1/approvals', body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(status);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.userMessage).toMatch(/[\u4e00-\u9fa5]/);
    }
    const textPlain = await fetch(`${demo.team.url}/team/v1/approvals`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(textPlain.status).toBe(415);
    expect(approvalCount()).toBe(before);
  });

  it('names the field that failed', async () => {
    const token = await signIn(demo, 'liuyang');
    const r = await api(demo, token, 'POST', '/team/v1/approvals', { requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: 'liuyang', externalUserid: 'x', tagId: 't', reason: '', findings: [] });
    expect((r.body.error as unknown as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path: 'reason', message: '请写明申请理由' });
  });

  it('refuses unknown tokens, and a revoked device at once — including its open event stream', async () => {
    expect((await api(demo, 'tdk_nope', 'GET', '/team/v1/me')).status).toBe(401);
    expect((await api(demo, null, 'GET', '/team/v1/me')).body.error.code).toBe('unauthenticated');
    const token = await signIn(demo, 'zhaolei');
    const me = await api<{ deviceId: string }>(demo, token, 'GET', '/team/v1/me');
    expect(me.status).toBe(200);
    const stream = await openEvents(demo, token);
    const admin = await signIn(demo, 'linxue');
    const revoked = await api(demo, admin, 'POST', `/team/v1/devices/${me.body.value.deviceId}/revoke`);
    expect(revoked.status).toBe(200);
    const after = await api(demo, token, 'GET', '/team/v1/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('device_revoked');
    await expect(stream.next(() => false, 3000)).rejects.toThrow(/ended/);
    // the relay refuses it too: no new relay token for a revoked device
    const relayed = await relayClient(demo, token).getCorpTagList().catch((e: unknown) => e);
    expect((relayed as WecomApiError).errcode).toBe(RELAY_ERRCODES.deviceRevoked);
  });

  it('lets only admins list and revoke devices', async () => {
    const sales = await signIn(demo, 'sunli');
    expect((await api(demo, sales, 'GET', '/team/v1/devices')).status).toBe(403);
    expect((await api(demo, sales, 'POST', '/team/v1/devices/whatever/revoke')).status).toBe(403);
  });

  it('refuses a login code used twice (a replayed sign-in)', async () => {
    const q = new URLSearchParams({ appid: demo.sim.corpid, agentid: String(demo.sim.agentid), redirect_uri: 'http://127.0.0.1:9/cb', state: 's', userid: 'sunli' });
    const loc = (await fetch(`${demo.sim.url}/wwlogin/sso/confirm?${q.toString()}`, { redirect: 'manual' })).headers.get('location')!;
    const code = new URL(loc).searchParams.get('code');
    const first = await api(demo, null, 'POST', '/team/v1/login', { code });
    expect(first.status).toBe(200);
    const replay = await api(demo, null, 'POST', '/team/v1/login', { code });
    expect(replay.status).toBe(401);
    expect(replay.body.error.userMessage).toMatch(/登录码无效/);
  });

  it('refuses tagging a colleague’s customer outside one’s scope, and WeCom is untouched', async () => {
    const token = await signIn(demo, 'liuyang'); // 销售一部
    const other = demo.sim.company.relations.find((r) => r.userid === 'xuming')!; // 销售二部
    const tag = group('产品偏好').tags.find((t) => !other.tag_ids.includes(t.id))!;
    const r = await relayClient(demo, token).markTag({ userid: 'xuming', external_userid: other.external_userid, add_tag: [tag.id] }).catch((e: unknown) => e);
    expect((r as WecomApiError).errcode).toBe(RELAY_ERRCODES.outsideScope);
    expect((r as WecomApiError).errmsg).toMatch(/只能给自己跟进的客户打标签/);
    const c = await wecomTruth(demo).getExternalContact(other.external_userid);
    expect(c.follow_user.find((f) => f.userid === 'xuming')!.tags.map((t) => t.tag_id)).not.toContain(tag.id);
  });

  it('lets a supervisor tag for their own team but not for another team', async () => {
    const token = await signIn(demo, 'chenjing'); // 销售一部 supervisor
    const mine = demo.sim.company.relations.find((r) => r.userid === 'heyu')!; // 销售一部
    const theirs = demo.sim.company.relations.find((r) => r.userid === 'majun')!; // 销售二部
    const pick = (rel: typeof mine) => group('产品偏好').tags.find((t) => !rel.tag_ids.includes(t.id))!.id;
    await relayClient(demo, token).markTag({ userid: 'heyu', external_userid: mine.external_userid, add_tag: [pick(mine)] });
    const refused = await relayClient(demo, token).markTag({ userid: 'majun', external_userid: theirs.external_userid, add_tag: [pick(theirs)] }).catch((e: unknown) => e);
    expect((refused as WecomApiError).errcode).toBe(RELAY_ERRCODES.outsideScope);
  });

  it('refuses a remark with an ID number, with the linter’s reason', async () => {
    const token = await signIn(demo, 'liuyang');
    const rel = demo.sim.company.relations.find((r) => r.userid === 'liuyang')!;
    const r = await relayClient(demo, token).remark({ userid: 'liuyang', external_userid: rel.external_userid, description: '身份证 110101199003071233' }).catch((e: unknown) => e);
    expect((r as WecomApiError).errcode).toBe(RELAY_ERRCODES.refusedByPolicy);
    expect((r as WecomApiError).errmsg).toMatch(/身份证/);
  });

  it('does not relay endpoints outside its list, and answers relay tokens WeCom-style', async () => {
    const token = await signIn(demo, 'liuyang');
    const t = (await (await fetch(`${demo.team.url}/cgi-bin/gettoken?corpid=${demo.sim.corpid}&corpsecret=${token}`)).json()) as { access_token: string };
    const notListed = (await (await fetch(`${demo.team.url}/cgi-bin/user/delete?access_token=${t.access_token}`, { method: 'POST', body: '{}' })).json()) as { errcode: number };
    expect(notListed.errcode).toBe(48002);
    const badToken = (await (await fetch(`${demo.team.url}/cgi-bin/externalcontact/get_corp_tag_list?access_token=rly_forged`, { method: 'POST', body: '{}' })).json()) as { errcode: number };
    expect(badToken.errcode).toBe(40014);
    const wrongCorp = (await (await fetch(`${demo.team.url}/cgi-bin/gettoken?corpid=wwOTHER&corpsecret=${token}`)).json()) as { errcode: number };
    expect(wrongCorp.errcode).toBe(40013);
    const badJson = (await (await fetch(`${demo.team.url}/cgi-bin/externalcontact/mark_tag?access_token=${t.access_token}`, { method: 'POST', body: '[1,2' })).json()) as { errcode: number };
    expect(badJson.errcode).toBe(47001);
  });
});

describe('fair shares of the WeCom quota', () => {
  it('makes a member who floods the relay back off with 7100020 while a colleague keeps working', async () => {
    const small = await startDemoTeam({ customers: 100, fairShare: { burst: 5, perSecond: 0.001 } });
    try {
      const flooder = relayClient(small, await signIn(small, 'liuyang'));
      const colleague = relayClient(small, await signIn(small, 'zhaolei'));
      const results = await Promise.all(Array.from({ length: 8 }, () => flooder.getCorpTagList().then(() => 0, (e: unknown) => (e as WecomApiError).errcode)));
      expect(results.filter((c) => c === 0)).toHaveLength(5);
      expect(results.filter((c) => c === RELAY_ERRCODES.relayRateLimited)).toHaveLength(3);
      await expect(colleague.getCorpTagList()).resolves.toBeDefined();
    } finally {
      await small.close();
    }
  });
});

describe('the company quota', () => {
  it('answers 7100020 with retry_after_ms at once when the team server’s WeCom window is full, instead of holding the request', async () => {
    const tight = await startDemoTeam({ customers: 100, upstreamRateLimits: { perMinute: 12 } });
    try {
      const token = await signIn(tight, 'liuyang');
      const t = (await (await fetch(`${tight.team.url}/cgi-bin/gettoken?corpid=${tight.sim.corpid}&corpsecret=${token}`)).json()) as { access_token: string };
      const ext = tight.sim.company.relations.find((r) => r.userid === 'liuyang')!.external_userid;
      const answers: { errcode: number; retry_after_ms?: number }[] = [];
      const started = Date.now();
      for (let i = 0; i < 14; i++) {
        answers.push((await (await fetch(`${tight.team.url}/cgi-bin/externalcontact/get?access_token=${t.access_token}&external_userid=${ext}`)).json()) as { errcode: number; retry_after_ms?: number });
      }
      const limited = answers.filter((a) => a.errcode === RELAY_ERRCODES.relayRateLimited);
      expect(answers.filter((a) => a.errcode === 0)).toHaveLength(12);
      expect(limited.length).toBe(2);
      expect(limited[0]!.retry_after_ms).toBeGreaterThan(2000);
      expect(Date.now() - started).toBeLessThan(30_000); // answered, not queued for the minute
    } finally {
      await tight.close();
    }
  });
});
