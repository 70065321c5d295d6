// What happens around the API: colleagues' edits in the WeCom client and admin-console changes
// arrive as encrypted callbacks (retried, sometimes dropped); injected faults — lost answers,
// late application, deleted or re-created tags — look to the client the way WeCom's would.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type WecomApiError, WecomTransportError } from '../../../src-shared/wecom/index';
import { decryptMessage, encryptMessage, encryptOfXml, msgSignature, openCallback } from '../../../src-server/wecom-crypto/callback-crypto';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { clientFor, memberWithCustomers, startSim } from './harness';

interface Received { query: URLSearchParams; body: string; xml?: string; error?: string }

let sim: WecomSimulator;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let failNext = 0;

beforeAll(async () => {
  sim = await startSim();
  receiver = createServer((req, res) => {
    if (req.method === 'GET') {
      // URL verification: answer the decrypted echostr, nothing else.
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const c = sim.company.credentials;
      try {
        const plain = openCallback({ token: c.callbackToken, encodingAesKey: c.encodingAesKey, receiveId: c.corpid },
          { msg_signature: q.get('msg_signature') ?? '', timestamp: q.get('timestamp') ?? '', nonce: q.get('nonce') ?? '' }, q.get('echostr') ?? '');
        res.writeHead(200).end(plain);
      } catch {
        res.writeHead(403).end('bad signature');
      }
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const c = sim.company.credentials;
      const entry: Received = { query, body };
      try {
        entry.xml = openCallback({ token: c.callbackToken, encodingAesKey: c.encodingAesKey, receiveId: c.corpid },
          { msg_signature: query.get('msg_signature') ?? '', timestamp: query.get('timestamp') ?? '', nonce: query.get('nonce') ?? '' }, encryptOfXml(body) ?? '');
      } catch (e) {
        entry.error = (e as Error).message;
      }
      received.push(entry);
      res.writeHead(failNext-- > 0 ? 500 : 200).end('success');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wecom/callback`;
  sim.faults!.setCallback({ url: receiverUrl, retryDelayMs: 10, timeoutMs: 2000 });
});
afterAll(async () => {
  await sim.runtime.callbacks?.idle();
  await sim.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

const field = (xml: string, name: string) => new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)`).exec(xml)?.[1];

describe('callback crypto', () => {
  it('round-trips with WeCom’s layout and refuses a bad signature', () => {
    const key = sim.company.credentials.encodingAesKey;
    const enc = encryptMessage(key, 'wwcorp', '<xml>你好</xml>');
    expect(Buffer.from(enc, 'base64').length % 32).toBe(0);
    expect(decryptMessage(key, enc)).toEqual({ msg: '<xml>你好</xml>', receiveId: 'wwcorp' });
    const sig = msgSignature('tok', '1409659813', '1372623149', enc);
    expect(sig).toMatch(/^[0-9a-f]{40}$/);
    expect(() => openCallback({ token: 'tok', encodingAesKey: key, receiveId: 'wwcorp' }, { msg_signature: (sig[0] === '0' ? '1' : '0') + sig.slice(1), timestamp: '1409659813', nonce: '1372623149' }, enc)).toThrow(/signature/);
    expect(openCallback({ token: 'tok', encodingAesKey: key, receiveId: 'wwcorp' }, { msg_signature: sig, timestamp: '1409659813', nonce: '1372623149' }, enc)).toBe('<xml>你好</xml>');
  });
});

describe('callbacks', () => {
  it('verifies the callback URL the way WeCom does when an admin saves it', async () => {
    expect((await sim.faults!.verifyCallback()).ok).toBe(true);
    sim.faults!.setCallback({ url: receiverUrl, token: 'another-token', retryDelayMs: 10 });
    expect(await sim.faults!.verifyCallback()).toMatchObject({ ok: false, status: 403 });
    sim.faults!.setCallback({ url: receiverUrl, retryDelayMs: 10, timeoutMs: 2000 });
  });

  it('a colleague’s edit in the WeCom client arrives as edit_external_contact, signed and encrypted', async () => {
    const { userid, external } = memberWithCustomers(sim);
    const before = received.length;
    sim.faults!.colleagueEdit({ userid, external_userid: external, add_tag: [sim.company.tagGroups[3]!.tags[0]!.id], remark: '同事改的备注' });
    await vi.waitFor(() => expect(received.length).toBe(before + 1));
    const got = received.at(-1)!;
    expect(got.error).toBeUndefined();
    expect(field(got.body, 'ToUserName')).toBe(sim.corpid);
    expect(field(got.body, 'AgentID')).toBe(String(sim.agentid));
    expect(field(got.xml!, 'Event')).toBe('change_external_contact');
    expect(field(got.xml!, 'ChangeType')).toBe('edit_external_contact');
    expect(field(got.xml!, 'UserID')).toBe(userid);
    expect(field(got.xml!, 'ExternalUserID')).toBe(external);
    expect(got.xml).not.toContain('<MsgId>');
  });

  it('API writes produce no callback; an admin deleting a group produces one, not one per tag', async () => {
    const client = clientFor(sim);
    const { userid, external } = memberWithCustomers(sim);
    const group = sim.company.tagGroups.find((g) => g.group_name === '活动参与')!;
    const before = received.length;
    await client.markTag({ userid, external_userid: external, add_tag: [group.tags[0]!.id] });
    sim.faults!.consoleDeleteTag(group.group_id);
    await vi.waitFor(() => expect(received.length).toBe(before + 1));
    await sim.runtime.callbacks!.idle();
    expect(received.length).toBe(before + 1);
    const xml = received.at(-1)!.xml!;
    expect([field(xml, 'ChangeType'), field(xml, 'TagType'), field(xml, 'Id')]).toEqual(['delete', 'tag_group', group.group_id]);
    const e = await client.markTag({ userid, external_userid: external, add_tag: [group.tags[1]!.id] }).catch((x: unknown) => x);
    expect((e as WecomApiError).errcode).toBe(40068);
    expect((await client.getExternalContact(external)).follow_user.find((f) => f.userid === userid)!.tags.some((t) => t.group_name === '活动参与')).toBe(false);
  });

  it('retries a failing receiver, up to 3 attempts in total', async () => {
    const before = received.length;
    failNext = 2;
    sim.faults!.consoleShuffle();
    await sim.runtime.callbacks!.idle();
    expect(received.length).toBe(before + 3);
    const rec = sim.runtime.callbacks!.log.at(-1)!;
    expect([rec.attempts, rec.delivered]).toEqual([3, true]);
    expect(field(received.at(-1)!.xml!, 'Id')).toBe('');
  });

  it('can drop events entirely, as WeCom may', async () => {
    sim.faults!.setCallback({ url: receiverUrl, dropRate: 1, retryDelayMs: 10 });
    const before = received.length;
    sim.faults!.consoleEditTag(sim.company.tagGroups[0]!.tags[0]!.id, undefined, 99);
    await sim.runtime.callbacks!.idle();
    expect(received.length).toBe(before);
    expect(sim.runtime.callbacks!.log.at(-1)!.dropped).toBe(true);
    sim.faults!.setCallback({ url: receiverUrl, retryDelayMs: 10, timeoutMs: 2000 });
  });
});

describe('faults', () => {
  it('a lost response after the change was applied: the client sees a transport error, a read-back shows the tag', async () => {
    const client = clientFor(sim);
    const { userid, external } = memberWithCustomers(sim);
    const tag = sim.company.tagGroups[2]!.tags[9]!.id;
    sim.faults!.loseResponses('externalcontact/mark_tag', 1);
    const e = await client.markTag({ userid, external_userid: external, add_tag: [tag] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WecomTransportError);
    expect((e as WecomTransportError).retryClass).toBe('back-off');
    const mine = (await client.getExternalContact(external)).follow_user.find((f) => f.userid === userid)!;
    expect(mine.tags.some((t) => t.tag_id === tag)).toBe(true);
  });

  it('late application: ok at once, visible only later', async () => {
    const client = clientFor(sim);
    const { userid, external } = memberWithCustomers(sim);
    const tag = sim.company.tagGroups[2]!.tags[10]!.id;
    sim.faults!.lateApply('externalcontact/mark_tag', 150, 1);
    await client.markTag({ userid, external_userid: external, add_tag: [tag] });
    const has = async () => (await client.getExternalContact(external)).follow_user.find((f) => f.userid === userid)!.tags.some((t) => t.tag_id === tag);
    expect(await has()).toBe(false);
    await vi.waitFor(async () => expect(await has()).toBe(true), { timeout: 2000, interval: 25 });
  });

  it('latency delays the answer', async () => {
    const client = clientFor(sim);
    await client.departmentList();
    sim.faults!.latency(120, 'department/list');
    const t0 = performance.now();
    await client.departmentList();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    sim.faults!.latency(0, 'department/list');
  });

  it('tag ids reassigned: old ids are dead (40068, deleted:true), relations carry the new ids', async () => {
    const client = clientFor(sim);
    const group = sim.company.tagGroups.find((g) => g.group_name === '购买意向')!;
    const mapping = sim.faults!.reassignTagIds(group.group_id);
    const oldId = group.tags[0]!.id;
    const newId = mapping[oldId]!;
    expect(newId).toBeDefined();
    const byOld = await client.getCorpTagList({ tag_id: [oldId] });
    expect(byOld.tag_group[0]!.tag[0]).toMatchObject({ name: '高意向', deleted: true });
    const { userid, external } = memberWithCustomers(sim);
    expect(((await client.markTag({ userid, external_userid: external, add_tag: [oldId] }).catch((x: unknown) => x)) as WecomApiError).errcode).toBe(40068);
    await client.markTag({ userid, external_userid: external, add_tag: [newId] });
    const st = sim.runtime.state;
    expect([...st.relations.values()].some((r) => r.tag_ids.includes(oldId))).toBe(false);
  });
});
