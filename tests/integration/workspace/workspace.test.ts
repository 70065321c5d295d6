// The panel's whole path in main, over the IPC dispatcher, against the demo team server and
// the WeCom simulator on loopback: sign in, first load, search, the panel's two columns,
// tagging shown at once and settled in WeCom, a sensitive tag through the approval queue
// (filed offline, decided by the supervisor, applied in WeCom), personal tags kept per member,
// conflicts, history, and a restart without the team server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, parkDeletedTag, signIn, startTeam, waitFor, type Desktop } from './harness';
import { loginCode } from '../team/helpers';
import { notificationFor } from '../../../src-main/app/notifications';
import type { PanelView } from '../../../src-shared/ipc/index';

let team: DemoTeam;
let desk: Desktop;
let boss: Desktop;
let customers: string[];

const wecomTags = (member: string, external: string): string[] => {
  const st = team.sim.runtime.state;
  return (st.relation(member, external)?.tag_ids ?? []).filter((t) => st.activeTag(t)).sort();
};
const chips = (v: PanelView, group: string) => v.enterprise.find((g) => g.groupName === group)?.chips ?? [];

beforeAll(async () => {
  team = await startTeam();
  desk = openDesktop(team);
  await signIn(desk, 'liuyang');
  customers = [...team.sim.runtime.state.relations.values()].filter((r) => r.userid === 'liuyang').map((r) => r.external_userid);
}, 60_000);
afterAll(async () => {
  desk?.close();
  boss?.close();
  await team?.close();
});

describe('the workspace behind the panel', () => {
  it('first load brings every customer the member follows, with the tags WeCom holds', async () => {
    const st = await desk.call('sync.status', {});
    expect(st.loaded.customers).toBe(customers.length);
    expect(st.queued).toBe(0);
    // The relay hands over every group the member may see, even on a team server that has not
    // looked at the catalog itself yet.
    const groups = (await desk.call('catalog.groups', {})).groups;
    expect(groups.map((g) => g.groupName)).toEqual(expect.arrayContaining(['客户阶段', '价值等级', '地域']));
    for (const ext of customers.slice(0, 20)) {
      const v = await desk.call('customers.panel', { externalUserid: ext });
      const shown = v.enterprise.flatMap((g) => g.chips.filter((c) => c.state === 'applied').map((c) => c.tagId)).sort();
      expect(shown).toEqual(wecomTags('liuyang', ext));
    }
  });

  it('finds a customer by name initials and by mobile tail', async () => {
    const st = team.sim.runtime.state;
    const c = customers.map((e) => st.customers.get(e)!).find((x) => /^[\u4e00-\u9fa5]{2,3}$/.test(x.name))!;
    const panel = await desk.call('customers.panel', { externalUserid: c.external_userid });
    const initials = (await desk.call('customers.search', { query: panel.customer.name, limit: 5 })).hits;
    expect(initials[0]?.externalUserid).toBe(c.external_userid);
    const withMobile = customers.map((e) => st.relation('liuyang', e)!).find((r) => (r.remark_mobiles ?? []).length > 0);
    if (withMobile) {
      const tail = String(withMobile.remark_mobiles[0]).slice(-4);
      const hits = (await desk.call('customers.search', { query: tail, limit: 50 })).hits;
      expect(hits.map((h) => h.externalUserid)).toContain(withMobile.external_userid);
      expect(hits.find((h) => h.externalUserid === withMobile.external_userid)?.mobileTail).toBe(tail);
    }
  });

  it('a stage chosen in a single-choice group shows at once as pending, replaces its sibling, and reaches WeCom', async () => {
    const ext = customers[0]!;
    const groups = (await desk.call('catalog.groups', {})).groups;
    const stages = groups.find((g) => g.groupName === '客户阶段')!;
    expect(stages.singleChoice).toBe(true);
    const before = await desk.call('customers.panel', { externalUserid: ext });
    const current = chips(before, '客户阶段').map((c) => c.tagId);
    const target = stages.tags.find((t) => !current.includes(t.tagId))!;
    const r = await desk.call('tags.apply', { externalUserid: ext, tagId: target.tagId });
    expect(r.outcome).toBe('queued');
    const now = await desk.call('customers.panel', { externalUserid: ext });
    expect(chips(now, '客户阶段').find((c) => c.tagId === target.tagId)?.state).toBe('pending-add');
    for (const old of current) expect(chips(now, '客户阶段').find((c) => c.tagId === old)?.state ?? 'gone').not.toBe('applied');
    await waitFor('stage in WeCom', () => wecomTags('liuyang', ext).includes(target.tagId) && current.every((t) => !wecomTags('liuyang', ext).includes(t)));
    const settled = await waitFor('chip applied', async () => {
      const v = await desk.call('customers.panel', { externalUserid: ext });
      return chips(v, '客户阶段').every((c) => c.state === 'applied') ? v : false;
    });
    expect(chips(settled, '客户阶段').map((c) => c.tagId)).toEqual([target.tagId]);
    expect(desk.events.some((e) => e.type === 'customer.changed' && e.externalUserid === ext)).toBe(true);
  });

  it('applying a tag twice changes nothing; removing a tag the member may edit is queued', async () => {
    const ext = customers[1]!;
    const groups = (await desk.call('catalog.groups', {})).groups;
    const g = groups.find((x) => x.groupName === '产品偏好')!;
    const tag = g.tags[0]!;
    await desk.call('tags.apply', { externalUserid: ext, tagId: tag.tagId });
    expect((await desk.call('tags.apply', { externalUserid: ext, tagId: tag.tagId })).outcome).toBe('unchanged');
    await waitFor('tag in WeCom', () => wecomTags('liuyang', ext).includes(tag.tagId));
    expect((await desk.call('tags.remove', { externalUserid: ext, tagId: tag.tagId })).outcome).toBe('queued');
    await waitFor('tag gone from WeCom', () => !wecomTags('liuyang', ext).includes(tag.tagId));
  });

  it('a sensitive group cannot be applied directly; the request filed offline waits, is sent on reconnect, and the supervisor approves it', async () => {
    const ext = customers[2]!;
    const groups = (await desk.call('catalog.groups', {})).groups;
    const value = groups.find((g) => g.groupName === '价值等级')!;
    expect(value.requiresApproval).toBe(true);
    const tag = value.tags[0]!;
    const refused = await desk.fail('tags.apply', { externalUserid: ext, tagId: tag.tagId });
    expect(refused.code).toBe('forbidden');
    expect(refused.userMessage).toContain('审批');

    desk.app.session.setConnection({ state: 'offline' });
    const { approval } = await desk.call('approvals.request', { externalUserid: ext, tagId: tag.tagId, reason: '客户年采购额超过百万' });
    expect(approval.status).toBe('queued');
    expect((await desk.call('sync.status', {})).approvalsQueued).toBe(1);
    const chip = chips(await desk.call('customers.panel', { externalUserid: ext }), '价值等级').find((c) => c.tagId === tag.tagId);
    expect(chip?.state).toBe('awaiting-approval');
    await new Promise((r) => setTimeout(r, 300));
    expect(team.team.ctx.approvals.list('chenjing', null, false).some((a) => a.requestId === approval.requestId)).toBe(false);

    desk.app.session.setConnection({ state: 'online' });
    await waitFor('request on the team server', () => team.team.ctx.approvals.list('chenjing', null, false).some((a) => a.requestId === approval.requestId));
    await waitFor('queue empty', async () => (await desk.call('sync.status', {})).approvalsQueued === 0);

    boss = openDesktop(team);
    await signIn(boss, 'chenjing');
    const queue = await boss.call('approvals.list', { scope: 'team', status: 'pending' });
    const mine = queue.approvals.find((a) => a.requestId === approval.requestId)!;
    expect(mine.requesterName).toBe('刘洋');
    // The supervisor need not follow the customer to see who it is.
    expect(mine.customerName).toBe(team.sim.runtime.state.customers.get(ext)!.name);
    expect(notificationFor(boss.app.workspaces.current()!, { type: 'approvals.changed', requestId: approval.requestId, status: 'pending' })?.title).toBe('新的审批申请');
    const decided = await boss.call('approvals.decide', { ids: [mine.id], decision: 'approve' });
    expect(decided.failed).toEqual([]);
    await waitFor('approved tag in WeCom', () => wecomTags('liuyang', ext).includes(tag.tagId));
    await waitFor('approved tag on the member panel', async () => {
      const v = await desk.call('customers.panel', { externalUserid: ext });
      return chips(v, '价值等级').find((c) => c.tagId === tag.tagId)?.state === 'applied';
    });
    await waitFor('decision cached', async () => (await desk.call('approvals.list', { scope: 'mine' })).approvals.some((a) => a.requestId === approval.requestId && a.status === 'approved'));
    const note = notificationFor(desk.app.workspaces.current()!, { type: 'approvals.changed', requestId: approval.requestId, status: 'approved' });
    expect(note).toMatchObject({ title: '审批已通过', externalUserid: ext });
    expect(note?.body).toContain(tag.name);
    // The customer's history shows the request from this device and the approval from the team server.
    const history = (await desk.call('customers.history', { externalUserid: ext, limit: 20 })).entries;
    expect(history.find((h) => h.source === 'approval' && h.action === 'tag.add')?.summary).toBe(`添加企业标签「${tag.name}」`);
    expect(history.find((h) => h.action === 'approval.request')?.actorName).toBe('刘洋');
  });

  it('a rejected request shows its reason on the chip', async () => {
    const ext = customers[3]!;
    const value = (await desk.call('catalog.groups', {})).groups.find((g) => g.groupName === '价值等级')!;
    const tag = value.tags[1] ?? value.tags[0]!;
    const { approval } = await desk.call('approvals.request', { externalUserid: ext, tagId: tag.tagId, reason: '客户自称是大客户' });
    await waitFor('filed', () => team.team.ctx.approvals.list('chenjing', null, false).some((a) => a.requestId === approval.requestId));
    const id = team.team.ctx.approvals.list('chenjing', null, false).find((a) => a.requestId === approval.requestId)!.id;
    const bad = await boss.fail('approvals.decide', { ids: [id], decision: 'reject' });
    expect(bad.code).toBe('invalid_args');
    await boss.call('approvals.decide', { ids: [id], decision: 'reject', note: '缺少采购记录' });
    const rejected = await waitFor('rejected chip', async () => {
      const v = await desk.call('customers.panel', { externalUserid: ext });
      return chips(v, '价值等级').find((c) => c.state === 'rejected');
    });
    expect(rejected.approval?.note).toBe('缺少采购记录');
    expect(notificationFor(desk.app.workspaces.current()!, { type: 'approvals.changed', requestId: approval.requestId, status: 'rejected' })?.body).toContain('缺少采购记录');
  });

  it('opening a customer\'s chat toolbar in WeCom switches the panel to that customer; a colleague\'s edit in WeCom shows without a reload', async () => {
    const ext = customers[8]!;
    const entry = await fetch(`${team.team.url}/toolbar?code=${await loginCode(team, 'liuyang')}`, { redirect: 'manual' });
    const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
    const res = await fetch(`${team.team.url}/toolbar/api/current`, {
      method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: team.team.url },
      body: JSON.stringify({ externalUserid: ext, entry: 'single_chat_tools' }),
    });
    expect(res.status).toBe(200);
    await waitFor('chat.current', () => desk.events.some((e) => e.type === 'chat.current' && e.externalUserid === ext));

    const g = (await desk.call('catalog.groups', {})).groups.find((x) => x.groupName === '售后状态')!;
    const tag = g.tags.find((t) => !wecomTags('liuyang', ext).includes(t.tagId))!;
    const seen = desk.events.length;
    team.sim.faults!.colleagueEdit({ userid: 'liuyang', external_userid: ext, add_tag: [tag.tagId] });
    await waitFor('customer.changed', () => desk.events.slice(seen).some((e) => e.type === 'customer.changed' && e.externalUserid === ext));
    expect(chips(await desk.call('customers.panel', { externalUserid: ext }), '售后状态').find((c) => c.tagId === tag.tagId)?.state).toBe('applied');
  });

  it('a new tag wording can be requested in a group; the request reaches the team server with the group named', async () => {
    const ext = customers[9]!;
    const value = (await desk.call('catalog.groups', {})).groups.find((g) => g.groupName === '价值等级')!;
    const blocked = await desk.fail('approvals.request', { externalUserid: ext, groupId: value.groupId, proposedName: '身份证11010519491231002X', reason: '客户要求登记' });
    expect(blocked).toMatchObject({ code: 'forbidden' });
    const { approval } = await desk.call('approvals.request', { externalUserid: ext, groupId: value.groupId, proposedName: '战略大客户', reason: '年框合同客户' });
    const chip = chips(await desk.call('customers.panel', { externalUserid: ext }), '价值等级').find((c) => c.name === '战略大客户');
    expect(chip?.state).toBe('awaiting-approval');
    const filed = await waitFor('filed', () => team.team.ctx.approvals.list('chenjing', null, false).find((a) => a.requestId === approval.requestId));
    expect(filed).toMatchObject({ status: 'pending', groupName: '价值等级', tagName: '战略大客户', tagId: null });
  });

  it('lints as the member types: the span, the category and the action', async () => {
    const v = await desk.call('lint.check', { text: '身份证11010519491231002X', field: 'personalTag' });
    expect(v.verdict).toBe('block');
    const f = v.findings[0]!;
    expect('身份证11010519491231002X'.slice(f.start, f.end)).toContain('11010519491231002X');
    expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    expect((await desk.call('lint.check', { text: '周五常加班', field: 'personalTag' })).verdict).toBe('ok');
  });

  it('personal tags: created on a customer, completed by initials, refused when sensitive, kept per member', async () => {
    const ext = customers[4]!;
    const { tag } = await desk.call('personal.create', { name: '喜欢圆领', externalUserid: ext });
    const v = await desk.call('customers.panel', { externalUserid: ext });
    expect(v.personal.map((p) => p.name)).toContain('喜欢圆领');
    const s = await desk.call('tags.suggest', { externalUserid: ext, column: 'personal', query: 'xhyl', limit: 5 });
    expect(s.suggestions[0]).toMatchObject({ kind: 'personal', id: String(tag.id), applied: true });
    const refused = await desk.fail('personal.create', { name: '患有糖尿病', externalUserid: ext });
    expect(refused.code).toBe('forbidden');
    expect(refused.userMessage).toContain('个人标签未保存');
    const history = await desk.call('customers.history', { externalUserid: ext, limit: 10 });
    expect(history.entries[0]?.summary).toBe('添加个人标签「喜欢圆领」');
    // The supervisor follows some of the same customers: they never see 刘洋's personal tags.
    const shared = (await boss.call('customers.search', { query: v.customer.name, limit: 5 })).hits.find((h) => h.externalUserid === ext);
    if (shared) expect((await boss.call('customers.panel', { externalUserid: ext })).personal).toEqual([]);
    expect((await boss.call('personal.list', { includeDeleted: true })).tags.map((t) => t.name)).not.toContain('喜欢圆领');
    // Nothing of it reached the team server: no table there holds the personal tag's text.
    const tdb = team.team.ctx.db;
    const tables = tdb.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];
    for (const t of tables) expect(JSON.stringify(tdb.prepare(`SELECT * FROM "${t}"`).all())).not.toContain('喜欢圆领');
  });

  it('a tag deleted in WeCom while a change was queued offline lands in the conflicts inbox with choices', async () => {
    const { tag, conflict } = await parkDeletedTag(desk, team, customers[5]!, '活动参与');
    expect(conflict.wanted).toContain(tag.name);
    expect(conflict.choices.map((c) => c.kind)).toContain('drop');
    const badDrop = await desk.fail('conflicts.resolve', { id: conflict.id, choice: { kind: 'drop', reason: '' } });
    expect(badDrop.code).toBe('invalid_args');
    await desk.call('conflicts.resolve', { id: conflict.id, choice: { kind: 'drop', reason: '活动已结束' } });
    expect((await desk.call('conflicts.list', {})).conflicts.find((c) => c.id === conflict.id)).toBeUndefined();
    expect((await desk.call('sync.status', {})).parked).toBe(0);
  });

  it('with the team server stopped the member keeps tagging; when it is back everything reaches WeCom once', async () => {
    const [a, b] = [customers[6]!, customers[7]!];
    const g = (await desk.call('catalog.groups', {})).groups.find((x) => x.groupName === '服务偏好')!;
    const onA = (await desk.call('customers.panel', { externalUserid: a })).enterprise.flatMap((x) => x.chips.map((c) => c.tagId));
    const tag = g.tags.find((t) => !onA.includes(t.tagId))!;
    const before = team.sim.runtime.state.relation('liuyang', b)!.tag_ids.length;
    await team.stopTeam();
    await waitFor('offline', async () => !(await desk.call('sync.status', {})).online);
    await desk.call('tags.apply', { externalUserid: a, tagId: tag.tagId });
    await desk.call('tags.apply', { externalUserid: b, tagId: tag.tagId });
    const offline = await desk.call('sync.status', {});
    expect(offline.queued).toBeGreaterThanOrEqual(1);
    expect(chips(await desk.call('customers.panel', { externalUserid: a }), '服务偏好').find((c) => c.tagId === tag.tagId)?.state).toBe('pending-add');
    expect(wecomTags('liuyang', a)).not.toContain(tag.tagId);
    await team.restartTeam();
    await waitFor('reconciled', () => wecomTags('liuyang', a).includes(tag.tagId) && wecomTags('liuyang', b).includes(tag.tagId), 40_000);
    await waitFor('queue drained', async () => (await desk.call('sync.status', {})).queued === 0, 20_000);
    const after = team.sim.runtime.state.relation('liuyang', b)!.tag_ids;
    expect(after.filter((t) => t === tag.tagId)).toHaveLength(1);
    expect(after.length).toBeLessThanOrEqual(before + 1);
  }, 90_000);

  it('restarted without the team server, the member is still signed in and the panel works from the local store', async () => {
    const ext = customers[4]!;
    const secrets = desk.app.secrets;
    const dataDir = desk.dataDir;
    desk.close();
    const { createApp } = await import('../../../src-main/app/services');
    const { createLogger } = await import('../../../src-main/services/logger');
    const app = createApp({ mode: 'browser', dataDir, secrets, log: createLogger({ level: 'silent' }), teamServerUrl: 'http://127.0.0.1:9' });
    try {
      await waitFor('restored offline', () => app.session.member()?.userid === 'liuyang' && app.workspaces.current());
      const r = await app.dispatcher.dispatch('customers.panel', { externalUserid: ext }, { transport: 'browser' });
      expect(r.ok).toBe(true);
      if (r.ok) expect((r.value as PanelView).personal.map((p) => p.name)).toContain('喜欢圆领');
      const q = await app.dispatcher.dispatch('tags.apply', { externalUserid: ext, tagId: (await import('../../../src-main/store/catalog')).readCatalog(app.workspaces.current()!.db).find((g) => g.name === '产品偏好')!.tags[1]!.tagId }, { transport: 'browser' });
      expect(q.ok).toBe(true);
      expect(app.workspaces.current()!.status().queued).toBe(1);
    } finally {
      app.close();
    }
  });
});
