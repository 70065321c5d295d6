// Issue 8's acceptance end to end: an admin writes a mute rule in the 屏蔽 view, is told in
// Chinese that a window starting and ending at the same time is wrong, previews the fixed rule
// (the week heatmap marks every hour, the contacts it touches are counted), saves it, and a
// salesperson's panel then shows the verdict line for a customer the rule takes in.
import { test, expect, customersOf, signInAs, openCustomerByKeyboard, startApp } from './fixtures';

const QUIET = ['客户类型:供应商', '客户类型:经销商', '客户类型:代理商', '价值等级:A类客户', '价值等级:VIP', '服务偏好:勿频繁打扰', '售后状态:投诉处理中'];

test('an admin previews and saves a mute rule and the salesperson sees the verdict line', async ({ page, demoApp, browser }, testInfo) => {
  test.setTimeout(150_000); // two desks: the admin's and the salesperson's
  const customer = customersOf('liuyang').find((c) => !c.tags.some((x) => QUIET.includes(x)) && c.tags.some((x) => x.startsWith('年龄段:')))!;
  const match = customer.tags.find((x) => x.startsWith('年龄段:'))!;

  await signInAs(page, demoApp, 'linxue');
  await page.getByTestId('view-mute').click();
  await expect(page.getByTestId('rule-row').filter({ hasText: '合作方夜间静音' })).toBeVisible();
  await page.getByTestId('rule-new').click();

  const editor = page.getByTestId('rule-editor');
  await page.getByTestId('rule-name').fill('测试全天静音');
  await page.getByTestId('rule-match').fill(match);
  await page.getByTestId('rule-priority').fill('900');
  await page.getByTestId('rule-add-window').click();
  await page.getByTestId('window-start').fill('09:00');
  await page.getByTestId('window-end').fill('09:00');
  await expect(editor.getByTestId('err-window-0')).toHaveText('开始和结束时间不能相同');
  await page.screenshot({ path: testInfo.outputPath('mute-invalid-360.png') });
  await page.getByTestId('window-start').fill('00:00');
  await page.getByTestId('window-end').fill('24:00');
  await expect(editor.getByTestId('err-window-0')).toHaveCount(0);
  await expect(page.getByTestId('rule-save')).toBeDisabled(); // not before a preview

  await page.getByTestId('rule-preview-btn').click();
  const heatmap = page.getByTestId('heatmap');
  await expect(heatmap).toBeVisible({ timeout: 30_000 });
  await expect(heatmap.locator('[data-on="true"]')).toHaveCount(7 * 24);
  await expect(page.getByTestId('preview-touches')).toContainText(/影响 [1-9]\d* 位客户/);
  await page.getByTestId('rule-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('mute-preview-360.png') });
  await page.setViewportSize({ width: 640, height: 900 });
  await page.getByTestId('rule-preview').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('mute-preview-640.png') });
  await page.setViewportSize({ width: 360, height: 640 });

  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast')).toContainText('已保存「测试全天静音」');
  await expect(page.getByTestId('rule-row').filter({ hasText: '测试全天静音' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('mute-list-360.png') });

  // 刘洋, on his own desk against the same team server, opens the customer.
  const desk = await startApp({ teamServerUrl: demoApp.teamServerUrl! });
  try {
    const sales = await (await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })).newPage();
    await signInAs(sales, desk, 'liuyang');
    await openCustomerByKeyboard(sales, customer.name, customer.name);
    await expect(sales.getByTestId('mute-line')).toContainText('测试全天静音', { timeout: 30_000 });
  } finally {
    await desk.stop();
  }
});
