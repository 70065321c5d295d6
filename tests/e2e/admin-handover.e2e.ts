// A hand-over including the packet review, across three desks. 刘洋 is moving on: on his own
// desk he puts personal tags in a hand-over packet — a note with an ID-card number is refused
// there and then — and sends it. 陈静, his supervisor, approves two entries and strikes one in
// her 审批 queue, then hands the two customers to 赵磊 in 客户交接. WeCom takes them over a day
// later; the refresh shows them taken over with their enterprise tags intact. 赵磊 sees the
// approved entries, must confirm the sensitive one (投诉风险客户) before taking it, and both
// land in his own personal column; the simulator has the customers followed by him, tags intact.
import { withDemoTeam, expect, startApp, signInAs, openCustomerByKeyboard, pickOption, type AppInstance } from './fixtures';

const test = withDemoTeam({ customers: 300, faults: true, reconcileIntervalMs: 0 });

const shot = (name: string) => `/tmp/shots-handover-${name}.png`;

test('a hand-over with its personal-tag packet: linted, reviewed, taken over and confirmed by the successor', async ({ page, team, browser }) => {
  test.setTimeout(240_000); // three desks
  const st = team.sim.runtime.state;
  const nameOf = (ext: string) => st.customers.get(ext)!.name;
  const namesOf = (userid: string) => (st.byMember.get(userid) ?? []).map(nameOf);
  // Two of 刘洋's customers with enterprise tags, not followed by 赵磊, whose names are unique to both.
  const picks = (st.byMember.get('liuyang') ?? []).filter((ext) => {
    const n = nameOf(ext);
    return !st.relation('zhaolei', ext) && st.relation('liuyang', ext)!.tag_ids.length > 0 && namesOf('liuyang').filter((x) => x === n).length === 1 && !namesOf('zhaolei').includes(n);
  }).slice(0, 2);
  expect(picks).toHaveLength(2);
  const [a, b] = picks as [string, string];
  const tagsBefore = [...st.relation('liuyang', a)!.tag_ids];

  const desks: AppInstance[] = [];
  const desk = async () => {
    const d = await startApp({ teamServerUrl: team.team.url });
    desks.push({ ...d, teamServerUrl: team.team.url, simUrl: team.sim.url });
    return desks.at(-1)!;
  };
  const context = () => browser.newContext({ viewport: { width: 360, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    // --- 刘洋, on his own desk: personal tags, then the packet.
    const leaverDesk = await desk();
    await signInAs(page, leaverDesk, 'liuyang');
    const personal = async (tag: string) => {
      await expect(page.getByTestId('quickadd-personal')).toHaveCount(0);
      await page.getByTestId('add-personal').click();
      const input = page.getByTestId('quickadd-personal-input');
      await input.fill(tag);
      await pickOption(page, input, `新建个人标签「${tag}」`);
      await expect(page.getByTestId('column-personal').getByTestId('personal-chip').filter({ hasText: tag })).toBeVisible();
    };
    await openCustomerByKeyboard(page, nameOf(a), nameOf(a));
    await personal('周五常加班');
    await personal('投诉风险客户');
    await openCustomerByKeyboard(page, nameOf(b), nameOf(b));
    await personal('喜欢圆领');

    await page.getByTestId('view-packet').click();
    await page.getByTestId('packet-tab-build').click();
    const custA = page.getByTestId('packet-customer').filter({ hasText: nameOf(a) });
    const custB = page.getByTestId('packet-customer').filter({ hasText: nameOf(b) });
    await expect(custA.getByTestId('packet-tag').filter({ hasText: '投诉风险客户' })).toContainText('敏感');
    await custA.getByTestId('packet-include').check();
    await custB.getByTestId('packet-include').check();
    await custA.getByTestId('packet-note').fill('身份证 11010519491231002X 已核验');
    await expect(custA.getByTestId('packet-note-check')).toContainText('不能发送');
    await expect(custA.getByTestId('packet-note-check')).toContainText('身份证号属于个人敏感信息');
    await expect(page.getByTestId('packet-summary-blocked')).toContainText('1 条');
    await expect(page.getByTestId('packet-summary')).toContainText('将发送 3 条，其中 1 条敏感');
    await custA.getByTestId('packet-note').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: shot('1-leaver-packet') });
    await page.getByTestId('packet-send').click();
    await expect(page.getByTestId('toast')).toContainText('交接包已发送');
    const sent = page.getByTestId('packet-sent-row').first();
    await expect(sent).toContainText('待主管审核');
    await expect(sent.getByTestId('packet-sent-entry')).toHaveCount(3); // the refused note never went

    // --- 陈静, her desk in a second browser context: review, then the hand-over.
    const bossDesk = await desk();
    const boss = await (await context()).newPage();
    await signInAs(boss, bossDesk, 'chenjing');
    await boss.getByTestId('view-approvals').click();
    const review = boss.getByTestId('packet-review');
    await expect(review).toContainText('刘洋 的交接包 · 3 条', { timeout: 20_000 });
    const entry = (text: string) => review.getByTestId('packet-review-entry').filter({ hasText: text });
    await expect(entry('投诉风险客户')).toContainText('投诉或纠纷风险');
    await entry('周五常加班').getByTestId('packet-approve').click();
    await expect(entry('周五常加班')).toContainText('已通过');
    await entry('喜欢圆领').getByTestId('packet-strike').click();
    await entry('喜欢圆领').getByTestId('packet-strike-reason').fill('与后续服务无关');
    await boss.screenshot({ path: shot('2-supervisor-review'), fullPage: true });
    await entry('喜欢圆领').getByTestId('packet-strike-confirm').click();
    const struck = review.getByTestId('packet-review-entry').filter({ hasText: '已划掉' });
    await expect(struck).toContainText(nameOf(b));
    await expect(struck).not.toContainText('喜欢圆领'); // erased from the server once struck
    await entry('投诉风险客户').getByTestId('packet-approve').click();
    await expect(review).toHaveCount(0); // all decided: the packet leaves the queue

    await boss.getByTestId('view-admin').click();
    await boss.getByTestId('view-handover').click();
    await boss.getByTestId('handover-leaver').selectOption('liuyang');
    await expect(boss.getByTestId('handover-form')).toContainText('在职继承');
    await boss.getByTestId('handover-scope-pick').click();
    for (const ext of [a, b]) {
      await boss.getByTestId('handover-pick-filter').fill(nameOf(ext));
      await boss.getByTestId('handover-pick-row').filter({ hasText: nameOf(ext) }).locator('input').check();
    }
    await expect(boss.getByTestId('handover-form')).toContainText('已选 2');
    await boss.getByTestId('handover-mode-one').click();
    await boss.getByTestId('handover-successor').selectOption('zhaolei');
    await boss.getByTestId('handover-preview').click();
    const preview = boss.getByTestId('handover-preview-result');
    await expect(preview).toContainText('赵磊：2 位');
    await expect(preview).toContainText('本次将分 1 次提交');
    await boss.getByTestId('handover-start').scrollIntoViewIfNeeded();
    await boss.screenshot({ path: shot('3-handover-preview') });
    await boss.getByTestId('handover-start').click();
    const detail = boss.getByTestId('handover-detail');
    await expect(detail.getByTestId('handover-item')).toHaveCount(2);
    await expect(detail.getByTestId('handover-count-waiting')).toContainText('2');

    // WeCom hands the customers over after 24 hours.
    await fetch(`${team.sim.url}/__sim/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 25 * 3600 }) });
    team.sim.runtime.settleTransfers();
    await boss.getByTestId('handover-refresh').click();
    await expect(detail.getByTestId('handover-count-taken_over')).toContainText('2', { timeout: 30_000 });
    await expect(detail.getByTestId('handover-item').filter({ hasText: nameOf(a) })).toContainText(`${tagsBefore.length} 个企业标签已随客户转移`);
    await boss.screenshot({ path: shot('4-handover-taken-over'), fullPage: true });

    // --- 赵磊, on his desk: the approved entries, the sensitive one confirmed.
    const successorDesk = await desk();
    const heir = await (await context()).newPage();
    await signInAs(heir, successorDesk, 'zhaolei');
    await heir.getByTestId('view-packet').click();
    const inbox = heir.getByTestId('packet-inbox');
    const box = inbox.getByTestId('inbox-customer').filter({ hasText: nameOf(a) });
    await expect(box).toContainText('来自 刘洋', { timeout: 20_000 });
    await expect(inbox.getByTestId('inbox-entry')).toHaveCount(2); // the struck entry never arrives
    const risky = box.getByTestId('inbox-entry').filter({ hasText: '投诉风险客户' });
    await expect(risky).toContainText('投诉或纠纷风险');
    await expect(risky.getByTestId('inbox-accept')).toBeDisabled();
    await box.getByTestId('inbox-entry').filter({ hasText: '周五常加班' }).getByTestId('inbox-accept').click();
    await expect(heir.getByTestId('toast')).toContainText('已收下 1 条');
    await risky.getByTestId('inbox-confirm').check();
    await heir.screenshot({ path: shot('5-successor-confirm'), fullPage: true });
    await risky.getByTestId('inbox-accept').click();
    await expect(inbox).toContainText('暂时没有同事交给你的内容');

    // Both are now 赵磊's own personal tags, beside the enterprise tags that came with the customer.
    await openCustomerByKeyboard(heir, nameOf(a), nameOf(a));
    const column = heir.getByTestId('column-personal');
    await expect(column.getByTestId('personal-chip').filter({ hasText: '周五常加班' })).toBeVisible();
    await expect(column.getByTestId('personal-chip').filter({ hasText: '投诉风险客户' })).toBeVisible();
    await expect(heir.getByTestId('enterprise-chip').first()).toBeVisible();
    await heir.screenshot({ path: shot('6-successor-panel') });

    // WeCom: the customer is followed by 赵磊 now, not 刘洋, with the enterprise tags intact.
    expect(st.relation('liuyang', a)).toBeUndefined();
    const now = st.relation('zhaolei', a)!;
    for (const tag of tagsBefore.filter((x) => st.activeTag(x))) expect(now.tag_ids).toContain(tag);
  } finally {
    for (const d of desks) await d.stop();
  }
});
