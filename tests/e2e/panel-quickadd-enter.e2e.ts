// Enter in quick add means "the first suggestion for what I typed", even when the member is
// faster than the suggestions: a slow answer is waited for, and a suggestion made for earlier
// text is never picked.
import { test, expect, demoCompany, signInAs, openCustomerByKeyboard } from './fixtures';

function liuyangsCustomer() {
  const c = demoCompany();
  const mine = c.relations.filter((r) => r.userid === 'liuyang').map((r) => c.customers.find((x) => x.external_userid === r.external_userid)!);
  const unique = mine.find((x) => x.name.length >= 2 && mine.filter((y) => y.name === x.name).length === 1);
  if (!unique) throw new Error('the demo company has no suitable customer for 刘洋');
  return unique;
}

test('typing a new personal tag and pressing Enter at once creates it, though the suggestions answer late', async ({ page, demoApp }) => {
  const customer = liuyangsCustomer();
  await signInAs(page, demoApp, 'liuyang');
  await openCustomerByKeyboard(page, customer.name, customer.name);

  // An existing personal tag, so the empty-text suggestions hold something Enter could wrongly pick.
  await page.locator('body').press('p');
  const input = page.getByTestId('quickadd-personal-input');
  await input.fill('周末方便');
  await expect(page.getByRole('option', { name: '新建个人标签「周末方便」' })).toBeVisible();
  await input.press('Enter');
  const chips = page.getByTestId('column-personal').getByTestId('personal-chip');
  await expect(chips.filter({ hasText: '周末方便' })).toBeVisible();
  await chips.filter({ hasText: '周末方便' }).click();
  await page.keyboard.press('Backspace');
  await expect(chips.filter({ hasText: '周末方便' })).toHaveCount(0);

  // From now on every suggestion answer takes 800 ms.
  await page.route('**/api/call/tags.suggest', async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  await page.locator('body').press('p');
  await expect(input).toBeFocused();
  await page.keyboard.type('偏好电话沟通');
  await page.keyboard.press('Enter');
  await expect(chips.filter({ hasText: '偏好电话沟通' })).toBeVisible();
  await expect(chips.filter({ hasText: '周末方便' })).toHaveCount(0);
  await expect(page.getByTestId('quickadd-personal')).toHaveCount(0);
});
