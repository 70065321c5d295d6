// WeCom's failure modes as the client meets them: configuration errors stop it with a clear
// message, token errors refresh once, 45009 pauses the API, the limiter keeps below the windows,
// concurrency limits (45033/45035) and `-1` busy answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomApiError, WecomConfigError } from '../../../src-shared/wecom/index';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { clientFor, memberWithCustomers, raw, startSim, tokenOf } from './harness';

let sim: WecomSimulator;
beforeAll(async () => { sim = await startSim(); });
afterAll(async () => { await sim.close(); });

async function caught(p: Promise<unknown>): Promise<WecomApiError> {
  try { await p; } catch (e) { if (e instanceof WecomApiError) return e; throw e; }
  throw new Error('expected a WeCom error');
}

function counting(sim: WecomSimulator) {
  const calls: string[] = [];
  const client = clientFor(sim, { fetch: (url, init) => { calls.push(new URL(url).pathname.replace('/cgi-bin/', '')); return fetch(url, init); } });
  return { client, calls };
}

describe('configuration errors stop the client', () => {
  it('40001 wrong secret: a fatal-config error that names the secret, then no more requests', async () => {
    const { calls } = counting(sim);
    const client = clientFor(sim, { corpsecret: 'wrong-secret', fetch: (url, init) => { calls.push(url); return fetch(url, init); } });
    const e = await caught(client.getCorpTagList());
    expect(e).toBeInstanceOf(WecomConfigError);
    expect(e.errcode).toBe(40001);
    expect(e.retryClass).toBe('fatal-config');
    expect(e.message).toMatch(/secret/);
    const sent = calls.length;
    await expect(client.getFollowUserList()).rejects.toBe(client.configError);
    expect(calls.length).toBe(sent);
  });

  it('40013 wrong corp ID', async () => {
    const e = await caught(clientFor(sim, { corpid: 'ww0000000000000000' }).getCorpTagList());
    expect([e.errcode, e.retryClass]).toEqual([40013, 'fatal-config']);
  });

  it('60020 untrusted IP, on gettoken as on business calls', async () => {
    const locked = await startSim({ trustedIps: ['10.1.2.3'] });
    try {
      const e = await caught(clientFor(locked).getCorpTagList());
      expect([e.errcode, e.retryClass]).toEqual([60020, 'fatal-config']);
      expect(e.message).toMatch(/trusted IP/);
      expect(e.errmsg).toContain('not allow to access from your ip');
    } finally {
      await locked.close();
    }
  });

  it('repeated wrong secrets get the IP banned for an hour (45009 even with the right secret)', async () => {
    const s = await startSim({ limits: { wrongSecretBanThreshold: 3 } });
    try {
      for (let i = 0; i < 3; i++) expect((await raw(s, `/cgi-bin/gettoken?corpid=${s.corpid}&corpsecret=nope`)).json.errcode).toBe(40001);
      expect((await raw(s, `/cgi-bin/gettoken?corpid=${s.corpid}&corpsecret=${s.corpsecret}`)).json.errcode).toBe(45009);
      s.faults!.advanceClock(3601);
      expect((await raw(s, `/cgi-bin/gettoken?corpid=${s.corpid}&corpsecret=${s.corpsecret}`)).json.errcode).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe('token errors', () => {
  it('renews the cached token 300 s before expires_in, not earlier', async () => {
    let now = Date.UTC(2026, 0, 6, 1);
    const s = await startSim({ clock: () => now });
    try {
      let gettokens = 0;
      const client = clientFor(s, { now: () => now, fetch: (url, init) => { if (url.includes('/gettoken')) gettokens++; return fetch(url, init); } });
      await client.departmentList();
      now += (7200 - 301) * 1000;
      await client.departmentList();
      expect(gettokens).toBe(1);
      now += 2000;
      await client.departmentList();
      expect(gettokens).toBe(2);
    } finally {
      await s.close();
    }
  });

  it('42001 after expiry: refresh and retry once, transparently', async () => {
    const { client, calls } = counting(sim);
    await client.getCorpTagList();
    sim.faults!.advanceClock(7200);
    const raw42001 = await raw(sim, `/cgi-bin/externalcontact/get_follow_user_list?access_token=${await client.accessToken()}`);
    expect(raw42001.json.errcode).toBe(42001);
    await client.getCorpTagList();
    expect(calls.filter((c) => c === 'gettoken')).toHaveLength(2);
  });

  it('40014 after early invalidation: one single-flight refresh for a burst of calls', async () => {
    const { client, calls } = counting(sim);
    await client.getCorpTagList();
    expect(sim.faults!.invalidateTokens(40014)).toBeGreaterThan(0);
    await Promise.all(Array.from({ length: 8 }, () => client.getFollowUserList()));
    expect(calls.filter((c) => c === 'gettoken')).toHaveLength(2);
  });

  it('retries only once: a token that keeps failing surfaces as refresh-token', async () => {
    const client = clientFor(sim, {
      fetch: (url, init) => { if (!url.includes('/gettoken')) sim.faults!.invalidateTokens(40014); return fetch(url, init); },
    });
    const e = await caught(client.getCorpTagList());
    expect([e.errcode, e.retryClass]).toEqual([40014, 'refresh-token']);
  });
});

describe('frequency limits', () => {
  it('45009 pauses that API for at least 60 s and later calls fail fast without a request', async () => {
    const { client, calls } = counting(sim);
    sim.faults!.rateLimit('externalcontact/get_corp_tag_list', 60);
    const e = await caught(client.getCorpTagList());
    expect([e.errcode, e.retryClass]).toEqual([45009, 'pause-api']);
    expect(e.retryAfterMs).toBeGreaterThanOrEqual(59_000);
    const sent = calls.filter((c) => c.endsWith('get_corp_tag_list')).length;
    expect((await caught(client.getCorpTagList())).errcode).toBe(45009);
    expect(calls.filter((c) => c.endsWith('get_corp_tag_list')).length).toBe(sent);
    // Other APIs are not paused.
    await client.getFollowUserList();
    sim.faults!.advanceClock(61);
  });

  it('the simulator enforces per-minute windows; the client’s limiter stays below them', async () => {
    let now = Date.UTC(2026, 0, 5, 2);
    const s = await startSim({ clock: () => now, limits: { perCorpPerMinute: 5 } });
    try {
      const token = await tokenOf(s);
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await raw(s, `/cgi-bin/externalcontact/get_follow_user_list?access_token=${token}`)).json.errcode as number);
      expect(codes).toEqual([0, 0, 0, 0, 0, 45009]);
      now += 61_000;
      const start = now;
      const client = clientFor(s, { now: () => now, sleep: async (ms) => { now += ms; }, rateLimits: { perMinute: 4 } });
      for (let i = 0; i < 10; i++) await client.departmentList();
      expect(now - start).toBeGreaterThanOrEqual(120_000);
    } finally {
      await s.close();
    }
  });
});

describe('concurrency limits', () => {
  it('45033 beyond the concurrent-read cap; a client capped lower never sees it', async () => {
    const s = await startSim({ limits: { maxConcurrentReads: 2 } });
    try {
      s.faults!.latency(80, 'externalcontact/get_corp_tag_list');
      const greedy = clientFor(s, { rateLimits: { maxConcurrent: 6 } });
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => greedy.getCorpTagList()));
      const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as WecomApiError).errcode : 0));
      expect(codes).toContain(45033);
      expect(results.filter((r) => r.status === 'rejected').every((r) => (r.reason as WecomApiError).retryClass === 'back-off')).toBe(true);
      const polite = clientFor(s, { rateLimits: { maxConcurrent: 2 } });
      await Promise.all(Array.from({ length: 6 }, () => polite.getCorpTagList()));
    } finally {
      await s.close();
    }
  });

  it('45035 for overlapping writes to one pair; the client serialises them per pair', async () => {
    const s = await startSim();
    try {
      s.faults!.latency(80, 'externalcontact/mark_tag');
      const { userid, external } = memberWithCustomers(s);
      const token = await tokenOf(s);
      const tagA = s.company.tagGroups[1]!.tags[2]!.id;
      const tagB = s.company.tagGroups[1]!.tags[3]!.id;
      const post = (tag: string) => raw(s, `/cgi-bin/externalcontact/mark_tag?access_token=${token}`, { method: 'POST', body: JSON.stringify({ userid, external_userid: external, add_tag: [tag] }) });
      const both = await Promise.all([post(tagA), post(tagB)]);
      expect(both.map((r) => r.json.errcode).sort()).toEqual([0, 45035]);
      const client = clientFor(s);
      await Promise.all([client.markTag({ userid, external_userid: external, add_tag: [tagA] }), client.markTag({ userid, external_userid: external, add_tag: [tagB] })]);
      expect(s.runtime.state.relation(userid, external)!.tag_ids).toEqual(expect.arrayContaining([tagA, tagB]));
    } finally {
      await s.close();
    }
  });

  it('-1 system busy is retried with back-off, at most 3 times', async () => {
    const { client, calls } = counting(sim);
    sim.faults!.busy('department/list', 2);
    await client.departmentList();
    expect(calls.filter((c) => c === 'department/list')).toHaveLength(3);
    sim.faults!.busy('department/list', 10);
    const e = await caught(client.departmentList());
    expect([e.errcode, e.retryClass]).toEqual([-1, 'back-off']);
    expect(calls.filter((c) => c === 'department/list')).toHaveLength(7);
    sim.faults!.reset();
  });
});
