// A CSV tag import in the 批量 view: the preview names the row with an unknown tag and suggests
// the closest existing one; the admin imports the good rows, skipping the bad one, as a batch.
import { test, expect, customersOf, signInAs } from './fixtures';

test('an import preview shows a row error with a suggestion and commits the good rows as a batch', async ({ page, demoApp }) => {
  test.setTimeout(90_000);
  const [a, b, c] = customersOf('liuyang').filter((x) => !x.tags.includes('活动参与:会员日'));
  const csv = ['客户ID,跟进成员,标签', `${a!.externalUserid},liuyang,会员日`, `${b!.externalUserid},liuyang,会员曰`, `${c!.externalUserid},liuyang,会员日`].join('\r\n');

  await signInAs(page, demoApp, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-bulk').click();
  await page.getByTestId('bulk-tab-import').click();
  await page.getByTestId('import-file').setInputFiles({ name: '会员日.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('import-preview')).toContainText('3 行 · 2 行可导入 · 1 处错误', { timeout: 30_000 });
  const error = page.getByTestId('import-errors');
  await expect(error).toContainText('第 3 行');
  await expect(error).toContainText('会员日');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await page.getByText('跳过有错误的行').click();
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('toast')).toContainText('已开始导入 2 行，跳过 1 行');
  await expect(page.getByTestId('batch-detail')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.getByTestId('batch-counts')).toContainText('成功 2');
});
