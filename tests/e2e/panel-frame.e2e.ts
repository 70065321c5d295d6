// The panel frame in browser mode shows facts that come from main over the typed contract.
import { test, expect } from './fixtures';
import { readFileSync } from 'node:fs';

const pkgVersion = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

test('the panel opens in browser mode and shows version, data folder and store health from main', async ({ page, app }, testInfo) => {
  await page.goto(app.launchUrl);
  await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'true');

  // The token left the address bar as soon as the page took it.
  expect(page.url()).not.toContain('token=');

  await expect(page.getByTestId('member')).toHaveText('未登录');
  await expect(page.getByTestId('connection')).toContainText('未连接团队服务器');
  await expect(page.getByTestId('customer-area')).toContainText('尚未打开客户');
  await expect(page.getByRole('searchbox')).toBeDisabled();

  await page.getByTestId('status-toggle').click();
  await expect(page.getByTestId('diag-version')).toHaveText(pkgVersion);
  await expect(page.getByTestId('diag-mode')).toHaveText('浏览器模式');
  await expect(page.getByTestId('diag-data-dir')).toHaveText(app.dataDir);
  await expect(page.getByTestId('diag-journal')).toHaveText('WAL');
  await expect(page.getByTestId('diag-synchronous')).toHaveText('FULL');
  await expect(page.getByTestId('diag-integrity')).toHaveText('正常');
  await expect(page.getByTestId('diag-secrets')).toHaveText('仅内存（退出后需重新登录）');

  const shot = await page.screenshot({ path: testInfo.outputPath('panel-frame.png') });
  await testInfo.attach('panel-frame', { body: shot, contentType: 'image/png' });
});

test('a reload keeps working with the token kept for this tab', async ({ page, app }) => {
  await page.goto(app.launchUrl);
  await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'true');
  await page.reload();
  await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('opening the page without the token shows a clear Chinese error instead of data', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('alert')).toContainText('访问令牌无效');
  await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'false');
});

test('the page is served with a strict Content-Security-Policy', async ({ request, app }) => {
  const res = await request.get(app.url);
  expect(res.status()).toBe(200);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp.startsWith("default-src 'none'")).toBe(true);
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
});
