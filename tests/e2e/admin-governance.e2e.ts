// 标签治理 and 导出 as an admin uses them: a near-duplicate (智能门锁 vs 智能锁) is found by name,
// merged in one batch that re-tags the customers in WeCom and is undone back to exactly the
// tags they had; the quarterly report names it and downloads as Markdown; an export by tag
// expression downloads a CSV for Excel whose rows are the matching relations.
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { withDemoTeam, expect, signInAs } from './fixtures';
import type { DemoTeam } from '../../src-server/demo/demo-team';
import { api, signIn } from '../integration/team/helpers';

const test = withDemoTeam({ customers: 500, reconcileIntervalMs: 0 });

const activeMembers = (team: DemoTeam) => new Set(team.team.ctx.directory.members().filter((m) => m.active).map((m) => m.userid));

async function openGovernance(page: Page): Promise<void> {
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-governance').click();
  await expect(page.getByTestId('gov-usage')).toBeVisible({ timeout: 30_000 });
}

test('a near-duplicate is merged in one batch that re-tags customers in WeCom, and the merge is undone', async ({ page, team, desk }) => {
  test.setTimeout(150_000);
  await page.setViewportSize({ width: 380, height: 820 });
  const st = team.sim.runtime.state;
  const product = st.groupByName('产品偏好')!;
  const lock = st.activeTagsOf(product).find((t) => t.name === '智能门锁')!;
  // Someone created 智能锁 beside 智能门锁 and used it on a few customers, some of whom have 智能门锁 too.
  const admin = await signIn(team, 'linxue');
  const created = await api<{ tag: { id: string; name: string }[] }>(team, admin, 'POST', `/team/v1/catalog/groups/${product.group_id}/tags`, { tags: [{ name: '智能锁' }] });
  expect(created.status).toBe(201);
  const dupId = created.body.value.tag.find((t) => t.name === '智能锁')!.id;
  const active = activeMembers(team);
  const rels = [...st.relations.values()].filter((r) => active.has(r.userid));
  const withLock = rels.filter((r) => r.tag_ids.includes(lock.id)).slice(0, 2);
  expect(withLock).toHaveLength(2);
  const without = rels.filter((r) => !r.tag_ids.includes(lock.id) && !withLock.some((w) => w.external_userid === r.external_userid)).slice(0, 5);
  const marked = [...withLock, ...without];
  for (const r of marked) r.tag_ids.push(dupId);
  const before = new Map(rels.map((r) => [`${r.userid}|${r.external_userid}`, [...r.tag_ids].sort()]));
  const customers = new Set(marked.map((r) => r.external_userid)).size;

  await signInAs(page, desk, 'linxue');
  await openGovernance(page);
  // Usage: 智能锁 is on the customers it was put on.
  await page.getByRole('searchbox', { name: '按标签名或标签组筛选' }).fill('智能');
  await expect(page.locator('[data-testid="usage-row"][data-tag-name="智能锁"]')).toHaveAttribute('data-customers', String(customers));
  await page.screenshot({ path: '/tmp/shots-catalog-governance-usage.png' });

  await page.getByTestId('gov-tab-duplicates').click();
  const pair = page.locator('[data-testid="dup-row"][data-a="智能门锁"][data-b="智能锁"], [data-testid="dup-row"][data-a="智能锁"][data-b="智能门锁"]');
  await expect(pair.first()).toBeVisible();
  await expect(pair.first()).toContainText('名称相近（相似度 75%）');
  await page.screenshot({ path: '/tmp/shots-catalog-governance-duplicates.png' });
  await pair.first().getByTestId('dup-merge').click();

  // The tool keeps the more used 智能门锁 and merges 智能锁 into it; the preview counts the customers.
  await expect(page.getByTestId('merge-keep-chip')).toHaveText('智能门锁');
  await expect(page.getByTestId('merge-from-chip')).toHaveText('智能锁');
  await expect(page.getByTestId('merge-run')).toBeDisabled();
  await page.getByTestId('merge-preview-run').click();
  await expect(page.getByTestId('merge-preview')).toContainText(`影响 ${customers} 位客户`, { timeout: 30_000 });
  await page.screenshot({ path: '/tmp/shots-catalog-governance-merge.png' });
  await page.getByTestId('merge-run').click();
  await expect(page.getByTestId('toast')).toContainText('合并已开始');
  const detail = page.getByTestId('batch-detail');
  await expect(detail).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(detail).toContainText('合并标签：智能锁 → 智能门锁');

  // In WeCom: every relation that had 智能锁 now has 智能门锁 and not 智能锁; nobody else changed.
  for (const r of rels) {
    const key = `${r.userid}|${r.external_userid}`;
    const now = st.relation(r.userid, r.external_userid)!.tag_ids;
    if (marked.includes(r)) {
      expect(now).toContain(lock.id);
      expect(now).not.toContain(dupId);
    } else {
      expect([...now].sort()).toEqual(before.get(key));
    }
  }
  const mergeId = await detail.getAttribute('data-batch-id');
  const audited = team.team.ctx.db.prepare(`SELECT COUNT(*) FROM audit_events WHERE action = 'tag.remove' AND json_extract(body, '$.source') = 'merge'`).pluck().get() as number;
  expect(audited).toBe(marked.length);

  // Undo the whole merge: every relation is back to exactly what it had.
  await page.getByTestId('batch-undo').click();
  await expect(page.getByTestId('toast')).toContainText('撤销');
  await expect(page.getByTestId('batch-detail')).not.toHaveAttribute('data-batch-id', mergeId!);
  await expect(page.getByTestId('batch-detail')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  for (const r of rels) expect([...st.relation(r.userid, r.external_userid)!.tag_ids].sort()).toEqual(before.get(`${r.userid}|${r.external_userid}`));
  await page.screenshot({ path: '/tmp/shots-catalog-governance-undo.png' });

  // The quarterly report names the duplicate and downloads as Markdown.
  await page.getByTestId('gov-tab-report').click();
  await page.getByTestId('report-run').click();
  await expect(page.getByTestId('report-duplicates')).toContainText('智能锁', { timeout: 30_000 });
  await expect(page.getByTestId('report-recs')).toContainText('把「智能锁」合并到「智能门锁」');
  await page.screenshot({ path: '/tmp/shots-catalog-report.png', fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByTestId('report-md').click();
  const md = readFileSync((await (await download).path()), 'utf8');
  expect(md).toContain('# 标签目录季度清理报告');
  expect(md).toContain('把「智能锁」合并到「智能门锁」');
});

test('an export by tag expression downloads a CSV for Excel whose rows are the matching relations', async ({ page, team, desk }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 380, height: 820 });
  const st = team.sim.runtime.state;
  const vip = st.activeTagsOf(st.groupByName('价值等级')!).find((t) => t.name === 'VIP')!;
  const active = activeMembers(team);
  const rels = [...st.relations.values()].filter((r) => active.has(r.userid));
  // A customer matches when any in-scope relation carries the tag; all its in-scope relations are rows.
  const matching = new Set(rels.filter((r) => r.tag_ids.includes(vip.id)).map((r) => r.external_userid));
  const expected = rels.filter((r) => matching.has(r.external_userid)).map((r) => `${r.external_userid}|${r.userid}`).sort();
  expect(expected.length).toBeGreaterThan(0);

  await signInAs(page, desk, 'linxue');
  await page.getByTestId('view-admin').click();
  await page.getByTestId('view-export').click();
  await page.getByTestId('export-scope-query').click();
  // A typo is named before anything downloads.
  await page.getByTestId('export-query').fill('价值等级:VIPP');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export').getByRole('alert')).toContainText('VIPP');
  await page.getByTestId('export-query').fill('价值等级:VIP');
  await page.locator('[data-testid="export-column"][data-column="企业名称"]').uncheck();
  await page.locator('[data-testid="export-column"][data-column="最近标签变更"]').uncheck();
  await page.screenshot({ path: '/tmp/shots-catalog-export.png' });
  const download = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync((await file.path()));
  // UTF-8 with a BOM and CRLF line ends: what Excel on Chinese Windows opens correctly.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text).toContain('\r\n');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  expect(header).toContain('客户ID');
  expect(header).toContain('价值等级');
  expect(header).not.toContain('企业名称');
  expect(header).not.toContain('最近标签变更');
  const id = header!.indexOf('客户ID');
  const member = header!.indexOf('跟进成员ID');
  expect(rows.map((r) => `${r[id]}|${r[member]}`).sort()).toEqual(expected);
  const value = header!.indexOf('价值等级');
  for (const r of rows) {
    const rel = st.relation(r[member]!, r[id]!)!;
    expect(r[value]!.split('、').includes('VIP')).toBe(rel.tag_ids.includes(vip.id));
  }
  await expect(page.getByTestId('export-result')).toContainText(`已导出 ${expected.length} 行`);

  const exports = team.team.ctx.db.prepare(`SELECT COUNT(*) FROM audit_events WHERE action = 'customers.export'`).pluck().get() as number;
  expect(exports).toBe(1);
});

test("a supervisor reads the catalog without managing it and exports only their team's relations", async ({ page, team, desk }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 380, height: 820 });
  const dir = team.team.ctx.directory;
  const mine = new Set(dir.teamOf(dir.member('chenjing')!).filter((m) => m.active).map((m) => m.userid));
  const all = activeMembers(team);
  expect(mine.size).toBeLessThan(all.size);
  const expected = [...team.sim.runtime.state.relations.values()].filter((r) => mine.has(r.userid)).map((r) => `${r.external_userid}|${r.userid}`).sort();

  await signInAs(page, desk, 'chenjing');
  await page.getByTestId('view-admin').click();
  await expect(page.getByTestId('view-governance')).toHaveCount(0);
  await page.getByTestId('view-catalog').click();
  await expect(page.getByTestId('catalog-group').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('catalog-new-group-open')).toHaveCount(0);
  await expect(page.getByTestId('catalog-group-delete')).toHaveCount(0);
  await expect(page.getByTestId('catalog-tag-delete')).toHaveCount(0);
  await page.getByTestId('catalog-policy').first().click();
  await expect(page.getByTestId('catalog-policy-editor')).toContainText('只有管理员可以修改策略');
  await expect(page.getByTestId('policy-baseline')).toBeDisabled();
  await expect(page.getByTestId('policy-save')).toHaveCount(0);

  await page.getByTestId('view-export').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const text = readFileSync((await (await download).path()), 'utf8').slice(1);
  const [header, ...rows] = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const id = header!.indexOf('客户ID');
  const member = header!.indexOf('跟进成员ID');
  expect(rows.map((r) => `${r[id]}|${r[member]}`).sort()).toEqual(expected);
});
