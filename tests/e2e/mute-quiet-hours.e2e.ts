// A salesperson in the 屏蔽 view: the company's rules are there to read but not to change, and
// their own quiet hours are theirs to write — previewed over their own customers, then saved.
import { test, expect, customersOf, openCustomerByKeyboard, signInAs } from './fixtures';

test('a salesperson reads company rules and saves their own quiet hours', async ({ page, demoApp }, testInfo) => {
  test.setTimeout(90_000);
  await signInAs(page, demoApp, 'liuyang');
  await page.getByTestId('view-mute').click();
  const company = page.getByTestId('rule-row').filter({ hasText: '合作方夜间静音' });
  await expect(company).toBeVisible();
  await company.getByRole('button').click();
  await expect(page.getByTestId('rule-editor')).toBeVisible();
  await expect(page.getByTestId('rule-name')).toBeDisabled();
  await expect(page.getByTestId('rule-save')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByTestId('rule-new').click();
  await expect(page.getByTestId('rule-everyone')).toHaveCount(0); // own rules cover only themselves
  await page.getByTestId('rule-name').fill('午休免打扰');
  await page.getByTestId('rule-match').fill('客户类型:个人客户 且 (');
  await expect(page.getByTestId('err-match')).toContainText('标签表达式有误');
  await page.getByTestId('rule-match').fill('客户类型:个人客户');
  await expect(page.getByTestId('err-match')).toHaveCount(0);
  await page.getByTestId('rule-add-window').click();
  await page.getByTestId('window-start').fill('12:00');
  await page.getByTestId('window-end').fill('13:30');
  await page.getByTestId('rule-preview-btn').click();
  await expect(page.getByTestId('heatmap').locator('[data-on="true"]')).toHaveCount(7 * 2, { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('quiet-hours-360.png') });
  await page.getByTestId('rule-save').click();
  await expect(page.getByTestId('toast')).toContainText('已保存「午休免打扰」');
  await expect(page.getByTestId('rule-row').filter({ hasText: '午休免打扰' })).toContainText('个人', { timeout: 20_000 });

  // Opening a customer from here shows the customer.
  const customer = customersOf('liuyang')[0]!;
  await openCustomerByKeyboard(page, customer.name, customer.name);
  await expect(page.getByTestId('view-customer')).toHaveAttribute('aria-selected', 'true');
});
