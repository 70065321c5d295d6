// A point-in-time restore in the 时光机 view: an admin takes a snapshot; afterwards a tag is
// renamed, another deleted, and tags are added and removed on customers in WeCom. The admin
// looks up a customer's tags as of the snapshot (the deleted tag shows as removed since),
// previews the restore (the rename, the recreation, per-tag counts with sample customers),
// confirms, follows the batch to the end, and WeCom then holds what it held at the snapshot.
import { test, expect, signInAs, teamToken, demoTag, demoCompany } from './fixtures';
import { simMarkTag, simRelations, simTag, teamCall } from './sim-truth';

test('a point-in-time restore previews the changes since T and brings WeCom back to T', async ({ page, demoApp }) => {
  test.setTimeout(180_000);
  await signInAs(page, demoApp, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-snapshots').click();
  await page.getByTestId('snap-reason').fill('活动调整前');
  await page.getByTestId('snap-take').click();
  const snapRow = page.getByTestId('snap-row').filter({ hasText: '活动调整前' });
  await expect(snapRow).toBeVisible({ timeout: 60_000 });
  await expect(snapRow).toHaveAttribute('data-kind', 'manual');
  const atT = await simRelations(demoApp);
  await page.waitForTimeout(1500); // the "as of" picker has one-second resolution

  // After T, elsewhere: a rename, a delete, and assignments changed in WeCom's own client.
  const admin = await teamToken(demoApp, 'linxue');
  const renamed = demoTag('展会');
  await teamCall(demoApp, admin, 'POST', `/team/v1/catalog/items/${renamed.id}/edit`, { name: '展会活动' });
  const deleted = demoTag('地推活动');
  const holders = [...atT].filter(([, tags]) => tags.includes(deleted.id)).map(([key]) => key);
  expect(holders.length).toBeGreaterThan(5);
  await teamCall(demoApp, admin, 'POST', '/team/v1/catalog/delete', { tagIds: [deleted.id] });
  const douyin = demoTag('抖音');
  const touched = [...atT].filter(([, tags]) => !tags.includes(douyin.id)).slice(0, 3).map(([key]) => key.split('|') as [string, string]);
  for (const [userid, ext] of touched) await simMarkTag(demoApp, userid, ext, { add: [douyin.id] });
  expect(await simTag(demoApp, renamed.group, '展会活动')).not.toBeNull();
  expect(await simTag(demoApp, deleted.group, deleted.name)).toBeNull();

  // Customer X as of T: the deleted tag was there then.
  const c = demoCompany();
  const byId = new Map(c.customers.map((x) => [x.external_userid, x.name]));
  const unique = holders.map((k) => k.split('|')[1]!).find((ext) => c.customers.filter((x) => x.name === byId.get(ext)).length === 1)!;
  const name = byId.get(unique)!;
  await page.getByTestId('snap-tab-customer').click();
  const search = page.getByTestId('asof-search');
  await search.fill(name);
  await expect(page.locator(`[data-testid="asof-hit"][data-id="${unique}"]`)).toBeVisible({ timeout: 30_000 });
  const ids = await page.getByTestId('asof-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  for (let i = 0; i < ids.indexOf(unique); i++) await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByTestId('asof-customer')).toHaveText(name);
  await page.getByTestId('asof-quick').first().click();
  await page.getByTestId('asof-show').click();
  const result = page.getByTestId('asof-result');
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result.getByTestId('asof-tag').filter({ hasText: deleted.name })).toHaveAttribute('data-state', 'removed');
  await page.screenshot({ path: '/tmp/shots-snap-customer-as-of.png' });

  // The restore preview: the diff since T, with counts and sample customers.
  await page.getByTestId('snap-tab-list').click();
  await snapRow.getByTestId('snap-preview').click();
  const catalog = page.getByTestId('snap-catalog');
  await expect(catalog).toBeVisible({ timeout: 60_000 });
  await expect(catalog).toContainText('「展会活动」改回「展会」');
  await expect(catalog).toContainText(`重新创建「${deleted.name}」（${deleted.group}）`);
  const perTag = page.getByTestId('snap-tag-row');
  await expect(perTag.filter({ hasText: deleted.name })).toContainText(`补回 ${holders.length}`);
  await expect(perTag.filter({ hasText: deleted.name })).toContainText('例如：');
  await expect(perTag.filter({ hasText: douyin.name })).toContainText(`去掉 ${touched.length}`);
  await page.screenshot({ path: '/tmp/shots-snap-preview.png', fullPage: true });
  await expect(page.getByTestId('snap-restore-go')).toBeDisabled();
  await page.getByTestId('snap-confirm').check();
  await page.getByTestId('snap-restore-go').click();

  // The batch runs on 恢复进度 to the end.
  const detail = page.getByTestId('batch-detail');
  await expect(detail).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('batch-counts')).toContainText('失败 0');
  await expect(page.getByTestId('snap-tab-batches')).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: '/tmp/shots-snap-restored.png' });

  // WeCom matches T: the name is back, the deleted tag exists again (new id) on the same
  // relations, and the assignments made after T are gone.
  expect(await simTag(demoApp, renamed.group, '展会')).toMatchObject({ id: renamed.id });
  const back = await simTag(demoApp, deleted.group, deleted.name);
  expect(back).not.toBeNull();
  const after = await simRelations(demoApp);
  const asOld = (tags: string[]) => tags.map((id) => (id === back!.id ? deleted.id : id)).sort();
  for (const [key, tags] of atT) expect(asOld(after.get(key) ?? []), key).toEqual([...tags].sort());

  // The list now has the snapshot taken before the restore.
  await page.getByTestId('snap-tab-list').click();
  await expect(page.locator('[data-testid="snap-row"][data-kind="restore"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="snap-row"][data-kind="delete"]')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/shots-snap-list.png' });
});
