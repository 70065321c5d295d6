// Device settings over the dispatcher: the team server can be changed only when signed out and
// only to a server that answers; the shortcut and the date locale are validated and kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoTeam } from '../../../src-server/demo/demo-team';
import { openDesktop, signIn, startTeam, waitFor, type Desktop } from './harness';
import { api, signIn as adminToken } from '../team/helpers';

let team: DemoTeam;
let desk: Desktop;

beforeAll(async () => {
  team = await startTeam(60);
  desk = openDesktop(team);
}, 60_000);
afterAll(async () => {
  desk?.close();
  await team?.close();
});

describe('settings', () => {
  it('start with the demo server, the default shortcut, and Chinese dates; browser mode has no global shortcut', async () => {
    const s = await desk.call('settings.get', {});
    expect(s).toEqual({ teamServerUrl: team.team.url, shortcut: 'CommandOrControl+Alt+T', shortcutActive: null, dateLocale: 'zh-CN' });
  });

  it('refuses a malformed shortcut or locale with a Chinese reason, keeps valid ones', async () => {
    const bad = await desk.fail('settings.setShortcut', { shortcut: 'K' });
    expect(bad.code).toBe('invalid_args');
    expect((await desk.call('settings.setShortcut', { shortcut: 'CommandOrControl+Shift+K' })).shortcut).toBe('CommandOrControl+Shift+K');
    expect((await desk.fail('settings.setDateLocale', { dateLocale: 'fr-FR' as 'zh-CN' })).code).toBe('invalid_args');
    await desk.call('settings.setDateLocale', { dateLocale: 'en-US' });
    expect((await desk.call('settings.get', {})).dateLocale).toBe('en-US');
  });

  it('changes the team server only when signed out, and only to one that answers', async () => {
    await signIn(desk, 'liuyang');
    const signedIn = await desk.fail('settings.setTeamServer', { url: team.team.url });
    expect(signedIn).toMatchObject({ code: 'conflict', userMessage: '请先退出登录，再更换团队服务器。' });
    await desk.call('session.signOut', {});
    const dead = await desk.fail('settings.setTeamServer', { url: 'http://127.0.0.1:9' });
    expect(dead.code).toBe('unavailable');
    expect((await desk.call('settings.get', {})).teamServerUrl).toBe(team.team.url);
    const notUrl = await desk.fail('settings.setTeamServer', { url: 'tagdesk' });
    expect(notUrl.code).toBe('invalid_args');
    const s = await desk.call('settings.setTeamServer', { url: `${team.team.url}/` });
    expect(s.teamServerUrl).toBe(team.team.url);
    await waitFor('online again', () => desk.app.session.connection().state === 'online');
  });

  it('the company policy turns the screen watermark on; the panel learns it without a restart', async () => {
    await signIn(desk, 'liuyang');
    expect((await desk.call('display.watermark', {})).enabled).toBe(false);
    const admin = await adminToken(team, 'linxue');
    const current = (await api<Record<string, unknown>>(team, admin, 'GET', '/team/v1/policy')).body.value;
    const saved = await api(team, admin, 'PUT', '/team/v1/policy', { ...current, revision: (current.revision as number) + 1, watermark: { enabled: true, opacity: 0.08 } });
    expect(saved.status).toBe(200);
    const w = await waitFor('watermark on', async () => {
      const v = await desk.call('display.watermark', {});
      return v.enabled ? v : false;
    });
    expect(w).toEqual({ enabled: true, opacity: 0.08, text: '刘洋 liuyang' });
    const tooStrong = await api(team, admin, 'PUT', '/team/v1/policy', { ...current, revision: (current.revision as number) + 2, watermark: { enabled: true, opacity: 0.9 } });
    expect(tooStrong.status).toBe(400);
  });
});
