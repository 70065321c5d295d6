// A desktop's main services (as browser mode runs them) against the demo team server and
// WeCom simulator, signed in the real way: the login page's link for a member is followed,
// WeCom's redirect reaches the loopback callback, the team server issues the device token.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src-main/app/services';
import { memorySecretStore } from '../../../src-main/secrets/secret-store';
import { createLogger } from '../../../src-main/services/logger';
import type { AppEvent, ChannelName, Contract, ResultOf, ArgsOf } from '../../../src-shared/ipc/index';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';

export interface Desktop {
  app: App;
  dataDir: string;
  events: AppEvent[];
  call<K extends ChannelName>(channel: K, args: ArgsOf<Contract[K]>): Promise<ResultOf<Contract[K]>>;
  /** The call's error (Chinese userMessage and code), failing when it succeeded. */
  fail<K extends ChannelName>(channel: K, args: ArgsOf<Contract[K]>): Promise<{ code: string; userMessage: string }>;
  close(): void;
}

export async function startTeam(customers = 400): Promise<DemoTeam> {
  return startDemoTeam({ customers, faults: true, reconcileIntervalMs: 0 });
}

export function openDesktop(team: DemoTeam, dataDir = mkdtempSync(path.join(tmpdir(), 'tagdesk-ws-'))): Desktop {
  const events: AppEvent[] = [];
  const app = createApp({ mode: 'browser', dataDir, secrets: memorySecretStore(), log: createLogger({ level: process.env.TAGDESK_TEST_LOG ?? 'silent' }), teamServerUrl: team.team.url });
  app.bus.subscribe((e) => events.push(e));
  const call = async <K extends ChannelName>(channel: K, args: ArgsOf<Contract[K]>) => {
    const r = await app.dispatcher.dispatch(channel, args, { transport: 'browser' });
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message} / ${r.error.userMessage}`);
    return r.value as ResultOf<Contract[K]>;
  };
  const fail = async <K extends ChannelName>(channel: K, args: ArgsOf<Contract[K]>) => {
    const r = await app.dispatcher.dispatch(channel, args, { transport: 'browser' });
    if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
    return { code: r.error.code, userMessage: r.error.userMessage };
  };
  return { app, dataDir, events, call, fail, close: () => app.close() };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Signs in as `userid` through the simulator's login page and waits for the first load to finish. */
export async function signIn(desk: Desktop, userid: string): Promise<void> {
  const { url } = await desk.call('session.beginSignIn', {});
  const page = await (await fetch(url)).text();
  const href = /href="([^"]+)"[^>]*data-userid="([^"]+)"/g;
  let link: string | undefined;
  for (const m of page.matchAll(href)) if (m[2] === userid) link = m[1]!.replace(/&(amp|#38);/g, '&');
  if (!link) throw new Error(`no login link for ${userid}`);
  const confirm = await fetch(new URL(link, url), { redirect: 'manual' });
  const location = confirm.headers.get('location');
  if (location) await fetch(location);
  await waitFor('sign-in', () => desk.app.session.member()?.userid === userid);
  await waitFor('first load', async () => {
    const ws = desk.app.workspaces.current();
    if (!ws) return false;
    const st = ws.status();
    return st.loaded.at !== null && !st.loading;
  }, 30_000);
}

/**
 * Plants a parked change: while the desktop is offline the member applies a tag of `group` the
 * customer does not carry, an admin deletes that tag in the WeCom console, and the desktop comes
 * back online. Resolves with the tag and the conflict the inbox then shows.
 */
export async function parkDeletedTag(desk: Desktop, team: DemoTeam, externalUserid: string, group: string) {
  const g = (await desk.call('catalog.groups', {})).groups.find((x) => x.groupName === group)!;
  const current = (await desk.call('customers.panel', { externalUserid })).enterprise.flatMap((x) => x.chips.map((c) => c.tagId));
  const tag = g.tags.find((t) => !current.includes(t.tagId))!;
  desk.app.session.setConnection({ state: 'offline' });
  await desk.call('tags.apply', { externalUserid, tagId: tag.tagId });
  team.sim.faults!.consoleDeleteTag(tag.tagId);
  desk.app.session.setConnection({ state: 'online' });
  const conflict = await waitFor('conflict', async () => (await desk.call('conflicts.list', {})).conflicts.find((c) => c.externalUserid === externalUserid));
  return { tag, conflict };
}
