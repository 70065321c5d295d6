// The panel against a team server of its own (not embedded), so the test can stop it: offline,
// the salesperson keeps tagging; when the server is back everything reconciles, and a tag
// deleted in WeCom meanwhile lands in the conflicts inbox, resolved there. A colleague's edit in
// WeCom reaches the open panel without a reload. WeCom (the simulator) never sees a personal tag.
import { pinyin } from 'pinyin-pro';
import type { Page } from '@playwright/test';
import { withDemoTeam, expect, signInAs, openCustomerByKeyboard, pickOption } from './fixtures';
import type { DemoTeam } from '../../src-server/demo/demo-team';

const initials = (name: string): string => pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');

const test = withDemoTeam({ customers: 300, faults: true, reconcileIntervalMs: 0 });

/** A customer of 刘洋 with a unique name, and two 服务偏好 tags it does not carry. */
function pick(team: DemoTeam) {
  const st = team.sim.runtime.state;
  const mine = [...st.relations.values()].filter((r) => r.userid === 'liuyang');
  const names = mine.map((r) => st.customers.get(r.external_userid)!.name);
  const group = team.sim.company.tagGroups.find((g) => g.group_name === '服务偏好')!;
  for (const r of mine) {
    const customer = st.customers.get(r.external_userid)!;
    if (customer.name.length < 2 || names.filter((n) => n === customer.name).length > 1) continue;
    const free = group.tags.filter((t) => !r.tag_ids.includes(t.id));
    if (free.length >= 2) return { customer, keep: free[0]!, doomed: free[1]! };
  }
  throw new Error('no suitable customer');
}

async function quickAdd(page: Page, name: string): Promise<void> {
  await page.locator('body').press('t');
  const input = page.getByTestId('quickadd-enterprise-input');
  await expect(input).toBeFocused();
  await input.fill(initials(name));
  await pickOption(page, input, name);
  await expect(page.getByTestId('quickadd-enterprise')).toHaveCount(0);
}

test('offline the salesperson keeps tagging; back online it reconciles, and a tag deleted meanwhile is resolved in the conflicts inbox', async ({ page, team, desk }) => {
  const { customer, keep, doomed } = pick(team);
  await signInAs(page, desk, 'liuyang');
  await openCustomerByKeyboard(page, customer.name, customer.name);

  await team.stopTeam();
  await expect(page.getByTestId('connection')).toContainText('离线', { timeout: 30_000 });
  await quickAdd(page, keep.name);
  await quickAdd(page, doomed.name);
  const chip = (name: string) => page.getByTestId('enterprise-chip').filter({ hasText: name });
  await expect(chip(keep.name)).toHaveAttribute('data-state', 'pending-add');
  await expect(chip(doomed.name)).toHaveAttribute('data-state', 'pending-add');
  await expect(page.getByTestId('queued')).toBeVisible();
  // Meanwhile an admin deletes one of the two tags in the WeCom console.
  team.sim.faults!.consoleDeleteTag(doomed.id);

  await team.restartTeam();
  await expect(page.getByTestId('connection')).toContainText('在线', { timeout: 30_000 });
  await expect(chip(keep.name)).toHaveAttribute('data-state', 'applied', { timeout: 30_000 });
  expect(team.sim.runtime.state.relation('liuyang', customer.external_userid)!.tag_ids).toContain(keep.id);

  await expect(page.getByTestId('conflicts-count')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('tab-conflicts').click();
  const conflict = page.getByTestId('conflict').filter({ hasText: doomed.name });
  await expect(conflict).toBeVisible();
  await conflict.getByRole('button', { name: '放弃此更改' }).click();
  await conflict.getByRole('textbox').fill('该标签已停用');
  await conflict.getByRole('button', { name: /确认/ }).click();
  await expect(page.getByTestId('conflict')).toHaveCount(0);
  await expect(page.getByTestId('conflicts-count')).toHaveCount(0);
  await expect(chip(doomed.name)).toHaveCount(0);
});

test('a colleague’s edit in WeCom shows in the open panel without a reload; personal tags never reach WeCom', async ({ page, team, desk }) => {
  const { customer, keep } = pick(team);
  await signInAs(page, desk, 'liuyang');
  await openCustomerByKeyboard(page, customer.name, customer.name);

  team.sim.faults!.colleagueEdit({ userid: 'liuyang', external_userid: customer.external_userid, add_tag: [keep.id] });
  await expect(page.getByTestId('enterprise-chip').filter({ hasText: keep.name })).toHaveAttribute('data-state', 'applied', { timeout: 20_000 });

  await page.locator('body').press('p');
  const input = page.getByTestId('quickadd-personal-input');
  await expect(input).toBeFocused();
  await input.fill('周五常加班');
  await pickOption(page, input, '新建个人标签「周五常加班」');
  await expect(page.getByTestId('column-personal').getByTestId('personal-chip').filter({ hasText: '周五常加班' })).toBeVisible();
  // Everything WeCom holds about the relation and the customer: no trace of the personal tag.
  const st = team.sim.runtime.state;
  expect(JSON.stringify([st.relation('liuyang', customer.external_userid), st.customers.get(customer.external_userid)])).not.toContain('周五常加班');
});
