// A salesperson's day in the panel: find a customer by pinyin initials, see enterprise and
// personal tags side by side, tag with the keyboard, and be stopped (with the reason, the
// exact span underlined) when a tag text holds sensitive personal information.
import { pinyin } from 'pinyin-pro';
import { test, expect, demoCompany, signInAs, openCustomerByKeyboard, pickOption, openChatInWeCom } from './fixtures';

const initials = (name: string): string => pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');

/** One of 刘洋's customers whose name is unique among his, and a product tag it does not carry yet. */
function liuyangsCustomer() {
  const c = demoCompany();
  const relations = c.relations.filter((r) => r.userid === 'liuyang');
  const byId = new Map(c.customers.map((x) => [x.external_userid, x]));
  const names = relations.map((r) => byId.get(r.external_userid)!.name);
  const products = c.tagGroups.find((g) => g.group_name === '产品偏好')!;
  for (const r of relations) {
    const customer = byId.get(r.external_userid)!;
    if (customer.name.length < 2 || names.filter((n) => n === customer.name).length > 1) continue;
    const tag = products.tags.find((t) => !r.tag_ids.includes(t.id));
    if (tag) return { customer, tag };
  }
  throw new Error('the demo company has no suitable customer for 刘洋');
}

test('a salesperson finds a customer by pinyin initials (an IME\'s pinyin is not searched) and sees enterprise and personal tags side by side', async ({ page, demoApp }, testInfo) => {
  const { customer } = liuyangsCustomer();
  await signInAs(page, demoApp, 'liuyang');

  // Typed through a Chinese IME, the search waits for the committed characters: the pinyin
  // letters mid-composition are never searched.
  const queries: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call/customers.search')) queries.push((JSON.parse(r.postData() ?? '{}') as { query: string }).query);
  });
  const search = page.getByTestId('search');
  await search.click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'l', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'li', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: customer.name.slice(0, 1) });
  await expect(page.getByTestId('search-hit').first()).toBeVisible({ timeout: 20_000 });
  expect(queries).toContain(customer.name.slice(0, 1));
  expect(queries.filter((q) => /^[a-z]+$/.test(q))).toEqual([]);
  await search.fill('');

  await openCustomerByKeyboard(page, initials(customer.name), customer.name);
  await expect(page.getByTestId('search-hit')).toHaveCount(0); // the list closed on Enter

  // The address bar deep-links to the open customer.
  expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/customer/${customer.external_userid}`);

  const enterprise = page.getByTestId('column-enterprise');
  const personal = page.getByTestId('column-personal');
  await expect(enterprise.getByTestId('enterprise-chip').first()).toBeVisible();
  const [left, right] = [await enterprise.boundingBox(), await personal.boundingBox()];
  expect(left && right).toBeTruthy();
  // Side by side at 360 px, not stacked: same top, the personal column to the right.
  expect(Math.abs(left!.y - right!.y)).toBeLessThan(2);
  expect(right!.x).toBeGreaterThanOrEqual(left!.x + left!.width - 1);
  expect(right!.x + right!.width).toBeLessThanOrEqual(361);
  await page.screenshot({ path: testInfo.outputPath('customer-360.png') });
});

test('t applies an enterprise tag from completion: the chip appears pending, settles as applied, and Backspace removes it', async ({ page, demoApp }) => {
  const { customer, tag } = liuyangsCustomer();
  await signInAs(page, demoApp, 'liuyang');
  await openCustomerByKeyboard(page, customer.name, customer.name);
  // Record every state the new chip goes through.
  await page.evaluate((name) => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="enterprise-chip"]')) {
        if (el.textContent?.startsWith(name) && seen.at(-1) !== el.dataset.state) seen.push(el.dataset.state ?? '');
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  }, tag.name);

  await page.locator('body').press('t');
  const input = page.getByTestId('quickadd-enterprise-input');
  await expect(input).toBeFocused();
  await input.fill(initials(tag.name));
  await pickOption(page, input, tag.name);
  await expect(page.getByTestId('quickadd-enterprise')).toHaveCount(0);

  const chip = page.getByTestId('enterprise-chip').filter({ hasText: tag.name });
  await expect(chip).toHaveAttribute('data-state', 'applied', { timeout: 20_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(['pending-add', 'applied']).toContain(seen[0]);
  expect(seen.at(-1)).toBe('applied');
  await expect(chip).toHaveAccessibleName(new RegExp(`^${tag.name}，已添加`));

  // Backspace on the focused chip takes the tag off again.
  await chip.focus();
  await chip.press('Backspace');
  await expect(chip).toHaveCount(0, { timeout: 20_000 });
});

test('p creates a personal tag; an ID-card number or a health word is underlined with the reason and cannot be saved', async ({ page, demoApp }, testInfo) => {
  const { customer } = liuyangsCustomer();
  await signInAs(page, demoApp, 'liuyang');
  await openCustomerByKeyboard(page, customer.name, customer.name);

  await page.locator('body').press('p');
  const input = page.getByTestId('quickadd-personal-input');
  await input.fill('喜欢圆领');
  await pickOption(page, input, '新建个人标签「喜欢圆领」');
  await expect(page.getByTestId('column-personal').getByTestId('personal-chip').filter({ hasText: '喜欢圆领' })).toBeVisible();

  await page.locator('body').press('p');
  await input.fill('身份证11010519491231002X');
  const notice = page.getByTestId('lint-notice');
  await expect(notice).toHaveAttribute('data-action', 'block');
  await expect(notice).toContainText('身份证');
  await expect(page.getByTestId('quickadd-personal-input-mirror').locator('mark')).toHaveText('11010519491231002X');
  await expect(page.getByRole('option', { name: /新建个人标签/ })).toHaveAttribute('aria-disabled', 'true');
  await page.screenshot({ path: testInfo.outputPath('lint-block.png') });

  await input.fill('家人有糖尿病');
  await expect(page.getByTestId('quickadd-personal-input-mirror').locator('mark')).toHaveText('糖尿病');
  await expect(notice).toHaveAttribute('data-action', /approval|block/);
  await expect(page.getByRole('option', { name: /新建个人标签/ })).toHaveAttribute('aria-disabled', 'true');

  // What was typed survives a reload: the deep link reopens the customer and the draft is back.
  await page.reload();
  await expect(page.getByTestId('customer-name')).toHaveText(customer.name);
  await page.locator('body').press('p');
  await expect(page.getByTestId('quickadd-personal-input')).toHaveValue('家人有糖尿病');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('quickadd-personal')).toHaveCount(0);
});

test('opening a customer\'s chat in WeCom switches the panel to that customer; the remark is linted and saved', async ({ page, demoApp }) => {
  const { customer } = liuyangsCustomer();
  await signInAs(page, demoApp, 'liuyang');
  await expect(page.getByTestId('customer-area')).toContainText('尚未打开客户');
  await openChatInWeCom(demoApp, 'liuyang', customer.external_userid);
  await expect(page.getByTestId('customer-name')).toHaveText(customer.name, { timeout: 20_000 });
  await expect(page.getByTestId('column-enterprise').getByTestId('enterprise-chip').first()).toBeVisible();

  // The remark is linted as it is typed: an ID number cannot be saved; a mobile number is
  // offered masked in one click, and the masked remark is saved.
  await page.getByTestId('remark').click();
  const remark = page.getByTestId('remark-input');
  await remark.fill('王总 11010519491231002X');
  await expect(page.getByTestId('remark-input-mirror').locator('mark')).toHaveText('11010519491231002X');
  await expect(page.getByTestId('remark-refused')).toBeVisible();
  await expect(page.getByTestId('remark-save')).toBeDisabled();
  await remark.fill('王总 13812345678');
  await expect(page.getByTestId('remark-input-mirror').locator('mark')).toHaveText('13812345678');
  await page.getByTestId('lint-replace').click();
  await expect(remark).toHaveValue('王总 138****5678');
  await expect(page.getByTestId('remark-refused')).toHaveCount(0);
  await page.getByTestId('remark-save').click();
  await expect(page.getByTestId('remark')).toContainText('王总 138****5678');
});
