// Whatever a client sends, the simulator answers like WeCom — HTTP 200 JSON with an errcode —
// and keeps serving: malformed JSON, missing fields, wrong types, oversized bodies, wrong methods.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { raw, startSim, tokenOf } from './harness';

let sim: WecomSimulator;
let token: string;
beforeAll(async () => { sim = await startSim({ limits: { maxBodyBytes: 64 * 1024 } }); token = await tokenOf(sim); });
afterAll(async () => { await sim.close(); });

const post = (path: string, body: string, t = token) => raw(sim, `/cgi-bin/${path}?access_token=${t}`, { method: 'POST', body });

describe('bad input gets WeCom errcodes, never a crash or an HTML page', () => {
  it('malformed JSON → 40058 with WeCom’s warning', async () => {
    for (const body of ['{"userid": "liuyang",', 'not json', '[1,2,3]', '"a string"', '{"a":1}}']) {
      const r = await post('externalcontact/mark_tag', body);
      expect(r.status).toBe(200);
      expect(r.type).toContain('application/json');
      expect(r.json.errcode).toBe(40058);
      expect(r.json.errmsg).toContain('Warning: wrong json format.');
    }
  });

  it('missing fields → the endpoint’s code', async () => {
    const cases: [string, unknown, number][] = [
      ['externalcontact/mark_tag', {}, 40003],
      ['externalcontact/mark_tag', { userid: 'liuyang' }, 41035],
      ['externalcontact/mark_tag', { userid: 'liuyang', external_userid: sim.runtime.state.byMember.get('liuyang')![0] }, 41017],
      ['externalcontact/del_corp_tag', {}, 41017],
      ['externalcontact/add_corp_tag', { group_name: '空组' }, 41018],
      ['externalcontact/add_corp_tag', { tag: [{ name: '孤儿' }] }, 40063],
      ['externalcontact/edit_corp_tag', {}, 41017],
      ['externalcontact/remark', { userid: 'liuyang' }, 41035],
      ['externalcontact/batch/get_by_user', {}, 40003],
      ['externalcontact/transfer_customer', { handover_userid: 'liuyang', takeover_userid: 'zhaolei' }, 41035],
      ['externalcontact/get_intercept_rule', {}, 40063],
    ];
    for (const [path, body, code] of cases) expect((await post(path, JSON.stringify(body))).json.errcode, `${path} ${JSON.stringify(body)}`).toBe(code);
    expect((await raw(sim, `/cgi-bin/externalcontact/get?access_token=${token}`)).json.errcode).toBe(41035);
    expect((await raw(sim, `/cgi-bin/auth/getuserinfo?access_token=${token}`)).json.errcode).toBe(40063);
    expect((await raw(sim, `/cgi-bin/gettoken?corpid=${sim.corpid}`)).json.errcode).toBe(41004);
    expect((await raw(sim, '/cgi-bin/externalcontact/get_follow_user_list')).json.errcode).toBe(41001);
  });

  it('wrong types and values → 40058', async () => {
    const cases: unknown[] = [
      { userid: 'liuyang', external_userid: 'x', add_tag: 'not-an-array' },
      { userid: 42, external_userid: 'x', add_tag: ['a'] },
    ];
    for (const body of cases) expect((await post('externalcontact/mark_tag', JSON.stringify(body))).json.errcode).toBe(40058);
    expect((await post('externalcontact/batch/get_by_user', JSON.stringify({ userid_list: Array.from({ length: 101 }, () => 'liuyang') }))).json.errcode).toBe(40058);
    expect((await post('externalcontact/batch/get_by_user', JSON.stringify({ userid_list: ['liuyang'], cursor: '!!garbage!!' }))).json.errcode).toBe(40058);
    expect((await post('externalcontact/add_corp_tag', JSON.stringify({ group_name: 'g', tag: [{ name: 'x', order: -1 }] }))).json.errcode).toBe(40058);
    expect((await post('externalcontact/add_corp_tag', JSON.stringify({ group_name: 'g', tag: [{ name: '名'.repeat(31) }] }))).json.errcode).toBe(40072);
  });

  it('oversized bodies → 40058, and the server keeps serving', async () => {
    const big = JSON.stringify({ userid_list: ['liuyang'], pad: 'x'.repeat(200 * 1024) });
    expect((await post('externalcontact/batch/get_by_user', big)).json.errcode).toBe(40058);
    expect((await post('externalcontact/batch/get_by_user', JSON.stringify({ userid_list: ['liuyang'], limit: 1 }))).json.errcode).toBe(0);
  });

  it('wrong methods: GET on a POST API → 40058, PUT/DELETE → 40063', async () => {
    expect((await raw(sim, `/cgi-bin/externalcontact/mark_tag?access_token=${token}`)).json.errcode).toBe(40058);
    expect((await raw(sim, `/cgi-bin/externalcontact/get_corp_tag_list?access_token=${token}`, { method: 'PUT', body: '{}' })).json.errcode).toBe(40063);
    expect((await raw(sim, `/cgi-bin/department/list?access_token=${token}`, { method: 'DELETE' })).json.errcode).toBe(40063);
  });

  it('unknown paths → HTTP 404 with a JSON body; fault routes are absent unless enabled', async () => {
    const r = await raw(sim, '/cgi-bin/externalcontact/no_such_api');
    expect([r.status, r.type.includes('json')]).toEqual([404, true]);
    const plain = await startSim({ faults: false });
    try {
      expect((await raw(plain, '/__sim/busy', { method: 'POST', body: '{"api":"gettoken"}' })).status).toBe(404);
      expect(plain.faults).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('a client that hangs up mid-body does not take the server down', async () => {
    await new Promise<void>((resolve) => {
      const req = request(`${sim.url}/cgi-bin/externalcontact/mark_tag?access_token=${token}`, { method: 'POST', headers: { 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"userid":');
      setTimeout(() => { req.destroy(); resolve(); }, 20);
    });
    expect((await raw(sim, `/cgi-bin/department/list?access_token=${token}`)).json.errcode).toBe(0);
  });
});
