// The approval flow across two desks: a salesperson asks for a sensitive enterprise tag from
// the panel (with a reason), their supervisor sees it in the 审批 queue with its time left and
// approves it, and the salesperson's chip stops waiting.
import { test, expect, demoCompany, signInAs, openCustomerByKeyboard, pickOption, startApp } from './fixtures';

test('a supervisor sees a request filed from the panel in the queue and approves it', async ({ page, demoApp, browser }, testInfo) => {
  test.setTimeout(120_000); // two desks: the salesperson's app and the supervisor's
  const c = demoCompany();
  const values = c.tagGroups.find((g) => g.group_name === '价值等级')!;
  const byId = new Map(c.customers.map((x) => [x.external_userid, x]));
  const relations = c.relations.filter((r) => r.userid === 'liuyang');
  const names = relations.map((r) => byId.get(r.external_userid)!.name);
  const relation = relations.find((r) => names.filter((n) => n === byId.get(r.external_userid)!.name).length === 1 && !r.tag_ids.includes(values.tags.find((t) => t.name === 'VIP')!.id))!;
  const customer = byId.get(relation.external_userid)!;

  // 刘洋 asks for VIP on one of his customers.
  await signInAs(page, demoApp, 'liuyang');
  await openCustomerByKeyboard(page, customer.name, customer.name);
  await page.locator('body').press('t');
  const input = page.getByTestId('quickadd-enterprise-input');
  await input.fill('VIP');
  await pickOption(page, input, 'VIP');
  const form = page.getByTestId('approval-form');
  await expect(form).toContainText('VIP');
  await expect(page.getByTestId('approval-submit')).toBeDisabled(); // a reason is required
  await page.getByTestId('approval-reason').fill('客户年采购额超过 50 万，符合 VIP 标准');
  await page.getByTestId('approval-submit').click();
  await expect(page.getByTestId('toast')).toContainText('已提交审批');
  const chip = page.getByTestId('enterprise-chip').filter({ hasText: 'VIP' });
  await expect(chip).toHaveAttribute('data-state', 'awaiting-approval', { timeout: 20_000 });
  await expect(chip).toHaveAccessibleName(/等待审批/);

  // 陈静, his supervisor, on her own desk against the same team server.
  const desk = await startApp({ teamServerUrl: demoApp.teamServerUrl! });
  try {
    const boss = await (await browser.newContext({ viewport: { width: 360, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signInAs(boss, desk, 'chenjing');
    await boss.getByTestId('view-approvals').click();
    const row = boss.getByTestId('queue-row').filter({ hasText: 'VIP' }).filter({ hasText: '刘洋' });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText('客户年采购额超过 50 万');
    await expect(row.getByTestId('sla')).toContainText('剩');
    await boss.screenshot({ path: testInfo.outputPath('queue-360.png') });
    await row.getByTestId('approve').click();
    await expect(row).toHaveCount(0);

    // The team record shows what happened on her team's customers.
    await boss.getByTestId('view-team').click();
    await expect(boss.getByTestId('team-history')).toContainText('VIP', { timeout: 20_000 });
    await boss.screenshot({ path: testInfo.outputPath('team-360.png') });
  } finally {
    await desk.stop();
  }

  // The salesperson's chip stops waiting once the decision reaches his desk.
  await expect(chip).not.toHaveAttribute('data-state', /awaiting-approval|rejected/, { timeout: 20_000 });
});
