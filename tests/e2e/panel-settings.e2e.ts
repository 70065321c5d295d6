// Settings from the status bar: the team server cannot be changed while signed in, a malformed
// shortcut is refused with the reason, the date format is kept, and the personal tags are
// exported to a file the member keeps.
import { readFileSync } from 'node:fs';
import { test, expect, demoCompany, signInAs, openCustomerByKeyboard, pickOption } from './fixtures';

test('settings: server locked while signed in, shortcut validated, date format kept, personal tags exported to a file', async ({ page, demoApp }, testInfo) => {
  const c = demoCompany();
  const names = c.relations.filter((r) => r.userid === 'liuyang').map((r) => c.customers.find((x) => x.external_userid === r.external_userid)!.name);
  const customer = names.find((n) => n.length >= 2 && names.filter((m) => m === n).length === 1)!;
  await signInAs(page, demoApp, 'liuyang');
  await openCustomerByKeyboard(page, customer, customer);
  await page.locator('body').press('p');
  const input = page.getByTestId('quickadd-personal-input');
  await input.fill('喜欢圆领');
  await pickOption(page, input, '新建个人标签「喜欢圆领」');
  await expect(page.getByTestId('personal-chip').filter({ hasText: '喜欢圆领' })).toBeVisible();

  await page.getByTestId('open-settings').click();
  const settings = page.getByTestId('settings');
  await expect(settings.getByRole('textbox', { name: '团队服务器' })).toBeDisabled();
  await expect(settings).toContainText('退出登录后才能更换团队服务器');

  const shortcut = settings.getByRole('textbox', { name: '唤起面板的快捷键' });
  await shortcut.fill('K');
  await shortcut.press('Enter');
  await expect(page.getByTestId('settings-error-shortcut')).toContainText('快捷键格式不正确');
  await expect(settings).toContainText('浏览器模式不支持全局快捷键');

  await settings.getByRole('combobox', { name: '日期与数字格式' }).selectOption('en-US');
  await expect(settings).toContainText('已保存');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-personal').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^tagdesk-个人标签-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = JSON.parse(readFileSync((await file.path()), 'utf8')) as { schema: string; tags: Array<{ name: string; customers: Array<{ name: string }> }> };
  expect(saved.schema).toBe('tagdesk.personal-tags');
  expect(saved.tags.find((t) => t.name === '喜欢圆领')?.customers.map((x) => x.name)).toEqual([customer]);
  await page.screenshot({ path: testInfo.outputPath('settings.png') });

  // The choice survives a reload.
  await page.reload();
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings').getByRole('combobox', { name: '日期与数字格式' })).toHaveValue('en-US');
});
