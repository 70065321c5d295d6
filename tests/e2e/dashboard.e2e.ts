// The 看板 end to end: a salesperson of 销售一部 shares a personal tag as a company descriptor from
// 共享 (explicit consent); a colleague in 销售二部 shares one too. Their supervisor 陈静 opens
// 管理 → 看板 and sees her team's figures — customers, tag distribution, RFM quadrants, the
// shared descriptor — equal to what the simulator and the team server hold for her team, and
// nothing of 销售二部's.
import { test, expect, demoCompany, signInAs, openCustomerByKeyboard, pickOption, startApp, teamToken, customersOf } from './fixtures';

const TEAM1 = 3; // 销售一部, supervised by 陈静
const TEAM2 = 4; // 销售二部

/** WeCom's own relations (the simulator), read the way any WeCom app reads them. */
async function simRelations(simUrl: string, userids: string[]): Promise<{ userid: string; externalUserid: string; tagIds: string[] }[]> {
  const { corpid, corpsecret } = demoCompany().credentials;
  const token = ((await (await fetch(`${simUrl}/cgi-bin/gettoken?corpid=${corpid}&corpsecret=${encodeURIComponent(corpsecret)}`)).json()) as { access_token: string }).access_token;
  const out: { userid: string; externalUserid: string; tagIds: string[] }[] = [];
  let cursor = '';
  do {
    const page = (await (await fetch(`${simUrl}/cgi-bin/externalcontact/batch/get_by_user?access_token=${token}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userid_list: userids, cursor, limit: 100 }),
    })).json()) as { errcode: number; external_contact_list?: { external_contact: { external_userid: string }; follow_info: { userid: string; tag_id?: string[] } }[]; next_cursor?: string };
    expect(page.errcode).toBe(0);
    for (const c of page.external_contact_list ?? []) out.push({ userid: c.follow_info.userid, externalUserid: c.external_contact.external_userid, tagIds: c.follow_info.tag_id ?? [] });
    cursor = page.next_cursor ?? '';
  } while (cursor);
  return out;
}

const activeMembers = (dept: number): string[] => demoCompany().staff.filter((s) => s.department === dept && !s.resigned).map((s) => s.userid);

async function api<T>(app: { teamServerUrl: string | null }, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; value: T }> {
  const res = await fetch(`${app.teamServerUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, value: ((await res.json()) as { value: T }).value };
}

test('a supervisor sees her team\'s figures, matching the store, and not another team\'s', async ({ page, demoApp, browser }) => {
  test.setTimeout(240_000); // two desks, a month of demo events and a rule run
  const c = demoCompany();
  const team1 = activeMembers(TEAM1);
  const team2 = activeMembers(TEAM2);
  const followersOf = (e: string) => c.relations.filter((r) => r.external_userid === e).map((r) => r.userid);
  const sales2 = team2.find((u) => u !== 'yangfan' && c.relations.some((r) => r.userid === u))!;
  const team2Only = c.relations.find((r) => r.userid === sales2 && followersOf(r.external_userid).every((u) => team2.includes(u)))!.external_userid;

  // Orders for RFM: the demo's event stream (purchases among others).
  const admin = await teamToken(demoApp, 'linxue');
  expect((await api(demoApp, admin, 'POST', '/team/v1/automation/demo-stream', { seed: 7, days: 60, limit: 120 })).status).toBe(200);
  // 销售二部 shares a descriptor for one of its own customers (what its desk would send).
  const s2 = await teamToken(demoApp, sales2);
  expect((await api(demoApp, s2, 'PUT', '/team/v1/descriptors/grants/e2e-team2-grant-aaaaaaaaaa', { descriptorId: 'time-sensitive', externalUserids: [team2Only] })).status).toBe(200);

  // A rule over the stream's store visits: its backtest says which relations it will tag.
  const rule = { id: 'e2e-visit', name: '到店客户需上门安装', version: 1, enabled: false, conditions: [], actsOn: 'owner', maxShareWithoutConfirm: 1, trigger: { kind: 'event', event: 'store_visit' }, actions: [{ kind: 'addTag', tag: { groupName: '服务偏好', tagName: '需上门安装' } }] };
  const backtest = await api<{ diff: { userid: string; add: unknown[] }[]; wouldChangeRelations: number }>(demoApp, admin, 'POST', '/team/v1/automation/backtest', { rule });
  expect(backtest.value.wouldChangeRelations).toBeGreaterThan(0);
  expect(backtest.value.wouldChangeRelations).toBeLessThan(500); // the diff is complete
  const expectedHits = backtest.value.diff.filter((x) => team1.includes(x.userid) && x.add.length > 0).length;
  expect((await api(demoApp, admin, 'PUT', '/team/v1/automation/rules/e2e-visit', { ...rule, enabled: true })).status).toBe(200);

  // Approval requests: two from 销售一部 (陈静 decides one), one from 销售二部.
  const vip = c.tagGroups.find((g) => g.group_name === '价值等级')!.tags.find((t) => t.name === 'VIP')!.id;
  const file = async (userid: string) => {
    const rel = c.relations.find((r) => r.userid === userid && !r.tag_ids.includes(vip))!;
    const r = await api<{ id: string }>(demoApp, await teamToken(demoApp, userid), 'POST', '/team/v1/approvals', { requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid, externalUserid: rel.external_userid, tagId: vip, reason: '年采购额超过 50 万', findings: [] });
    expect(r.status).toBe(201);
    return r.value.id;
  };
  const sales1 = team1.filter((u) => u !== 'chenjing' && u !== 'liuyang' && c.relations.some((r) => r.userid === u));
  const decided = await file(sales1[0]!);
  await file(sales1[1]!);
  await file(sales2);
  const sup = await teamToken(demoApp, 'chenjing');
  expect((await api(demoApp, sup, 'POST', `/team/v1/approvals/${decided}/decision`, { decision: 'approve', note: '同意' })).status).toBe(200);

  // 刘洋 (销售一部) notes a habit as a personal tag, then shares it as a company descriptor.
  const customer = customersOf('liuyang')[0]!;
  await signInAs(page, demoApp, 'liuyang');
  await openCustomerByKeyboard(page, customer.name, customer.name);
  await page.locator('body').press('p');
  const input = page.getByTestId('quickadd-personal-input');
  await input.fill('偏爱深夜沟通');
  await pickOption(page, input, '新建个人标签「偏爱深夜沟通」');
  await expect(page.getByTestId('column-personal').getByTestId('personal-chip').filter({ hasText: '偏爱深夜沟通' })).toBeVisible();

  await page.getByTestId('view-share').click();
  const row = page.getByTestId('descriptor-sharing').locator('li').filter({ hasText: '偏爱深夜沟通' });
  await expect(row).toContainText('1 位客户');
  await row.getByTestId('share-select').selectOption({ label: '消费时段敏感型' });
  const consent = row.getByTestId('share-consent');
  await expect(consent).toContainText('标签原文和你的姓名不会发送');
  await page.screenshot({ path: '/tmp/shots-dashboard-consent.png' });
  await expect(row.getByTestId('share-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('share-state')).toHaveText('已共享为「消费时段敏感型」');
  await expect(row).toContainText('1 位客户 · 刚刚');
  await page.screenshot({ path: '/tmp/shots-dashboard-shared.png' });

  // What the supervisor's figures must be, from the simulator and the team API.
  const rels = await simRelations(demoApp.simUrl!, team1);
  const customers = new Set(rels.map((r) => r.externalUserid));
  const stageGroup = c.tagGroups.find((g) => g.group_name === '客户阶段')!;
  const expectedStage = stageGroup.tags.map((t) => [t.name, new Set(rels.filter((r) => r.tagIds.includes(t.id)).map((r) => r.externalUserid)).size] as const).filter(([, n]) => n > 0);
  const rfm = await api<{ quadrants: Record<string, number>; scored: number }>(demoApp, sup, 'POST', '/team/v1/automation/rfm', { sample: 0 });
  expect(rfm.value.scored).toBeGreaterThan(0);
  const allCustomers = new Set(c.relations.filter((r) => !c.staff.find((s) => s.userid === r.userid)?.resigned).map((r) => r.external_userid));
  expect(customers.size).toBeLessThan(allCustomers.size);

  // 陈静 on her own desk.
  const desk = await startApp({ teamServerUrl: demoApp.teamServerUrl! });
  try {
    const boss = await (await browser.newContext({ viewport: { width: 360, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    const cspViolations: string[] = [];
    boss.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    await signInAs(boss, desk, 'chenjing');
    await boss.getByTestId('view-admin').click();
    await boss.getByTestId('view-dashboard').click();
    const dash = boss.getByTestId('dashboard');
    await expect(boss.getByTestId('dash-scope')).toHaveText(`本团队 · ${team1.length} 位成员`, { timeout: 30_000 });
    await expect(boss.getByTestId('dash-kpi-customers-value')).toHaveText(customers.size.toLocaleString('zh-CN'));

    // Tag distribution of 客户阶段, tag by tag.
    await boss.getByTestId('dash-dist-group').selectOption({ label: '客户阶段' });
    const dist = boss.getByTestId('dash-dist-table');
    await expect(dist.locator('tbody tr')).toHaveCount(stageGroup.tags.length);
    for (const [name, n] of expectedStage) await expect(dist.locator(`tr[data-key="${name}"] td`)).toHaveText(String(n));
    await expect(dash.locator('.recharts-bar-rectangle').first()).toBeVisible();

    // RFM quadrants as the team API computes them for her scope.
    for (const [q, n] of Object.entries(rfm.value.quadrants)) await expect(boss.getByTestId('dash-rfm-table').locator(`tr[data-key="${q}"] td`)).toHaveText(String(n));

    // Rule hits on her team's relations, as the backtest foretold; approvals of her team only.
    await expect(boss.getByTestId('dash-rules-table').locator('tr[data-key="到店客户需上门安装"] td').first()).toHaveText(String(expectedHits));
    await expect(boss.getByTestId('dash-kpi-pending-value')).toHaveText('1');
    await expect(boss.getByTestId('dash-sla-table').locator('tr[data-key="按时处理"] td')).toHaveText('1');

    // Company knowledge: 刘洋's one customer; 销售二部's shared customer is not hers.
    await expect(boss.getByTestId('dash-desc-table').locator('tr[data-key="消费时段敏感型"] td')).toHaveText('1');
    const adminView = await api<{ descriptors: { descriptorId: string; customers: number }[]; customers: number }>(demoApp, admin, 'GET', '/team/v1/dashboard');
    expect(adminView.value.descriptors.find((d) => d.descriptorId === 'time-sensitive')!.customers).toBe(2);
    await expect(boss.getByTestId('dash-kpi-customers-value')).not.toHaveText(adminView.value.customers.toLocaleString('zh-CN'));
    expect(customers.has(team2Only)).toBe(false);

    // The charts draw under the app's CSP (style-src 'self'): nothing was refused.
    expect(cspViolations).toEqual([]);
    await boss.screenshot({ path: '/tmp/shots-dashboard-top.png' });
    await boss.getByTestId('dash-sla').scrollIntoViewIfNeeded();
    await boss.screenshot({ path: '/tmp/shots-dashboard-sla.png' });
    await boss.getByTestId('dash-descriptors').scrollIntoViewIfNeeded();
    await boss.screenshot({ path: '/tmp/shots-dashboard-rfm.png' });
    await boss.setViewportSize({ width: 760, height: 1100 });
    await boss.getByTestId('dash-dist').scrollIntoViewIfNeeded();
    await boss.screenshot({ path: '/tmp/shots-dashboard-wide.png', fullPage: true });
  } finally {
    await desk.stop();
  }
});
