// The reference's JSON examples are golden fixtures for both sides: the client's schemas must
// accept them, and the simulator's answers must have their shape (no missing always-present
// fields, no invented fields, same JSON types) — so simulator and client cannot merely agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wecomContactSchemas as C, wecomMiscSchemas as M, wecomTagSchemas as T, wecomTransferSchemas as X } from '../../../src-shared/wecom/index';
import type { WecomSimulator } from '../../../src-server/wecom-sim/index';
import { clientFor, fixtures, raw, startSim, tokenOf } from './harness';

type Json = unknown;
const kind = (v: Json) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** Differences between a golden example and an actual answer; `optional` lists paths like "follow_user[].tags". */
function shapeDiff(golden: Json, actual: Json, optional: readonly string[] = [], path = ''): string[] {
  if (kind(golden) !== kind(actual)) return [`${path || '(root)'}: ${kind(actual)} instead of ${kind(golden)}`];
  if (Array.isArray(golden)) {
    const items = actual as Json[];
    if (golden.length === 0 || items.length === 0 || golden.every((g) => kind(g) !== 'object')) return [];
    // Keys present in every golden element are required; any golden key is allowed.
    const samples = golden as Record<string, Json>[];
    const allowed = new Set(samples.flatMap((g) => Object.keys(g)));
    const required = [...allowed].filter((k) => samples.every((g) => k in g));
    return items.flatMap((it) => objectDiff(samples, it as Record<string, Json>, allowed, required, optional, `${path}[]`));
  }
  if (kind(golden) === 'object') {
    const g = golden as Record<string, Json>;
    return objectDiff([g], actual as Record<string, Json>, new Set(Object.keys(g)), Object.keys(g), optional, path);
  }
  return [];
}

function objectDiff(samples: Record<string, Json>[], actual: Record<string, Json>, allowed: Set<string>, required: string[], optional: readonly string[], path: string): string[] {
  const out: string[] = [];
  const at = (k: string) => (path ? `${path}.${k}` : k);
  for (const k of required) if (!(k in actual) && !optional.includes(at(k))) out.push(`${at(k)}: missing`);
  for (const k of Object.keys(actual)) {
    if (!allowed.has(k)) { out.push(`${at(k)}: not in the reference`); continue; }
    const vals = samples.filter((s) => k in s).map((s) => s[k]);
    if (vals.every((v) => kind(v) === 'object') && kind(actual[k]) === 'object') {
      // Nested objects of several samples: any sample's key is allowed, keys of all samples are required.
      const subs = vals as Record<string, Json>[];
      const subAllowed = new Set(subs.flatMap((v) => Object.keys(v)));
      out.push(...objectDiff(subs, actual[k] as Record<string, Json>, subAllowed, [...subAllowed].filter((x) => subs.every((v) => x in v)), optional, at(k)));
    } else {
      out.push(...shapeDiff(vals[0], actual[k], optional, at(k)));
    }
  }
  return out;
}

describe('the client accepts every reference example', () => {
  const cases: [string, { safeParse(v: unknown): { success: boolean } }][] = [
    ['gettoken', M.getTokenResponse], ['gettoken_wechatpy', M.getTokenResponse],
    ['get_corp_tag_list', T.getCorpTagListResponse], ['add_corp_tag', T.addCorpTagResponse],
    ['add_corp_tag_request', T.addCorpTagRequest], ['edit_corp_tag_request', T.editCorpTagRequest],
    ['del_corp_tag_request', T.delCorpTagRequest], ['mark_tag_request', T.markTagRequest],
    ['get_follow_user_list', C.followUserListResponse], ['list', C.listExternalContactResponse],
    ['get', C.getExternalContactResponse], ['batch_get_by_user_request', C.batchGetByUserRequest],
    ['batch_get_by_user', C.batchGetByUserResponse], ['remark_request', C.remarkRequest],
    ['transfer_customer_request', X.transferCustomerRequest], ['transfer_customer', X.transferCustomerResponse],
    ['transfer_result', X.transferResultResponse], ['get_unassigned_list', X.getUnassignedListResponse],
    ['department_list', M.departmentListResponse], ['getuserinfo', M.getUserInfoResponse],
    ['add_intercept_rule_request', M.addInterceptRuleRequest], ['add_intercept_rule', M.addInterceptRuleResponse],
    ['add_msg_template', M.addMsgTemplateResponse], ['jsapi_ticket', M.jsapiTicketResponse],
  ];
  it.each(cases)('%s', (name, schema) => {
    expect(fixtures[name], name).toBeDefined();
    expect(schema.safeParse(fixtures[name]).success).toBe(true);
  });

  it('keeps what matters from the examples: personal tags without id, mobiles as strings, deleted flags', () => {
    const get = C.getExternalContactResponse.parse(fixtures.get);
    expect(get.follow_user[0]!.tags.map((t) => [t.type, t.tag_id !== undefined])).toEqual([[1, true], [2, false], [3, true]]);
    expect(get.follow_user[1]!.tags).toEqual([]);
    expect(C.followInfo.parse({ userid: 'u', createtime: 1, remark_mobiles: [138000001, '130000002'] }).remark_mobiles).toEqual(['138000001', '130000002']);
    expect(T.getCorpTagListResponse.parse(fixtures.get_corp_tag_list).tag_group[0]!.tag[1]!.deleted).toBe(true);
  });

  it('rejects answers that break the documented shape', () => {
    expect(C.getExternalContactResponse.safeParse({ external_contact: { name: '李四' } }).success).toBe(false);
    expect(T.getCorpTagListResponse.safeParse({ tag_group: [{ group_id: 1 }] }).success).toBe(false);
  });
});

describe('the simulator answers in the reference’s shapes', () => {
  let sim: WecomSimulator;
  let token: string;
  const get = async (p: string) => (await raw(sim, `/cgi-bin/${p}${p.includes('?') ? '&' : '?'}access_token=${token}`)).json;
  const post = async (p: string, body: unknown) => (await raw(sim, `/cgi-bin/${p}?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) })).json;
  beforeAll(async () => { sim = await startSim(); token = await tokenOf(sim); });
  afterAll(async () => { await sim.close(); });

  it('gettoken', async () => {
    expect(shapeDiff(fixtures.gettoken, (await raw(sim, `/cgi-bin/gettoken?corpid=${sim.corpid}&corpsecret=${sim.corpsecret}`)).json)).toEqual([]);
  });

  it('get_corp_tag_list, unfiltered and by tag_id', async () => {
    const all = await post('externalcontact/get_corp_tag_list', {});
    expect(shapeDiff(fixtures.get_corp_tag_list, all, ['tag_group[].deleted', 'tag_group[].tag[].deleted'])).toEqual([]);
    const id = sim.company.tagGroups[0]!.tags[0]!.id;
    expect(shapeDiff(fixtures.get_corp_tag_list, await post('externalcontact/get_corp_tag_list', { tag_id: [id] }))).toEqual([]);
  });

  it('add_corp_tag', async () => {
    expect(shapeDiff(fixtures.add_corp_tag, await post('externalcontact/add_corp_tag', { group_name: '黄金测试', tag: [{ name: '甲' }, { name: '乙', order: 2 }] }))).toEqual([]);
  });

  it('edit/del/mark_tag/remark answer {errcode, errmsg} only', async () => {
    const st = sim.runtime.state;
    const r = [...st.relations.values()].find((x) => st.members.has(x.userid))!;
    expect(shapeDiff(fixtures.ok, await post('externalcontact/mark_tag', { userid: r.userid, external_userid: r.external_userid, add_tag: [sim.company.tagGroups[1]!.tags[0]!.id] }))).toEqual([]);
    expect(shapeDiff(fixtures.ok, await post('externalcontact/remark', { userid: r.userid, external_userid: r.external_userid, description: '对接采购事务' }))).toEqual([]);
  });

  it('get_follow_user_list and list', async () => {
    expect(shapeDiff(fixtures.get_follow_user_list, await get('externalcontact/get_follow_user_list'))).toEqual([]);
    expect(shapeDiff(fixtures.list, await get('externalcontact/list?userid=liuyang'))).toEqual([]);
  });

  it('get, for a partner company’s WeCom user (type 2)', async () => {
    const st = sim.runtime.state;
    const partner = [...st.customers.values()].find((c) => c.type === 2 && (st.byCustomer.get(c.external_userid) ?? []).some((u) => st.members.has(u)))!;
    const body = await get(`externalcontact/get?external_userid=${partner.external_userid}`);
    expect(shapeDiff(fixtures.get, body, ['external_contact.unionid', 'external_contact.external_profile', 'follow_user[].tags', 'follow_user[].remark_corp_name', 'follow_user[].wechat_channels', 'next_cursor'])).toEqual([]);
  });

  it('batch/get_by_user, with userid_list and with the legacy userid', async () => {
    const optional = ['external_contact_list[].external_contact.unionid', 'external_contact_list[].external_contact.position', 'external_contact_list[].external_contact.corp_name',
      'external_contact_list[].external_contact.corp_full_name', 'external_contact_list[].follow_info.remark_corp_name', 'external_contact_list[].follow_info.wechat_channels', 'fail_info'];
    const current = await post('externalcontact/batch/get_by_user', { userid_list: ['liuyang', 'xuming'], limit: 100 });
    expect((current.external_contact_list as unknown[]).length).toBe(100);
    expect(shapeDiff(fixtures.batch_get_by_user, current, optional)).toEqual([]);
    const legacy = await post('externalcontact/batch/get_by_user', { userid: 'liuyang', limit: 5 });
    expect(shapeDiff(fixtures.batch_get_by_user, legacy, optional)).toEqual([]);
  });

  it('transfers and the resigned queue', async () => {
    const st = sim.runtime.state;
    const x = st.byMember.get('guotao')!.find((e) => !st.relation('luoqian', e))!;
    expect(shapeDiff(fixtures.transfer_customer, await post('externalcontact/transfer_customer', { handover_userid: 'guotao', takeover_userid: 'luoqian', external_userid: [x, 'wmNOPE'] }))).toEqual([]);
    expect(shapeDiff(fixtures.transfer_result, await post('externalcontact/transfer_result', { handover_userid: 'guotao', takeover_userid: 'luoqian' }))).toEqual([]);
    expect(shapeDiff(fixtures.get_unassigned_list, await post('externalcontact/get_unassigned_list', { page_size: 10 }))).toEqual([]);
  });

  it('department/list, intercept rule, mass message, JS-SDK ticket', async () => {
    expect(shapeDiff(fixtures.department_list, await get('department/list'))).toEqual([]);
    expect(shapeDiff(fixtures.add_intercept_rule, await post('externalcontact/add_intercept_rule', { ...fixtures.add_intercept_rule_request, applicable_range: { user_list: ['liuyang'], department_list: [2, 3] } }))).toEqual([]);
    const target = sim.runtime.state.byMember.get('liuyang')![0]!;
    expect(shapeDiff(fixtures.add_msg_template, await post('externalcontact/add_msg_template', { sender: 'liuyang', external_userid: [target, 'wmNOPE'], text: { content: '你好' } }))).toEqual([]);
    expect(shapeDiff(fixtures.jsapi_ticket, await get('get_jsapi_ticket'))).toEqual([]);
  });

  it('errors: 84061 still carries the empty result field, and errmsg has WeCom’s format', async () => {
    const body = await get('externalcontact/list?userid=zhouwei');
    expect(shapeDiff(fixtures.error_84061, body)).toEqual([]);
    const pattern = /^[a-z][^,]*, hint: \[[^\]]+\], from ip: [^,]*, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=(\d+)$/;
    expect(pattern.exec(fixtures.error_84061!.errmsg as string)?.[1]).toBe('84061');
    expect(pattern.exec(body.errmsg as string)?.[1]).toBe('84061');
    const expired = (await raw(sim, '/cgi-bin/externalcontact/get_follow_user_list?access_token=nope')).json;
    expect(shapeDiff(fixtures.error_42001, expired)).toEqual([]);
    expect(pattern.exec(fixtures.error_42001!.errmsg as string)?.[1]).toBe('42001');
  });

  it('the client reads the simulator’s answers (end to end)', async () => {
    const client = clientFor(sim);
    await expect(client.getExternalContact(sim.runtime.state.byMember.get('liuyang')![0]!)).resolves.toBeDefined();
  });
});
