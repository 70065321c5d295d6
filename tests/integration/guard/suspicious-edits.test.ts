// Suspicious edits: a salesperson moves many customers at once, an admin strips one tag from
// many relations, edits land outside working hours, a member keeps trying to save blocked
// texts — each raises an alert for the overseers (and not below its threshold); a supervisor
// reverts an alert and WeCom is back exactly as before; repeated blocked saves suspend the
// member's tagging (7100012 from the relay) until the supervisor lifts it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, openEvents, relayClient, signIn } from '../team/helpers';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { WecomApiError } from '../../../src-shared/wecom/index';
import type { GuardAlert } from '../../../src-server/team/guard/guard-store';
import type { GuardAlertView } from '../../../src-shared/team-api/guard';
import type { BatchProgress } from '../../../src-server/team/batches/batch-service';
import type { Guardrails } from '../../../src-shared/policy/index';

process.env.TAGDESK_LOG_LEVEL ??= 'silent';

let demo: DemoTeam;
let admin: string;
let supervisor: string;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 400, reconcileIntervalMs: 0 });
  admin = await signIn(demo, 'linxue');
  supervisor = await signIn(demo, 'chenjing');
}, 60_000);
afterAll(async () => demo?.close());

const QUIET: Guardrails = {
  massChange: { enabled: false, windowMinutes: 10, minRelations: 30 },
  tagRemoval: { enabled: false, windowMinutes: 30, minRemovals: 20 },
  workingHours: { enabled: false, timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '24:00', minEdits: 5 },
  blockedAttempts: { enabled: false, windowMinutes: 60, threshold: 5, suspend: false },
};

async function setGuardrails(patch: Partial<Guardrails>): Promise<void> {
  const current = await api<{ revision: number } & Record<string, unknown>>(demo, admin, 'GET', '/team/v1/policy');
  const doc = { ...current.body.value, revision: current.body.value.revision + 1, guardrails: { ...QUIET, ...patch } };
  const saved = await api(demo, admin, 'PUT', '/team/v1/policy', doc);
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
}

const st = () => demo.sim.runtime.state;
const productTags = () => demo.sim.company.tagGroups.find((g) => g.group_name === '产品偏好')!.tags.map((t) => t.id);
const relationsOf = (userid: string, n: number) => [...st().relations.values()].filter((r) => r.userid === userid).slice(0, n);
const snapshot = (rels: { userid: string; external_userid: string }[]) => new Map(rels.map((r) => [`${r.userid}|${r.external_userid}`, [...st().relation(r.userid, r.external_userid)!.tag_ids].sort()]));
const alertsOf = async (actor: string, kind: string) => (await api<{ alerts: GuardAlert[] }>(demo, admin, 'GET', '/team/v1/guard/alerts')).body.value.alerts.filter((a) => a.actor === actor && a.kind === kind);

/** Moves each relation from one product tag it has (if any) to one it has not, through the relay. */
async function moveAll(token: string, rels: { userid: string; external_userid: string }[]): Promise<void> {
  const client = relayClient(demo, token);
  for (const r of rels) {
    const has = st().relation(r.userid, r.external_userid)!.tag_ids;
    const add = productTags().find((t) => !has.includes(t))!;
    const remove = productTags().filter((t) => has.includes(t)).slice(0, 1);
    await client.markTag({ userid: r.userid, external_userid: r.external_userid, add_tag: [add], ...(remove.length ? { remove_tag: remove } : {}) });
  }
}

describe('suspicious-edit alerts', () => {
  it('many customers changed by one member raise one alert for the supervisor, not below the threshold; revert restores WeCom exactly', async () => {
    await setGuardrails({ massChange: { enabled: true, windowMinutes: 10, minRelations: 6 } });
    const events = await openEvents(demo, supervisor);
    const few = relationsOf('zhaolei', 5);
    const many = relationsOf('liuyang', 6);
    const before = snapshot(many);
    await moveAll(await signIn(demo, 'zhaolei'), few);
    await moveAll(await signIn(demo, 'liuyang'), many);
    const pushed = await events.next((e) => e.event.kind === 'guard.alert' && e.event.actor === 'liuyang' && e.event.alertKind === 'mass_change');
    // The audit stream is observed in order: zhaolei's five changes were seen before liuyang's alert.
    expect(await alertsOf('zhaolei', 'mass_change')).toEqual([]);
    const [alert] = await alertsOf('liuyang', 'mass_change');
    expect(alert!.id).toBe((pushed.event as { alertId: string }).alertId);
    expect(alert!.summary).toContain('刘洋');
    expect(alert!.customers.sort()).toEqual(many.map((r) => r.external_userid).sort());
    // Named as WeCom names them (the supervisor's device does not hold 刘洋's customers).
    const nameOf = (ext: string) => demo.sim.company.customers.find((c) => c.external_userid === ext)!.name;
    const seen = (await api<GuardAlertView>(demo, supervisor, 'GET', `/team/v1/guard/alerts/${alert!.id}`)).body.value;
    expect(seen.customerNames).toEqual(Object.fromEntries(many.map((r) => [r.external_userid, nameOf(r.external_userid)])));
    expect(alert!.device).toContain('liuyang的电脑');
    expect(snapshot(many)).not.toEqual(before);

    // A supervisor of 销售一部 sees it and reverts it; a salesperson cannot.
    const sales = await signIn(demo, 'heyu');
    expect((await api(demo, sales, 'POST', `/team/v1/guard/alerts/${alert!.id}/revert`)).status).toBe(403);
    const reverted = await api<{ alert: GuardAlert; batch: BatchProgress }>(demo, supervisor, 'POST', `/team/v1/guard/alerts/${alert!.id}/revert`);
    expect(reverted.status, JSON.stringify(reverted.body)).toBe(201);
    expect(reverted.body.value.batch).toMatchObject({ kind: 'guard-revert', source: 'revert' });
    await demo.team.ctx.batches.idle(reverted.body.value.batch.id);
    expect(snapshot(many)).toEqual(before);
    expect(reverted.body.value.alert.status).toBe('reverted');
    const again = await api(demo, supervisor, 'POST', `/team/v1/guard/alerts/${alert!.id}/revert`);
    expect(again.status).toBe(409);
    const audit = await api<{ events: { action: string }[] }>(demo, admin, 'GET', '/team/v1/audit?source=revert&limit=500');
    expect(audit.body.value.events.filter((e) => e.action === 'tag.add' || e.action === 'tag.remove').length).toBeGreaterThan(0);
    events.close();
  });

  it('many removals of one tag raise an alert; fewer do not', async () => {
    await setGuardrails({ tagRemoval: { enabled: true, windowMinutes: 30, minRemovals: 8 } });
    // The actor (an admin here) is not told about their own alert; the other admin is.
    const events = await openEvents(demo, await signIn(demo, 'zhouwei'));
    const [tagA, tagB] = productTags().slice(-2) as [string, string];
    const active = new Set(demo.team.ctx.directory.members().filter((m) => m.active).map((m) => m.userid));
    const carriers = (tag: string) => [...st().relations.values()].filter((r) => active.has(r.userid) && r.tag_ids.includes(tag));
    const client = relayClient(demo, admin);
    expect(carriers(tagA).length).toBeGreaterThanOrEqual(7);
    expect(carriers(tagB).length).toBeGreaterThanOrEqual(8);
    for (const r of carriers(tagA).slice(0, 7)) await client.markTag({ userid: r.userid, external_userid: r.external_userid, remove_tag: [tagA] });
    const removed = carriers(tagB).slice(0, 8);
    const before = snapshot(removed);
    for (const r of removed) await client.markTag({ userid: r.userid, external_userid: r.external_userid, remove_tag: [tagB] });
    await events.next((e) => e.event.kind === 'guard.alert' && e.event.alertKind === 'tag_removal');
    const alerts = (await api<{ alerts: GuardAlert[] }>(demo, admin, 'GET', '/team/v1/guard/alerts?status=open')).body.value.alerts.filter((a) => a.kind === 'tag_removal');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.changes.every((c) => c.tagId === tagB && c.action === 'tag.remove')).toBe(true);
    expect(alerts[0]!.changes).toHaveLength(8);
    const reverted = await api<{ batch: BatchProgress }>(demo, admin, 'POST', `/team/v1/guard/alerts/${alerts[0]!.id}/revert`);
    await demo.team.ctx.batches.idle(reverted.body.value.batch.id);
    expect(snapshot(removed)).toEqual(before);
    events.close();
  });

  it('edits outside working hours raise an alert at the policy threshold', async () => {
    // A working-hours window that surely excludes now (Shanghai wall clock).
    const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
    const window = hour < 12 ? { start: '13:00', end: '23:00' } : { start: '01:00', end: '11:00' };
    await setGuardrails({ workingHours: { enabled: true, timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6, 7], ...window, minEdits: 3 } });
    const events = await openEvents(demo, supervisor);
    // One relation moved = at most two tag changes: below the threshold of three.
    await moveAll(await signIn(demo, 'sunli'), relationsOf('sunli', 1));
    await moveAll(await signIn(demo, 'huangmin'), relationsOf('huangmin', 3));
    const pushed = await events.next((e) => e.event.kind === 'guard.alert' && e.event.alertKind === 'off_hours');
    expect((pushed.event as { actor: string }).actor).toBe('huangmin');
    expect(await alertsOf('sunli', 'off_hours')).toEqual([]);
    const [alert] = await alertsOf('huangmin', 'off_hours');
    expect(alert!.summary).toContain('非工作时间');
    expect(alert!.changes.length).toBeGreaterThanOrEqual(3);
    events.close();
  });

  it('repeated blocked saves escalate and suspend the member until a supervisor lifts it', async () => {
    await setGuardrails({ blockedAttempts: { enabled: true, windowMinutes: 60, threshold: 3, suspend: true } });
    const member = await signIn(demo, 'zhoujie');
    const client = relayClient(demo, member);
    const rel = relationsOf('zhoujie', 1)[0]!;
    const tag = () => productTags().find((t) => !st().relation(rel.userid, rel.external_userid)!.tag_ids.includes(t))!;
    const events = await openEvents(demo, supervisor);

    // Two blocked saves: counted, nothing suspended, tagging works.
    const first = await api<{ attempts: number; suspended: boolean }>(demo, member, 'POST', '/team/v1/guard/blocked', { field: 'personalTag', categories: ['spi.health'] });
    expect(first.body.value).toMatchObject({ attempts: 1, suspended: false });
    const refused = await client.remark({ userid: 'zhoujie', external_userid: rel.external_userid, description: '身份证 110101199003071233' }).catch((e: unknown) => e);
    expect((refused as WecomApiError).errcode).toBe(RELAY_ERRCODES.refusedByPolicy);
    await client.markTag({ userid: 'zhoujie', external_userid: rel.external_userid, add_tag: [tag()] });
    expect(await alertsOf('zhoujie', 'blocked_attempts')).toEqual([]);

    // The third: the supervisor hears of it and the member's tagging is suspended.
    const third = await api<{ attempts: number; suspended: boolean }>(demo, member, 'POST', '/team/v1/guard/blocked', { field: 'remark', categories: ['pii.id_card'] });
    expect(third.body.value).toMatchObject({ attempts: 3, suspended: true });
    await events.next((e) => e.event.kind === 'guard.alert' && e.event.actor === 'zhoujie' && e.event.status === 'suspended');
    const [alert] = await alertsOf('zhoujie', 'blocked_attempts');
    expect(alert!.summary).toContain('周杰');
    expect(JSON.stringify(alert!.details)).not.toContain('110101');
    const suspendedWrite = await client.markTag({ userid: 'zhoujie', external_userid: rel.external_userid, add_tag: [tag()] }).catch((e: unknown) => e);
    expect((suspendedWrite as WecomApiError).errcode).toBe(RELAY_ERRCODES.memberSuspended);
    expect((await api<{ suspended: boolean }>(demo, member, 'GET', '/team/v1/guard/me')).body.value.suspended).toBe(true);

    // Another department's supervisor may not lift it; 陈静 may, and tagging works again.
    const other = await signIn(demo, 'yangfan');
    expect((await api(demo, other, 'POST', '/team/v1/guard/suspensions/zhoujie/lift', {})).status).toBe(403);
    const lifted = await api(demo, supervisor, 'POST', '/team/v1/guard/suspensions/zhoujie/lift', { note: '已沟通' });
    expect(lifted.status, JSON.stringify(lifted.body)).toBe(200);
    await client.markTag({ userid: 'zhoujie', external_userid: rel.external_userid, add_tag: [tag()] });
    const audit = await api<{ events: { action: string; actor: string }[] }>(demo, admin, 'GET', '/team/v1/audit?limit=200');
    expect(audit.body.value.events.some((e) => e.action === 'member.suspension.lift' && e.actor === 'chenjing')).toBe(true);
    expect(audit.body.value.events.some((e) => e.action === 'member.suspend')).toBe(true);
    events.close();
  });

  it('refuses guardrails that make no sense, in Chinese', async () => {
    const current = await api<{ revision: number } & Record<string, unknown>>(demo, admin, 'GET', '/team/v1/policy');
    const bad = await api(demo, admin, 'PUT', '/team/v1/policy', { ...current.body.value, revision: current.body.value.revision + 1, guardrails: { ...QUIET, workingHours: { ...QUIET.workingHours, timeZone: 'Mars/Base', start: '18:00', end: '09:00' } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('时区应为 IANA 名称');
  });
});
