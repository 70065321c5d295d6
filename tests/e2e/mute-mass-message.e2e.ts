// A salesperson composes a tag-targeted mass message: the preview counts the customers the
// expression takes in and leaves out one who asked not to be disturbed (the company's
// 勿扰与投诉客户不群发 rule), naming the rule; the text is linted as it is typed.
import { test, expect, customersOf, signInAs } from './fixtures';

test('a mass message preview excludes a suppressed customer', async ({ page, demoApp }, testInfo) => {
  test.setTimeout(90_000);
  const mine = customersOf('liuyang');
  const quiet = mine.find((c) => c.tags.includes('服务偏好:勿频繁打扰'))!;
  const region = quiet.tags.find((x) => x.startsWith('地域:'))!;

  await signInAs(page, demoApp, 'liuyang');
  await page.getByTestId('view-messages').click();
  await page.getByTestId('mass-expression').fill(region);
  const text = page.getByTestId('mass-text');
  await text.fill('双十一会员日，到店即送滤芯一套，联系人身份证号 110101199003077777');
  await expect(page.getByTestId('lint-notice')).toBeVisible();
  await text.fill('双十一会员日，到店即送滤芯一套，欢迎回复预约。');
  await expect(page.getByTestId('lint-notice')).toHaveCount(0);
  await page.getByTestId('mass-preview').click();

  const result = page.getByTestId('mass-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('mass-suppressed')).not.toHaveText('0');
  const excluded = page.getByTestId('mass-excluded').locator('li').filter({ hasText: quiet.name });
  await expect(excluded).toContainText('勿扰与投诉客户不群发');
  await expect(page.getByTestId('mass-sample')).not.toContainText(quiet.name);
  const matched = Number(await page.getByTestId('mass-matched').textContent());
  const recipients = Number(await page.getByTestId('mass-recipients').textContent());
  expect(recipients).toBeLessThan(matched);
  await expect(page.getByTestId('mass-submit')).toContainText(`${recipients} 人`);
  await page.screenshot({ path: testInfo.outputPath('mass-360.png') });

  // Changing the text after the preview asks for a new one before anything is sent.
  await text.fill('双十一会员日，到店即送滤芯一套。');
  await expect(page.getByTestId('mass-submit')).toBeDisabled();
  await page.getByTestId('mass-preview').click();
  await expect(page.getByTestId('mass-submit')).toBeEnabled();
  await page.getByTestId('mass-submit').click();
  await expect(page.getByTestId('mass-submitted')).toContainText(`已提交给`, { timeout: 30_000 });
});
