// An admin creates a channel code (渠道活码) in the screen — name, a member, a channel tag —
// and sees WeCom's QR link; a customer who adds the member through it gets the channel tag in
// WeCom by itself and is counted on the code; the admin edits the code's tags and deletes it
// after confirming, and WeCom's 「联系我」 configuration follows each step.
import { withDemoTeam, expect, signInAs } from './fixtures';

const test = withDemoTeam({ customers: 300, faults: true, reconcileIntervalMs: 0 });

test('an admin creates a channel code and a customer added through it gets its tags', async ({ page, team, desk }) => {
  const channel = team.sim.company.tagGroups.find((g) => g.group_name === '渠道来源')!;
  const [douyin, expo] = channel.tags;
  await signInAs(page, desk, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-channel-codes').click();
  await expect(page.getByText('还没有渠道码')).toBeVisible();

  // Saving an empty form names each missing field; nothing reaches WeCom.
  await page.getByTestId('channel-code-new').click();
  await page.getByTestId('code-save').click();
  const form = page.getByTestId('code-form');
  await expect(form).toContainText('请填写渠道名称');
  await expect(form).toContainText('请至少选择一名接待成员');
  await expect(form).toContainText('请至少选择一个渠道标签');
  expect(team.sim.runtime.contactWays.size).toBe(0);

  await page.getByTestId('code-name').fill('抖音广告-北京');
  await page.getByTestId('code-users').selectOption({ label: '刘洋' });
  await page.getByTestId('code-tags').selectOption({ label: douyin!.name });
  await expect(page.getByTestId('code-tags-chip')).toHaveText(douyin!.name);
  await page.getByTestId('code-save').click();

  const card = page.getByTestId('channel-code');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('抖音广告-北京');
  await expect(card.getByTestId('channel-code-tag')).toHaveText([douyin!.name]);
  await expect(card).toContainText('接待：刘洋');
  await expect(card.getByTestId('channel-code-customers')).toHaveText('0 位客户通过此码添加');
  const state = (await card.getAttribute('data-state'))!;
  const way = [...team.sim.runtime.contactWays.values()].find((w) => w.state === state)!;
  expect(way).toMatchObject({ remark: '抖音广告-北京', user: ['liuyang'] });
  await expect(card.getByTestId('channel-code-link')).toHaveValue(way.qr_code);

  // A customer scans the code (the simulator's add_external_contact with the code's State).
  const res = await fetch(`${team.sim.url}/__sim/customer-adds`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ config_id: way.config_id, name: '抖音客户甲' }) });
  const added = (await res.json()) as { external_userid: string; userid: string };
  expect(added.userid).toBe('liuyang');
  await expect.poll(() => team.sim.runtime.state.relation('liuyang', added.external_userid)?.tag_ids ?? [], { timeout: 15_000 }).toEqual([douyin!.id]);
  await page.getByTestId('channel-code-refresh').click();
  await expect(card.getByTestId('channel-code-customers')).toHaveText('1 位客户通过此码添加');
  await page.screenshot({ path: '/tmp/shots-guard-channel-codes.png' });

  // Editing the tags applies to customers added from now on.
  await card.getByTestId('channel-code-edit').click();
  await expect(page.getByTestId('code-name')).toHaveValue('抖音广告-北京');
  await page.getByTestId('code-tags').selectOption({ label: expo!.name });
  await page.screenshot({ path: '/tmp/shots-guard-channel-code-form.png' });
  await page.getByTestId('code-save').click();
  await expect(card.getByTestId('channel-code-tag')).toHaveText([douyin!.name, expo!.name]);
  const second = (await (await fetch(`${team.sim.url}/__sim/customer-adds`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ config_id: way.config_id, name: '抖音客户乙' }) })).json()) as { external_userid: string };
  await expect.poll(() => [...(team.sim.runtime.state.relation('liuyang', second.external_userid)?.tag_ids ?? [])].sort(), { timeout: 15_000 }).toEqual([douyin!.id, expo!.id].sort());

  // Deleting asks first, then the code is gone in WeCom too.
  await card.getByTestId('channel-code-delete').click();
  await expect(card).toContainText('二维码立即失效');
  await card.getByTestId('channel-code-delete-confirm').click();
  await expect(page.getByTestId('channel-code')).toHaveCount(0);
  expect(team.sim.runtime.contactWays.has(way.config_id)).toBe(false);
});
