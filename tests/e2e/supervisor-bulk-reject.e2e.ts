// A supervisor turns down several requests at once: the reason is required, the queue empties,
// and the salesperson sees the reason on the chip itself.
import type { Page } from '@playwright/test';
import { test, expect, demoCompany, signInAs, openCustomerByKeyboard, pickOption, startApp } from './fixtures';

/** Two of 刘洋's customers with unique names that do not carry 高净值客户 yet. */
function twoCustomers() {
  const c = demoCompany();
  const byId = new Map(c.customers.map((x) => [x.external_userid, x]));
  const relations = c.relations.filter((r) => r.userid === 'liuyang');
  const names = relations.map((r) => byId.get(r.external_userid)!.name);
  const wanted = c.tagGroups.find((g) => g.group_name === '价值等级')!.tags.find((t) => t.name === '高净值客户')!;
  return relations
    .filter((r) => !r.tag_ids.includes(wanted.id))
    .map((r) => byId.get(r.external_userid)!)
    .filter((x) => names.filter((n) => n === x.name).length === 1)
    .slice(-2);
}

async function requestHighValue(page: Page, name: string): Promise<void> {
  await openCustomerByKeyboard(page, name, name);
  await page.locator('body').press('t');
  const input = page.getByTestId('quickadd-enterprise-input');
  await input.fill('gjz');
  await pickOption(page, input, '高净值客户');
  await page.getByTestId('approval-reason').fill('客户资产情况需要主管确认');
  await page.getByTestId('approval-submit').click();
  await expect(page.getByTestId('enterprise-chip').filter({ hasText: '高净值客户' })).toHaveAttribute('data-state', 'awaiting-approval', { timeout: 20_000 });
}

test('a supervisor rejects two requests at once with a reason, and the salesperson sees it on the chip', async ({ page, demoApp, browser }, testInfo) => {
  test.setTimeout(120_000); // two desks: the salesperson's app and the supervisor's
  const [first, second] = twoCustomers();
  await signInAs(page, demoApp, 'liuyang');
  await requestHighValue(page, first!.name);
  await requestHighValue(page, second!.name);

  const desk = await startApp({ teamServerUrl: demoApp.teamServerUrl! });
  try {
    const boss = await (await browser.newContext({ viewport: { width: 360, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signInAs(boss, desk, 'chenjing');
    await boss.getByTestId('view-approvals').click();
    const rows = boss.getByTestId('queue-row').filter({ hasText: '高净值客户' });
    await expect(rows).toHaveCount(2, { timeout: 20_000 });
    await boss.screenshot({ path: testInfo.outputPath('queue-two-requests.png') });
    await boss.getByLabel('全选').check();
    await boss.getByRole('button', { name: '驳回' }).first().click();
    const reason = boss.getByTestId('reject-reason');
    await expect(boss.getByTestId('decision-confirm')).toBeDisabled(); // no reason, no rejection
    await reason.fill('缺少资产证明');
    await boss.getByTestId('decision-confirm').click();
    await expect(rows).toHaveCount(0);
  } finally {
    await desk.stop();
  }

  // The open customer's chip turns red and carries the reason.
  const chip = page.getByTestId('enterprise-chip').filter({ hasText: '高净值客户' });
  await expect(chip).toHaveAttribute('data-state', 'rejected', { timeout: 20_000 });
  await expect(chip).toHaveAccessibleName(/缺少资产证明/);
  await chip.focus();
  await expect(chip).toHaveAttribute('data-tip', /缺少资产证明/);
});
