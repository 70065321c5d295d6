// Each end-to-end test owns its world: a fresh data folder and its own browser-mode instance
// of the app on a free port, stopped when the test ends.
import { test as base, expect, type Page } from '@playwright/test';
import { generateDemoCompany, type DemoCompany } from '../../src-server/demo/company';
import { startDemoTeam, type DemoTeam, type DemoTeamOptions } from '../../src-server/demo/demo-team';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface AppInstance {
  url: string;
  launchUrl: string;
  port: number;
  dataDir: string;
  /** With `demo: true`: the embedded team server and WeCom simulator. */
  teamServerUrl: string | null;
  simUrl: string | null;
  stderr: () => string;
  stop(): Promise<void>;
}

export async function startApp(opts: { dataDir?: string; env?: Record<string, string>; demo?: boolean; teamServerUrl?: string } = {}): Promise<AppInstance> {
  const entry = path.join(ROOT, 'out', 'main', 'browser.js');
  if (!existsSync(entry)) throw new Error('out/main/browser.js is missing: run `npx electron-vite build` (npm test does) first');
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tagdesk-e2e-'));
  const extra = opts.demo ? ['--demo'] : opts.teamServerUrl ? ['--team-server', opts.teamServerUrl] : [];
  const child: ChildProcess = spawn(process.execPath, [entry, '--data-dir', dataDir, '--port', '0', '--json', '--no-open', ...extra], {
    cwd: ROOT,
    env: { ...process.env, TAGDESK_SECRETS: 'memory', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ready = await new Promise<{ url: string; launchUrl: string; port: number; teamServerUrl: string | null; simUrl: string | null }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in 20 s: ${err}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`app exited with ${code}: ${err}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { url: string; launchUrl: string; port: number; teamServerUrl: string | null; simUrl: string | null });
    });
  });
  return {
    ...ready,
    dataDir,
    stderr: () => err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

// Playwright reads fixture dependencies from the destructuring pattern; these have none.
/* eslint-disable no-empty-pattern */
export const test = base.extend<{ app: AppInstance; demoApp: AppInstance }>({
  app: async ({}, use) => {
    const app = await startApp();
    await use(app);
    await app.stop();
  },
  /** An instance running the embedded demo: team server + WeCom simulator in its process. */
  demoApp: async ({}, use) => {
    const app = await startApp({ demo: true });
    await use(app);
    await app.stop();
  },
});

/**
 * A test that owns a demo team server and WeCom simulator in the test process (so it can plant
 * changes in WeCom, stop the server, read the audit) and, when asked for, a desk in browser mode
 * signed in against it.
 */
export function withDemoTeam(options: DemoTeamOptions) {
  return test.extend<{ team: DemoTeam; desk: AppInstance }>({
    team: async ({}, use) => {
      const team = await startDemoTeam(options);
      await use(team);
      await team.close();
    },
    desk: async ({ team }, use) => {
      const desk = await startApp({ teamServerUrl: team.team.url });
      await use({ ...desk, teamServerUrl: team.team.url, simUrl: team.sim.url });
      await desk.stop();
    },
  });
}
/* eslint-enable no-empty-pattern */

export { expect };

// --- Panel helpers (signing in as a demo member, the demo company's data) ---------------


let company: DemoCompany | undefined;
/** The embedded demo's company (seed 1, 2,000 customers), generated the same way it is. */
export function demoCompany(): DemoCompany {
  company ??= generateDemoCompany({ seed: 1, customers: 2000 });
  return company;
}

/** Opens the panel and signs in as a demo member through the simulator's WeCom login page. */
export async function signInAs(page: Page, app: AppInstance, userid: string): Promise<void> {
  await page.goto(app.launchUrl);
  await expect(page.getByTestId('panel')).toHaveAttribute('data-ready', 'true');
  const popupPromise = page.waitForEvent('popup');
  await page.getByTestId('sign-in').click();
  const login = await popupPromise;
  await login.locator(`a[data-userid="${userid}"]`).click();
  await expect(login.getByText('登录成功')).toBeVisible();
  await login.close();
  const name = demoCompany().staff.find((s) => s.userid === userid)?.name ?? '';
  await expect(page.getByTestId('member')).toContainText(name);
}

/** Searches, waits for the customer among the hits, moves to it with ↓ and opens it with Enter. */
export async function openCustomerByKeyboard(page: Page, query: string, name: string): Promise<void> {
  const search = page.getByTestId('search');
  await search.click();
  await search.fill(query);
  const hits = page.getByTestId('search-hit');
  await expect(hits.filter({ hasText: name }).first()).toBeVisible({ timeout: 20_000 });
  const names = await hits.locator('.hit-name').allTextContents();
  const index = names.indexOf(name);
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await search.press('ArrowDown');
  await search.press('Enter');
  await expect(page.getByTestId('customer-name')).toHaveText(name);
}

/** Moves through a listbox with ↓ until the option with this text is active, then presses Enter. */
export async function pickOption(page: Page, input: ReturnType<Page['getByTestId']>, text: string | RegExp): Promise<void> {
  const options = page.getByRole('option');
  await expect(options.filter({ hasText: text }).first()).toBeVisible();
  const texts = await options.allTextContents();
  const index = texts.findIndex((t) => (typeof text === 'string' ? t.includes(text) : text.test(t)));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < index; i++) await input.press('ArrowDown');
  await input.press('Enter');
}

/**
 * What WeCom's chat toolbar does when the member opens a customer's chat: the toolbar page
 * (signed in with a WeCom login code) reports the current chat to the team server.
 */
export async function openChatInWeCom(app: AppInstance, userid: string, externalUserid: string): Promise<void> {
  const { corpid, agentid } = demoCompany().credentials;
  const q = new URLSearchParams({ appid: corpid, agentid: String(agentid), redirect_uri: 'http://127.0.0.1:9/callback', state: 's', userid });
  const confirm = await fetch(`${app.simUrl}/wwlogin/sso/confirm?${q.toString()}`, { redirect: 'manual' });
  const code = new URL(confirm.headers.get('location')!).searchParams.get('code')!;
  const entry = await fetch(`${app.teamServerUrl}/toolbar?code=${code}`, { redirect: 'manual' });
  const cookie = entry.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${app.teamServerUrl}/toolbar/api/current`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: app.teamServerUrl! },
    body: JSON.stringify({ externalUserid, entry: 'single_chat_tools' }),
  });
  expect(res.status).toBe(200);
}

/** A device token for a demo member, signed in through WeCom's login code like a desktop (for admin actions in tests). */
export async function teamToken(app: AppInstance, userid: string): Promise<string> {
  const { corpid, agentid } = demoCompany().credentials;
  const q = new URLSearchParams({ appid: corpid, agentid: String(agentid), redirect_uri: 'http://127.0.0.1:9/callback', state: 's', userid });
  const confirm = await fetch(`${app.simUrl}/wwlogin/sso/confirm?${q.toString()}`, { redirect: 'manual' });
  const code = new URL(confirm.headers.get('location')!).searchParams.get('code')!;
  const res = await fetch(`${app.teamServerUrl}/team/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code, deviceLabel: 'e2e' }) });
  const body = (await res.json()) as { value: { deviceToken: string } };
  return body.value.deviceToken;
}

// --- Admin screens (mute rules, mass messages, bulk work) --------------------------------

/** A demo tag's "group:name" and id, looked up by name. */
export function demoTag(name: string): { id: string; group: string; name: string; ref: string } {
  for (const g of demoCompany().tagGroups) {
    const tag = g.tags.find((x) => x.name === name);
    if (tag) return { id: tag.id, group: g.group_name, name, ref: `${g.group_name}:${name}` };
  }
  throw new Error(`no demo tag ${name}`);
}

/**
 * A member's customers with a name no other of their customers shares (so search finds one),
 * each with the "group:tag" names of every tag on any of its relations.
 */
export function customersOf(userid: string): { externalUserid: string; name: string; tags: string[] }[] {
  const c = demoCompany();
  const ref = new Map(c.tagGroups.flatMap((g) => g.tags.map((x) => [x.id, `${g.group_name}:${x.name}`] as const)));
  const byId = new Map(c.customers.map((x) => [x.external_userid, x]));
  const mine = c.relations.filter((r) => r.userid === userid).map((r) => byId.get(r.external_userid)!);
  return mine
    .filter((m) => mine.filter((o) => o.name === m.name).length === 1)
    .map((m) => ({
      externalUserid: m.external_userid,
      name: m.name,
      tags: [...new Set(c.relations.filter((r) => r.external_userid === m.external_userid).flatMap((r) => r.tag_ids.map((id) => ref.get(id) ?? id)))],
    }));
}
