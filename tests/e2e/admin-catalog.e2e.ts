// 标签目录 as an admin uses it: a new group with its tags appears in WeCom (the simulator),
// then a tag is renamed and moved and WeCom's order follows; a group made in WeCom's console is
// read-only and says why; deleting a tag on more than 200 customers asks for the name typed a
// second time, says a snapshot is taken and the security contacts are alerted — and they are.
import type { Page } from '@playwright/test';
import { withDemoTeam, expect, signInAs } from './fixtures';
import type { DemoTeam } from '../../src-server/demo/demo-team';
import { api, signIn } from '../integration/team/helpers';

const test = withDemoTeam({ customers: 1200, reconcileIntervalMs: 0 });

/** A group's active tags in WeCom's order (larger order first, then creation). */
function simTagsInOrder(team: DemoTeam, groupName: string): string[] {
  const st = team.sim.runtime.state;
  const g = st.groupByName(groupName);
  if (!g) return [];
  return st.activeTagsOf(g).sort((a, b) => b.order - a.order || a.create_time - b.create_time).map((t) => t.name);
}

async function openCatalog(page: Page): Promise<void> {
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-catalog').click();
  await expect(page.getByTestId('catalog-group').first()).toBeVisible({ timeout: 20_000 });
}

test('an admin creates a group with tags, renames and reorders a tag, and WeCom has it all', async ({ page, team, desk }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 380, height: 820 });
  await signInAs(page, desk, 'linxue');
  await openCatalog(page);

  await page.getByTestId('catalog-new-group-open').click();
  await page.getByTestId('catalog-new-group-name').fill('跟进优先级');
  await page.getByTestId('catalog-new-group-tags').fill('高优先、中优先、低优先');
  // A tag name over 30 characters is caught before WeCom sees it.
  await page.getByTestId('catalog-new-group-tags').fill('高优先、中优先、' + '很'.repeat(31));
  await page.getByTestId('catalog-new-group-create').click();
  await expect(page.getByTestId('catalog-new-group')).toContainText('超过 30 个字');
  expect(team.sim.runtime.state.groupByName('跟进优先级')).toBeUndefined();
  await page.getByTestId('catalog-new-group-tags').fill('高优先、中优先、低优先');
  await page.getByTestId('catalog-new-group-create').click();
  await expect(page.getByTestId('toast')).toContainText('已在企业微信中创建标签组「跟进优先级」');

  const group = page.locator('[data-testid="catalog-group"][data-group-name="跟进优先级"]');
  await expect(group.getByTestId('catalog-tag')).toHaveText(['高优先', '中优先', '低优先'].map((n) => new RegExp(n)));
  expect(simTagsInOrder(team, '跟进优先级').sort()).toEqual(['中优先', '低优先', '高优先'].sort());
  expect(team.sim.runtime.state.groupByName('跟进优先级')!.origin).toBe('app');

  // Rename 低优先 → 普通优先 with the keyboard.
  const low = group.locator('[data-testid="catalog-tag"][data-tag-name="低优先"]');
  await low.getByTestId('catalog-tag-rename').click();
  const input = group.getByTestId('catalog-rename-input');
  await input.fill('普通优先');
  await input.press('Enter');
  await expect(page.getByTestId('toast')).toContainText('已将「低优先」改名为「普通优先」');
  await expect.poll(() => simTagsInOrder(team, '跟进优先级')).toContain('普通优先');
  expect(simTagsInOrder(team, '跟进优先级')).not.toContain('低优先');

  // Move 普通优先 to the top: WeCom's order values now put it first.
  const normal = group.locator('[data-testid="catalog-tag"][data-tag-name="普通优先"]');
  const order = () => group.getByTestId('catalog-tag').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag-name')));
  const before = await order();
  const at = before.indexOf('普通优先');
  for (let i = at; i > 0; i--) {
    await normal.getByTestId('catalog-move-up').click();
    await expect.poll(order).toEqual(((): (string | null)[] => {
      const list = [...before];
      list.splice(at, 1);
      list.splice(i - 1, 0, '普通优先');
      return list;
    })());
  }
  await expect.poll(() => simTagsInOrder(team, '跟进优先级')[0]).toBe('普通优先');
  expect(simTagsInOrder(team, '跟进优先级')).toEqual(await order());

  // Policy: the group needs approval and expires after 30 days, saved as a policy revision.
  await group.getByTestId('catalog-policy').click();
  await page.getByTestId('policy-sensitivity').selectOption('restricted');
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('catalog-policy-editor')).toContainText('「严格受限」级别的标签组必须开启审批');
  await page.getByTestId('policy-approval').check();
  await page.getByTestId('policy-ttl').fill('30');
  await page.getByTestId('policy-grants-add').click();
  await page.screenshot({ path: '/tmp/shots-catalog-policy.png' });
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('toast')).toContainText('策略已保存');
  await expect(group.getByTestId('catalog-policy-badges')).toContainText('严格受限');
  await expect(group.getByTestId('catalog-policy-badges')).toContainText('30 天有效');
  const gid = team.sim.runtime.state.groupByName('跟进优先级')!.group_id;
  const saved = team.team.ctx.policy.current().tagGroups.find((g) => g.groupId === gid)!;
  expect(saved).toMatchObject({ sensitivity: 'restricted', approvalRequired: true, ttlHours: 720, grants: [{ level: 'apply' }] });
  await group.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots-catalog-group.png' });

  // A group made in WeCom's console: WeCom refuses the rename, and the group shows why.
  const region = page.locator('[data-testid="catalog-group"][data-group-name="地域"]');
  await region.getByTestId('catalog-group-rename').click();
  await region.getByTestId('catalog-rename-input').fill('区域');
  await region.getByTestId('catalog-rename-input').press('Enter');
  await expect(region.getByRole('alert')).toContainText('在企业微信管理后台');
  await expect(region.getByTestId('catalog-why')).toBeVisible();
  await region.getByTestId('catalog-why').click();
  await expect(region.getByTestId('catalog-why-text')).toContainText('在企业微信管理后台');
  await expect(region.getByTestId('catalog-group-rename')).toHaveCount(0);
  expect(team.sim.runtime.state.groupByName('地域')).toBeDefined();
});

test('deleting a tag on more than 200 customers needs the name typed again, snapshots first and alerts the security contacts', async ({ page, team, desk }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 380, height: 820 });
  const st = team.sim.runtime.state;
  // The most used tag of a group Tagdesk may edit.
  const usage = new Map<string, Set<string>>();
  const active = new Set(team.team.ctx.directory.members().filter((m) => m.active).map((m) => m.userid));
  for (const r of st.relations.values()) if (active.has(r.userid)) for (const id of r.tag_ids) usage.set(id, (usage.get(id) ?? new Set()).add(r.external_userid));
  const [tagId, carriers] = [...usage].filter(([id]) => st.activeTag(id)?.origin === 'app').sort((a, b) => b[1].size - a[1].size)[0]!;
  const tag = st.activeTag(tagId)!;
  const groupName = st.groups.get(tag.groupId)!.group_name;
  expect(carriers.size).toBeGreaterThan(200);

  await signInAs(page, desk, 'linxue');
  await openCatalog(page);
  const row = page.locator(`[data-testid="catalog-group"][data-group-name="${groupName}"] [data-testid="catalog-tag"][data-tag-name="${tag.name}"]`);
  await row.getByTestId('catalog-tag-delete').click();
  await expect(page.getByTestId('catalog-delete-confirm')).toContainText('删除前会自动拍快照');
  await page.getByTestId('catalog-delete-confirm-yes').click();

  const wide = page.getByTestId('catalog-delete-wide');
  await expect(wide).toContainText(`这次删除影响 ${carriers.size} 位客户`, { timeout: 30_000 });
  await expect(wide.getByTestId('catalog-delete-wide-facts')).toContainText('快照');
  await expect(wide.getByTestId('catalog-delete-wide-facts')).toContainText('安全联系人');
  const confirm = page.getByTestId('catalog-delete-wide-confirm');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('catalog-delete-type').fill(`${tag.name}x`);
  await expect(wide).toContainText('输入的名称不一致');
  await expect(confirm).toBeDisabled();
  expect(st.activeTag(tagId)).toBeDefined();
  await page.getByTestId('catalog-delete-type').fill(tag.name);
  await wide.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots-catalog-wide-delete.png' });
  await confirm.click();
  await expect(page.getByTestId('toast')).toContainText(`已删除「${tag.name}」（${carriers.size} 位客户）`, { timeout: 30_000 });
  expect(st.activeTag(tagId)).toBeUndefined();
  await expect(row).toHaveCount(0);

  // What the screen promised happened on the server.
  const admin = await signIn(team, 'linxue');
  const snapshots = (await api<{ snapshots: { reason: string }[] }>(team, admin, 'GET', '/team/v1/snapshots')).body.value.snapshots;
  expect(snapshots.some((s) => s.reason.includes(tag.name))).toBe(true);
  const bin = (await api<{ entries: { tagId: string; assignments: number }[] }>(team, admin, 'GET', '/team/v1/recycle-bin')).body.value.entries;
  expect(bin.find((e) => e.tagId === tagId)?.assignments).toBeGreaterThanOrEqual(carriers.size);
  const alerts = team.team.ctx.db.prepare(`SELECT body FROM audit_events WHERE action = 'security.alert'`).all() as { body: string }[];
  expect(alerts.map((a) => JSON.parse(a.body) as { after: { code: string; customers: number } }).some((a) => a.after.code === 'wide_tag_delete' && a.after.customers === carriers.size)).toBe(true);
  // The security contacts (every admin) were sent the alert.
  const pushed = team.team.ctx.db.prepare(`SELECT audience, body FROM events WHERE kind = 'admin.alert'`).all() as { audience: string; body: string }[];
  const admins = team.team.ctx.directory.members().filter((m) => m.active && m.role === 'admin').map((m) => m.userid);
  expect(admins.length).toBeGreaterThan(0);
  const alert = pushed.find((p) => p.body.includes(tag.name))!;
  expect(alert).toBeDefined();
  expect((JSON.parse(alert.audience) as string[]).sort()).toEqual(admins.sort());
});
