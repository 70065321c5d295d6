// Signing in the WeCom way on the embedded demo: the panel opens WeCom's login page (the
// simulator's member list, as a QR scan would), the member picks themselves, and the panel
// shows who is signed in — then signing out returns to the signed-out panel.
import { test, expect } from './fixtures';

test('a salesperson signs in through the WeCom login page and signs out again', async ({ page, demoApp }, testInfo) => {
  await page.goto(demoApp.launchUrl);
  await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('connection')).toContainText('在线');
  await expect(page.getByTestId('member')).toHaveText('未登录');

  const popupPromise = page.waitForEvent('popup');
  await page.getByTestId('sign-in').click();
  const login = await popupPromise;
  await expect(login.getByText('企业微信登录（模拟）')).toBeVisible();
  await login.locator('a[data-userid="liuyang"]').click();
  await expect(login.getByText('登录成功')).toBeVisible();

  await expect(page.getByTestId('member')).toHaveText('刘洋 · 销售一部');
  await expect(page.getByRole('searchbox')).toBeEnabled();
  const shot = await page.screenshot({ path: testInfo.outputPath('signed-in.png') });
  await testInfo.attach('signed-in', { body: shot, contentType: 'image/png' });

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('member')).toHaveText('未登录');
  await expect(page.getByTestId('sign-in')).toBeVisible();
});

test('a reload keeps the member signed in (the token is in the secret store, not the page)', async ({ page, demoApp }) => {
  await page.goto(demoApp.launchUrl);
  const popupPromise = page.waitForEvent('popup');
  await page.getByTestId('sign-in').click();
  const login = await popupPromise;
  await login.locator('a[data-userid="chenjing"]').click();
  await expect(page.getByTestId('member')).toHaveText('陈静 · 销售一部');
  await page.reload();
  await expect(page.getByTestId('member')).toHaveText('陈静 · 销售一部');
});
