// An operations admin pastes customer ids, adds a tag to all of them as one batch, watches the
// progress bar run to completion with per-customer results, then undoes the whole batch and
// every customer loses the tag again.
import { test, expect, customersOf, demoTag, signInAs } from './fixtures';

test('a bulk add over pasted ids runs to completion and its undo restores the customers', async ({ page, demoApp }, testInfo) => {
  test.setTimeout(120_000);
  const tag = demoTag('新品试用');
  const picked = customersOf('liuyang').filter((c) => !c.tags.includes(tag.ref)).slice(0, 6);
  expect(picked).toHaveLength(6);

  await signInAs(page, demoApp, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-bulk').click();
  await page.getByTestId('bulk-ids').fill(`${picked.map((c) => c.externalUserid).join('\n')}\n`);
  await expect(page.getByTestId('bulk-form')).toContainText('已识别 6 个 ID');
  await page.getByTestId('bulk-add').selectOption(tag.id);
  await expect(page.getByTestId('bulk-add-chip')).toHaveText(tag.name);
  await expect(page.getByTestId('bulk-start')).toBeDisabled(); // not before a preview
  await page.getByTestId('bulk-preview-btn').click();
  await expect(page.getByTestId('bulk-preview')).toContainText('6 位客户', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('bulk-form-360.png') });
  await page.getByTestId('bulk-start').click();

  const detail = page.getByTestId('batch-detail');
  await expect(detail).toBeVisible();
  await expect(detail).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const progress = page.getByTestId('batch-progress');
  const total = Number(await progress.getAttribute('aria-valuemax'));
  expect(total).toBeGreaterThanOrEqual(6);
  await expect(progress).toHaveAttribute('aria-valuenow', String(total));
  await expect(page.getByTestId('batch-counts')).toContainText('失败 0');
  await expect(page.getByTestId('batch-item').filter({ hasText: `+${tag.name}` }).first()).toBeVisible();
  await expect(page.locator('[data-testid="batch-item"]:not([data-status="done"])')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('bulk-done-360.png') });
  await page.setViewportSize({ width: 640, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('bulk-done-640.png') });
  await page.setViewportSize({ width: 360, height: 640 });
  const firstId = await detail.getAttribute('data-batch-id');

  // Undo: a new batch takes the tag off every relation it was added to.
  await page.getByTestId('batch-undo').click();
  await expect(page.getByTestId('toast')).toContainText('已开始撤销');
  await expect(detail).not.toHaveAttribute('data-batch-id', firstId!);
  await expect(detail).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('batch-counts')).toContainText('失败 0');
  const items = page.getByTestId('batch-item');
  await expect(items.first()).toBeVisible();
  await expect(items.filter({ hasText: `−${tag.name}` })).toHaveCount(await items.count());
  for (const c of picked.slice(0, 3)) await expect(items.filter({ hasText: c.externalUserid }).first()).toHaveAttribute('data-status', 'done');

  // The original batch is marked undone in the list.
  await detail.getByRole('button', { name: '批次' }).click();
  const rows = page.getByTestId('batch-row');
  await expect(rows.filter({ hasText: '已撤销' })).toHaveCount(1);
});
