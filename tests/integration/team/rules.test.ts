// The compliance rules in force come from the team server: an admin uploads an overlay (extra
// words, never below a category's floor), puts it in force with a policy revision, and from
// then on the relay lints with it and every desktop can fetch it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { WecomApiError } from '../../../src-shared/wecom/index';
import type { PolicyDocument } from '../../../src-shared/policy/index';
import { api, relayClient, signIn } from './helpers';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 100 });
});
afterAll(async () => demo?.close());

const overlay = (version: string, extra: Record<string, unknown> = {}) => ({
  schema: 'tagdesk.rule-overlay/1', id: 'xinghe', version,
  words: [{ category: 'spi.health', terms: ['慢阻肺'] }],
  ...extra,
});

describe('rule overlays and the policy that puts them in force', () => {
  it('lints relayed remarks with the company overlay once the policy names it', async () => {
    const admin = await signIn(demo, 'linxue');
    const sales = await signIn(demo, 'liuyang');
    const rel = demo.sim.company.relations.find((r) => r.userid === 'liuyang')!;
    const remark = () => relayClient(demo, sales).remark({ userid: 'liuyang', external_userid: rel.external_userid, description: '家里老人有慢阻肺' }).then(() => 0, (e: unknown) => (e as WecomApiError).errcode);
    expect(await remark()).toBe(0); // not a known word yet

    const up = await api(demo, admin, 'POST', '/team/v1/rule-overlays', overlay('1.0.0'));
    expect(up.status).toBe(201);
    const current = (await api<PolicyDocument>(demo, admin, 'GET', '/team/v1/policy')).body.value;
    const saved = await api<PolicyDocument>(demo, admin, 'PUT', '/team/v1/policy', { ...current, revision: current.revision + 1, rulePack: { ...current.rulePack, overlayId: 'xinghe', overlayVersion: '1.0.0' } });
    expect(saved.status).toBe(200);

    expect(await remark()).toBe(RELAY_ERRCODES.refusedByPolicy);
    const rules = await api<{ overlay: { id: string } | null }>(demo, sales, 'GET', '/team/v1/rules');
    expect(rules.body.value.overlay?.id).toBe('xinghe');
  });

  it('refuses an overlay below a category floor, a duplicate version, and a policy naming an unknown overlay', async () => {
    const admin = await signIn(demo, 'linxue');
    const below = await api(demo, admin, 'POST', '/team/v1/rule-overlays', overlay('2.0.0', { actions: { 'pii.id_cn': { tag: 'warn' } } }));
    expect(below.status).toBe(400);
    expect(below.body.error.userMessage).toMatch(/下限|低于/);
    expect((await api(demo, admin, 'POST', '/team/v1/rule-overlays', overlay('1.0.0'))).status).toBe(409);
    const current = (await api<PolicyDocument>(demo, admin, 'GET', '/team/v1/policy')).body.value;
    const bad = await api(demo, admin, 'PUT', '/team/v1/policy', { ...current, revision: current.revision + 1, rulePack: { ...current.rulePack, overlayId: 'nope', overlayVersion: '9.9.9' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.userMessage).toMatch(/找不到覆盖规则/);
    const stale = await api(demo, admin, 'PUT', '/team/v1/policy', { ...current, revision: current.revision });
    expect(stale.status).toBe(409);
  });

  it('lets only admins change rules and policy', async () => {
    const sup = await signIn(demo, 'chenjing');
    expect((await api(demo, sup, 'POST', '/team/v1/rule-overlays', overlay('3.0.0'))).status).toBe(403);
    const current = (await api<PolicyDocument>(demo, sup, 'GET', '/team/v1/policy')).body.value;
    expect((await api(demo, sup, 'PUT', '/team/v1/policy', { ...current, revision: current.revision + 1 })).status).toBe(403);
  });
});
