// The screen watermark: off by default; when the company's policy turns it on, the open panel
// shows the member's name and id faintly over everything — and clicks still reach the controls.
import { test, expect, signInAs, teamToken } from './fixtures';

test('the policy turns the watermark on; it names the member and lets clicks through', async ({ page, demoApp }, testInfo) => {
  await signInAs(page, demoApp, 'liuyang');
  await expect(page.getByTestId('watermark')).toHaveCount(0);

  const admin = await teamToken(demoApp, 'linxue');
  const headers = { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' };
  const current = ((await (await fetch(`${demoApp.teamServerUrl}/team/v1/policy`, { headers })).json()) as { value: { revision: number } }).value;
  const saved = await fetch(`${demoApp.teamServerUrl}/team/v1/policy`, { method: 'PUT', headers, body: JSON.stringify({ ...current, revision: current.revision + 1, watermark: { enabled: true, opacity: 0.08 } }) });
  expect(saved.status).toBe(200);

  const mark = page.getByTestId('watermark');
  await expect(mark).toBeVisible();
  await expect(mark.locator('span').first()).toContainText('刘洋 liuyang');
  // Playwright refuses to click an element another one covers for pointer events: this click proves the mark lets it through.
  await page.getByTestId('search').click();
  await expect(page.getByTestId('search')).toBeFocused();
  await page.getByTestId('search').fill('刘');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByTestId('customer-name')).toBeVisible();
  const shot = await page.screenshot({ path: testInfo.outputPath('watermark.png') });
  await testInfo.attach('watermark', { body: shot, contentType: 'image/png' });
});
