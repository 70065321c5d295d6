// An admin deletes a tag a few dozen customers carry: it is gone from WeCom, the recycle bin
// lists it with the time left of its 72 hours, and restoring it recreates the tag in WeCom (a
// new id, same group and name) and puts it back on exactly the same customers, as a batch.
import { test, expect, signInAs, teamToken, demoTag } from './fixtures';
import { simCatalog, simRelations, simTag, teamCall } from './sim-truth';

test('a deleted tag is restored from the recycle bin within 72 h, in WeCom and on the same customers', async ({ page, demoApp }) => {
  test.setTimeout(150_000);
  const tag = demoTag('朋友圈广告');
  const before = await simRelations(demoApp);
  const holders = [...before].filter(([, tags]) => tags.includes(tag.id)).map(([key]) => key);
  expect(holders.length).toBeGreaterThan(5);

  // The delete (from the catalog admin's API): gone from WeCom.
  const admin = await teamToken(demoApp, 'linxue');
  const out = await teamCall<{ status: string }>(demoApp, admin, 'POST', '/team/v1/catalog/delete', { tagIds: [tag.id] });
  expect(out.status).toBe('deleted');
  expect((await simCatalog(demoApp)).flatMap((g) => g.tag).some((t) => t.id === tag.id)).toBe(false);
  expect(await simTag(demoApp, tag.group, tag.name)).toBeNull();
  expect([...(await simRelations(demoApp)).values()].some((tags) => tags.includes(tag.id))).toBe(false);

  await signInAs(page, demoApp, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-bulk').click();
  await page.getByTestId('bulk-tab-recycle').click();
  const row = page.getByTestId('recycle-row').filter({ hasText: tag.name });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText(`${tag.group} · ${holders.length} 位客户`);
  // Within the window: about 72 hours left.
  await expect(row).toContainText('2 天后清除'); // 72 h from now: just under 3 days left
  await page.screenshot({ path: '/tmp/shots-snap-recycle-bin.png' });

  await row.getByRole('button', { name: '恢复' }).click();
  const detail = page.getByTestId('batch-detail');
  await expect(detail).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('batch-counts')).toContainText(`成功 ${holders.length}`);
  await expect(page.getByTestId('batch-counts')).toContainText('失败 0');
  await page.screenshot({ path: '/tmp/shots-snap-recycle-restored.png' });

  // WeCom: the tag is back under a new id in its group, on exactly the same relations.
  const back = await simTag(demoApp, tag.group, tag.name);
  expect(back).not.toBeNull();
  expect(back!.id).not.toBe(tag.id);
  const after = await simRelations(demoApp);
  const carriers = [...after].filter(([, tags]) => tags.includes(back!.id)).map(([key]) => key);
  expect(carriers.sort()).toEqual([...holders].sort());

  // The bin shows it restored, and it cannot be restored twice.
  await page.getByTestId('bulk-tab-recycle').click();
  await page.getByText('包括已恢复和已过期的').click();
  await expect(page.getByTestId('recycle-row').filter({ hasText: tag.name })).toContainText('已恢复');
});
