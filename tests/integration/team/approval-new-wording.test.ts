// A request for a new tag wording on a team server that has not read the catalog yet (the
// first thing a member does after the server starts): the group is found, the request filed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { api, signIn } from './helpers';

let demo: DemoTeam;
beforeAll(async () => {
  demo = await startDemoTeam({ customers: 100, reconcileIntervalMs: 0 });
}, 60_000);
afterAll(async () => demo?.close());

it('files a new-wording request in a group on a fresh server', async () => {
  const token = await signIn(demo, 'liuyang');
  const rel = demo.sim.company.relations.find((r) => r.userid === 'liuyang')!;
  const group = demo.sim.company.tagGroups.find((g) => g.group_name === '价值等级')!;
  const r = await api<{ status: string; groupName: string; tagName: string }>(demo, token, 'POST', '/team/v1/approvals', {
    requestId: randomUUID(), kind: 'sensitive_tag', userid: 'liuyang', externalUserid: rel.external_userid,
    groupId: group.group_id, proposedName: '战略大客户', reason: '年框合同客户',
  });
  expect(r.status).toBe(201);
  expect(r.body.value).toMatchObject({ status: 'pending', groupName: '价值等级', tagName: '战略大客户' });
  const missing = await api(demo, token, 'POST', '/team/v1/approvals', {
    requestId: randomUUID(), kind: 'sensitive_tag', userid: 'liuyang', externalUserid: rel.external_userid,
    groupId: 'etNoSuchGroup', proposedName: '战略大客户', reason: '年框合同客户',
  });
  expect(missing.status).toBe(404);
});
