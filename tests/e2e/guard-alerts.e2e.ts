// A salesperson moves several customers at once; the supervisor, with 告警 open, sees the alert
// arrive by itself — who, from which device, which customers — opens one of the customers from
// it, reverts the batch after confirming, watches the restoring batch finish, and WeCom holds
// the previous tags again.
import { withDemoTeam, expect, signInAs } from './fixtures';
import type { DemoTeam } from '../../src-server/demo/demo-team';
import { api, relayClient, signIn } from '../integration/team/helpers';

const test = withDemoTeam({ customers: 300, faults: true, reconcileIntervalMs: 0 });

/** Mass change fires at 4 relations in 10 minutes; the other patterns stay quiet. */
async function strictGuardrails(team: DemoTeam): Promise<void> {
  const admin = await signIn(team, 'linxue');
  const policy = (await api<{ revision: number } & Record<string, unknown>>(team, admin, 'GET', '/team/v1/policy')).body.value;
  const guardrails = { massChange: { enabled: true, windowMinutes: 10, minRelations: 4 }, workingHours: { enabled: false }, tagRemoval: { enabled: false }, blockedAttempts: { enabled: false } };
  const saved = await api(team, admin, 'PUT', '/team/v1/policy', { ...policy, revision: policy.revision + 1, guardrails });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

test('a supervisor sees a mass change arrive, reverts it, and WeCom has the previous tags back', async ({ page, team, desk }) => {
  await strictGuardrails(team);
  await signInAs(page, desk, 'chenjing');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-guard').click();
  await expect(page.getByTestId('guard')).toBeVisible();
  await expect(page.getByText('没有待处理的告警')).toBeVisible();

  // 赵磊 adds a 产品偏好 tag to five of his customers within a minute, through the relay as his desktop would.
  const st = team.sim.runtime.state;
  const product = team.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags;
  const rels = [...st.relations.values()].filter((r) => r.userid === 'zhaolei' && product.some((t) => !r.tag_ids.includes(t.id))).slice(0, 5);
  const before = rels.map((r) => [...r.tag_ids].sort());
  const zhaolei = relayClient(team, await signIn(team, 'zhaolei'));
  for (const r of rels) await zhaolei.markTag({ userid: 'zhaolei', external_userid: r.external_userid, add_tag: [product.find((t) => !r.tag_ids.includes(t.id))!.id] });
  expect(rels.map((r) => [...r.tag_ids].sort())).not.toEqual(before);

  // The alert arrives without a reload: who, the pattern, the device, the customers.
  const alert = page.getByTestId('guard-alert');
  await expect(alert).toHaveCount(1, { timeout: 20_000 });
  await expect(alert).toHaveAttribute('data-kind', 'mass_change');
  await expect(alert.getByTestId('guard-alert-summary')).toContainText('赵磊');
  await expect(alert).toContainText('批量改动');
  await expect(alert).toContainText('设备：');
  await expect(page.getByTestId('guard-tab-open')).toContainText('1');
  // The fifth change extends the open alert without an event: the screen's periodic re-read shows it.
  const customers = alert.getByTestId('guard-customer');
  await expect(customers).toHaveCount(rels.length, { timeout: 25_000 });
  const shownIds = await customers.evaluateAll((els) => els.map((e) => e.getAttribute('data-external-userid')));
  expect(shownIds.sort()).toEqual(rels.map((r) => r.external_userid).sort());

  // 赵磊's customers are not on the supervisor's device: a chip shows that customer's tags in WeCom now.
  const first = rels[0]!;
  const added = product.find((t) => st.relation('zhaolei', first.external_userid)!.tag_ids.includes(t.id) && !before[0]!.includes(t.id))!;
  const chip = customers.and(page.locator(`[data-external-userid="${first.external_userid}"]`));
  await expect(chip).toHaveAttribute('data-local', 'false');
  // …yet it is named: the team server reads the name from WeCom for the supervisor's scope.
  await expect(chip).toHaveText(team.sim.company.customers.find((c) => c.external_userid === first.external_userid)!.name);
  await chip.click();
  const peek = alert.getByTestId('guard-peek');
  await expect(peek).toContainText('赵磊');
  await expect(peek).toContainText(`产品偏好:${added.name}`);
  await page.screenshot({ path: '/tmp/shots-guard-alerts.png', fullPage: true });
  await chip.click();
  await expect(peek).toHaveCount(0);

  // Revert asks first; cancelling changes nothing.
  await alert.getByTestId('guard-revert').click();
  await expect(alert).toContainText(`将把 ${rels.length} 位客户的 ${rels.length} 处标签恢复到改动之前`);
  await alert.getByRole('button', { name: '取消' }).click();
  await expect(alert.getByTestId('guard-revert-confirm')).toHaveCount(0);
  await alert.getByTestId('guard-revert').click();
  await alert.getByTestId('guard-revert-confirm').click();

  // The alert moves to 已处理 with the restoring batch's outcome.
  await expect(page.getByTestId('guard-list-open')).toHaveCount(0);
  await page.getByTestId('guard-tab-closed').click();
  const handled = page.getByTestId('guard-alert');
  await expect(handled).toHaveAttribute('data-status', 'reverted');
  await expect(handled.getByTestId('guard-alert-status')).toHaveText('已撤销');
  await expect(handled.getByTestId('guard-batch')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(handled.getByTestId('guard-batch-counts')).toContainText(`${rels.length} / ${rels.length} 位客户`);
  await expect(handled.getByTestId('guard-batch-counts')).toContainText(`恢复 ${rels.length}`);
  await page.screenshot({ path: '/tmp/shots-guard-reverted.png', fullPage: true });

  // WeCom holds exactly the tags from before the mass change.
  expect(rels.map((r) => [...st.relation('zhaolei', r.external_userid)!.tag_ids].sort())).toEqual(before);
});

test('a supervisor dismisses an alert only with a reason, and it is kept under 已处理', async ({ page, team, desk }) => {
  await strictGuardrails(team);
  const st = team.sim.runtime.state;
  const product = team.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags;
  const rels = [...st.relations.values()].filter((r) => r.userid === 'zhaolei' && product.some((t) => !r.tag_ids.includes(t.id))).slice(0, 4);
  const zhaolei = relayClient(team, await signIn(team, 'zhaolei'));
  for (const r of rels) await zhaolei.markTag({ userid: 'zhaolei', external_userid: r.external_userid, add_tag: [product.find((t) => !r.tag_ids.includes(t.id))!.id] });
  const after = rels.map((r) => [...r.tag_ids].sort());

  await signInAs(page, desk, 'chenjing');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-guard').click();
  const alert = page.getByTestId('guard-alert');
  await expect(alert).toHaveCount(1, { timeout: 20_000 });
  await alert.getByTestId('guard-dismiss').click();
  await alert.getByTestId('guard-dismiss-confirm').click();
  await expect(alert.getByRole('alert')).toHaveText('请填写处理说明');
  await alert.getByTestId('guard-dismiss-note').fill('已与赵磊确认，是季度客户分层调整');
  await alert.getByTestId('guard-dismiss-confirm').click();
  await expect(page.getByText('没有待处理的告警')).toBeVisible();
  await page.getByTestId('guard-tab-closed').click();
  await expect(page.getByTestId('guard-alert')).toHaveAttribute('data-status', 'dismissed');
  await expect(page.getByTestId('guard-alert')).toContainText('已与赵磊确认，是季度客户分层调整');
  // Dismissing leaves WeCom as it is.
  expect(rels.map((r) => [...st.relation('zhaolei', r.external_userid)!.tag_ids].sort())).toEqual(after);
});

test('a member suspended after repeated blocked saves is lifted by their supervisor after confirming', async ({ page, team, desk }) => {
  const admin = await signIn(team, 'linxue');
  const policy = (await api<{ revision: number } & Record<string, unknown>>(team, admin, 'GET', '/team/v1/policy')).body.value;
  const guardrails = { massChange: { enabled: false }, workingHours: { enabled: false }, tagRemoval: { enabled: false }, blockedAttempts: { enabled: true, windowMinutes: 60, threshold: 3, suspend: true } };
  expect((await api(team, admin, 'PUT', '/team/v1/policy', { ...policy, revision: policy.revision + 1, guardrails })).status).toBe(200);
  await signInAs(page, desk, 'chenjing');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-guard').click();
  await expect(page.getByText('没有待处理的告警')).toBeVisible();

  // 赵磊's desktop reports three saves its linter refused (categories only, as it does).
  const zhaolei = await signIn(team, 'zhaolei');
  for (let i = 0; i < 3; i++) expect((await api(team, zhaolei, 'POST', '/team/v1/guard/blocked', { field: 'remark', categories: ['pii.id_card'] })).status).toBe(200);
  expect((await api<{ suspended: boolean }>(team, zhaolei, 'GET', '/team/v1/guard/me')).body.value.suspended).toBe(true);

  // The alert has nothing to revert; the member is listed as suspended.
  const alert = page.getByTestId('guard-alert');
  await expect(alert).toHaveAttribute('data-kind', 'blocked_attempts', { timeout: 20_000 });
  await expect(alert.getByTestId('guard-revert')).toHaveCount(0);
  await expect(alert).toContainText('没有可撤销的标签改动');
  await page.getByTestId('guard-tab-suspended').click();
  const row = page.getByTestId('guard-suspension');
  await expect(row).toHaveAttribute('data-userid', 'zhaolei');
  await expect(row).toContainText('赵磊');
  await row.getByTestId('guard-lift').click();
  await expect(row).toContainText('解除后 赵磊 可以重新修改标签');
  await page.screenshot({ path: '/tmp/shots-guard-suspended.png' });
  await row.getByTestId('guard-lift-note').fill('已提醒不要在备注中写身份证号');
  await row.getByTestId('guard-lift-confirm').click();
  await expect(page.getByText('没有被暂停打标签的成员')).toBeVisible();
  expect((await api<{ suspended: boolean }>(team, zhaolei, 'GET', '/team/v1/guard/me')).body.value.suspended).toBe(false);
});
