// A bulk add by tag-set expression over hundreds of relations: the batch shows its progress
// and an ETA while running, pauses between items, resumes and runs to completion.
import { test, expect, demoTag, signInAs } from './fixtures';

test('a bulk add by expression pauses, resumes and completes', async ({ page, demoApp }, testInfo) => {
  test.setTimeout(180_000);
  const tag = demoTag('抽奖活动');

  await signInAs(page, demoApp, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-bulk').click();
  await page.getByTestId('bulk-mode-query').click();
  await page.getByTestId('bulk-query').fill('地域:华东 或 地域:华南');
  await page.getByTestId('bulk-add').selectOption(tag.id);
  await page.getByTestId('bulk-preview-btn').click();
  await expect(page.getByTestId('bulk-preview')).toContainText('段会变化', { timeout: 30_000 });
  await page.getByTestId('bulk-start').click();

  const detail = page.getByTestId('batch-detail');
  await expect(detail).toHaveAttribute('data-status', 'running');
  await page.getByTestId('batch-pause').click();
  await expect(detail).toHaveAttribute('data-status', 'paused');
  await expect(page.getByTestId('batch-status')).toHaveText('已暂停');
  const progress = page.getByTestId('batch-progress');
  const total = Number(await progress.getAttribute('aria-valuemax'));
  expect(Number(await progress.getAttribute('aria-valuenow'))).toBeLessThan(total);
  await page.setViewportSize({ width: 640, height: 720 });
  await page.screenshot({ path: testInfo.outputPath('bulk-paused-640.png') });
  await page.setViewportSize({ width: 360, height: 640 });

  await page.getByTestId('batch-resume').click();
  await expect(detail).toHaveAttribute('data-status', /running|done/);
  await expect(detail).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await expect(progress).toHaveAttribute('aria-valuenow', String(total));
  await expect(page.getByTestId('batch-undo')).toBeVisible();
});
