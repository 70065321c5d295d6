// An admin opens 体检: the check runs by itself, a relation changed in WeCom behind the team
// server's back (a lost callback) shows as a drift finding explained in Chinese with a one-click
// fix; the fix re-reads the customer, the check runs again and the finding is gone.
import { withDemoTeam, expect, signInAs } from './fixtures';

const test = withDemoTeam({ customers: 300, faults: true, reconcileIntervalMs: 0 });

test('the health check shows a planted drift and its one-click fix clears it', async ({ page, team, desk }) => {
  // The server has looked at 刘洋's customers; then one changes in WeCom without a callback.
  await team.team.reconciler.checkMember('liuyang');
  await team.team.ctx.catalog.refresh();
  const st = team.sim.runtime.state;
  const rel = [...st.relations.values()].find((r) => r.userid === 'liuyang')!;
  const product = team.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!;
  rel.tag_ids.push(product.tags.find((t) => !rel.tag_ids.includes(t.id))!.id);
  const customer = st.customers.get(rel.external_userid)!;

  await signInAs(page, desk, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-doctor').click();
  const doctor = page.getByTestId('doctor');
  await expect(doctor).toBeVisible();
  const server = doctor.getByTestId('doctor-report-server');
  await expect(server).toBeVisible({ timeout: 30_000 });
  await expect(doctor.getByTestId('doctor-report-desktop')).toBeVisible();

  // Every check of the server's report is listed with its status; drift has the finding.
  const drift = server.locator('[data-testid="doctor-check"][data-check="drift"]');
  await expect(drift).toHaveAttribute('data-status', 'findings');
  await expect(drift).toContainText('与企业微信是否一致');
  const finding = drift.locator(`[data-finding-id="drift:liuyang:${rel.external_userid}"]`);
  await expect(finding).toBeVisible();
  await expect(finding).toContainText(customer.name);
  await expect(finding).toContainText('回调');
  await expect(server.locator('[data-testid="doctor-check"][data-check="syncLag"]')).toBeVisible();
  await page.screenshot({ path: '/tmp/shots-guard-doctor.png', fullPage: true });

  await finding.getByTestId('doctor-fix').click();
  await expect(page.getByTestId('toast')).toContainText('已重新体检', { timeout: 30_000 });
  await expect(finding).toHaveCount(0);
  await expect(server.locator('[data-testid="doctor-check"][data-check="drift"]')).toHaveAttribute('data-status', 'ok');
  await page.screenshot({ path: '/tmp/shots-guard-doctor-fixed.png', fullPage: true });
});
