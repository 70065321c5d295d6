// What the 自动化 screen and the panel rely on, end to end below the UI: the rule list says how
// often a rule hit and when it last wrote; a chip's provenance names the triggering event; a
// rule's reminder reaches the follow-member's desk as an app event and a desktop notification;
// and the demo's stand-in shop posts signed events (history once, then a bounded live stream).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, demoIngestSecret, type DemoTeam } from '../../../src-server/demo/demo-team';
import { postSignedEvents, startDemoEventSender } from '../../../src-server/demo/demo-event-sender';
import { notificationFor } from '../../../src-main/app/notifications';
import { openDesktop, signIn, waitFor, type Desktop } from '../workspace/harness';
import { customersWithout, hoursAgo, ingest, ownerOf, rule, tagIdOf, wecomTags } from './helpers';
import type { AutomationRule } from '../../../src-shared/policy/index';
import type { AppEvent } from '../../../src-shared/ipc/index';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let team: DemoTeam;
const desks: Desktop[] = [];
beforeAll(async () => {
  team = await startDemoTeam({ customers: 150, reconcileIntervalMs: 0 });
});
afterAll(async () => {
  for (const d of desks) d.close();
  await team?.close();
});

describe('automation for the screens', () => {
  it('counts hits and the last write per rule, names the triggering event, and tells the owner', { timeout: 120_000 }, async () => {
    const admin = openDesktop(team);
    desks.push(admin);
    await signIn(admin, 'linxue');
    const callBack = tagIdOf(team, '售后状态', '待回访');
    const [c] = customersWithout(team, [callBack], 1);
    const owner = ownerOf(team, c!);
    const member = openDesktop(team);
    desks.push(member);
    await signIn(member, owner);

    const draft = rule('left-group', {
      name: '退群客户安排回访', enabled: true, trigger: { kind: 'event', event: 'group_left' },
      actions: [{ kind: 'addTag', tag: { groupName: '售后状态', tagName: '待回访' } }, { kind: 'notifyMember', message: '客户退出了产品群，请尽快回访' }],
    }) as unknown as AutomationRule;
    await admin.call('automation.backtest', { rule: { ...draft, enabled: false } });
    await admin.call('automation.rules.save', { rule: draft });
    const before = (await admin.call('automation.rules.list', {})).rules.find((r) => r.rule.id === 'left-group')!;
    expect(before.stats).toEqual({ hits: 0, customers: 0, lastHitAt: null, lastAppliedAt: null });

    const at = hoursAgo(1);
    const r = await ingest(team, [{ id: 'scr-left-1', kind: 'group_left', externalUserid: c, userid: owner, at, chatId: 'wr-demo-group-1' }]);
    expect(r.body.value.runs).toEqual([expect.objectContaining({ ruleId: 'left-group', status: 'applied', customers: 1 })]);
    await waitFor('the tag in WeCom', () => wecomTags(team, owner, c!).includes(callBack), 30_000);

    const after = (await admin.call('automation.rules.list', {})).rules.find((x) => x.rule.id === 'left-group')!;
    expect(after.stats).toMatchObject({ hits: 1, customers: 1, lastHitAt: Date.parse(at) });
    expect(after.stats.lastAppliedAt).toBeGreaterThan(Date.parse(at));

    // The chip's popover: the rule, its version, why, and the event itself.
    const prov = await member.call('automation.provenance', { externalUserid: c!, userid: owner, tagId: callBack });
    expect(prov.assignments[0]).toMatchObject({ ruleName: '退群客户安排回访', ruleVersion: 1, reason: '退出群聊', event: { kind: 'group_left', at: Date.parse(at), data: { chatId: 'wr-demo-group-1' } } });

    // The reminder reaches the owner's desk (the panel's toast) and becomes a desktop notification.
    const notice = await waitFor('the notice on the owner\'s desk', () => member.events.find((e): e is Extract<AppEvent, { type: 'automation.notice' }> => e.type === 'automation.notice'), 30_000);
    expect(notice).toMatchObject({ ruleId: 'left-group', ruleName: '退群客户安排回访', externalUserid: c, message: '客户退出了产品群，请尽快回访' });
    expect(notice.customerName).not.toBe('');
    expect(admin.events.some((e) => e.type === 'automation.notice')).toBe(false);
    const ws = member.app.workspaces.current()!;
    const shown = notificationFor(ws, notice);
    expect(shown).toMatchObject({ title: `自动化提醒 · ${notice.customerName}`, body: '客户退出了产品群，请尽快回访（规则「退群客户安排回访」）', externalUserid: c });
  });

  it('the demo sender posts signed history once and then a bounded live stream', { timeout: 120_000 }, async () => {
    const secret = demoIngestSecret(team.sim.corpid);
    const before = await ingestCount();
    const errors: unknown[] = [];
    const sender = startDemoEventSender({ url: team.team.url, secret, company: team.sim.company, seed: 5, historyCustomers: 40, intervalMs: 30, perTick: 4, maxLiveEvents: 10, onError: (e) => errors.push(e) });
    await sender.ready;
    const afterHistory = await ingestCount();
    expect(afterHistory).toBeGreaterThan(before);
    await waitFor('ten live events', async () => sender.sent() === 10 && (await ingestCount()) === afterHistory + 10, 30_000);
    await new Promise((res) => setTimeout(res, 200));
    expect(sender.sent()).toBe(10); // bounded
    sender.stop();
    expect(errors).toEqual([]);

    // A restart sends the same history: the server recognises every event.
    const again = startDemoEventSender({ url: team.team.url, secret, company: team.sim.company, seed: 5, historyCustomers: 40, intervalMs: 60_000, maxLiveEvents: 0, onError: (e) => errors.push(e) });
    await again.ready;
    again.stop();
    expect(await ingestCount()).toBe(afterHistory + 10);

    // Signed with anything but the company's secret, nothing gets in.
    await expect(postSignedEvents(team.team.url, 'not-the-secret-at-all', [{ id: 'x-1', kind: 'store_visit', externalUserid: 'wm1', at: new Date().toISOString(), storeId: 's' }])).rejects.toThrow(/401/);
  });
});

async function ingestCount(): Promise<number> {
  return team.team.ctx.db.prepare(`SELECT count(*) FROM automation_events`).pluck().get() as number;
}
