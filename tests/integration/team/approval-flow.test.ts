// The team server end to end over HTTP, against the WeCom simulator: a salesperson signs in,
// relays a normal tag (it appears in WeCom), tries a sensitive one (refused without approval),
// files a request; the supervisor sees it and approves; WeCom has the tag; the salesperson's
// event stream got the decision.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { startDemoTeam, type DemoTeam } from '../../../src-server/demo/demo-team';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import { WecomApiError } from '../../../src-shared/wecom/index';
import type { Approval } from '../../../src-shared/team-api/approvals';
import { api, openEvents, relayClient, signIn, wecomTruth } from './helpers';

let demo: DemoTeam;
const SALES = 'liuyang'; // 销售一部, supervisor 陈静 (chenjing)
const SUPERVISOR = 'chenjing';

beforeAll(async () => {
  demo = await startDemoTeam({ customers: 400 });
});
afterAll(async () => demo?.close());

const groupTags = (name: string) => demo.sim.company.tagGroups.find((g) => g.group_name === name)!.tags;
const relationOf = (userid: string) => demo.sim.company.relations.find((r) => r.userid === userid && !r.tag_ids.includes(groupTags('价值等级').find((t) => t.name === 'VIP')!.id))!;
async function tagsInWeCom(userid: string, external: string): Promise<string[]> {
  const c = await wecomTruth(demo).getExternalContact(external);
  return (c.follow_user.find((f) => f.userid === userid)?.tags ?? []).map((t) => t.tag_id ?? '');
}

describe('a sensitive tag goes through the supervisor', () => {
  it('relays a normal tag into WeCom, refuses a sensitive one until a supervisor approves it', async () => {
    const salesToken = await signIn(demo, SALES);
    const relay = relayClient(demo, salesToken);
    const rel = relationOf(SALES);
    const product = groupTags('产品偏好').find((t) => !rel.tag_ids.includes(t.id))!;
    const vip = groupTags('价值等级').find((t) => t.name === 'VIP')!;
    const events = await openEvents(demo, salesToken);

    // 1. a normal tag goes straight through the relay into WeCom
    await relay.markTag({ userid: SALES, external_userid: rel.external_userid, add_tag: [product.id] });
    expect(await tagsInWeCom(SALES, rel.external_userid)).toContain(product.id);

    // 2. the sensitive one is refused with the relay's own errcode and a Chinese reason
    const refused = await relay.markTag({ userid: SALES, external_userid: rel.external_userid, add_tag: [vip.id] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WecomApiError);
    expect((refused as WecomApiError).errcode).toBe(RELAY_ERRCODES.needsApproval);
    expect(await tagsInWeCom(SALES, rel.external_userid)).not.toContain(vip.id);

    // 3. the salesperson files a request (twice: the second is the same request)
    const request = { requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: SALES, externalUserid: rel.external_userid, tagId: vip.id, reason: '年采购额超过50万，符合VIP标准', findings: [] };
    const filed = await api<Approval>(demo, salesToken, 'POST', '/team/v1/approvals', request);
    expect(filed.status).toBe(201);
    expect(filed.body.value).toMatchObject({ status: 'pending', tagName: 'VIP', groupName: '价值等级', requester: SALES });
    const again = await api<Approval>(demo, salesToken, 'POST', '/team/v1/approvals', request);
    expect(again.status).toBe(200);
    expect(again.body.value.id).toBe(filed.body.value.id);

    // 4. the supervisor sees it in the queue and approves
    const supToken = await signIn(demo, SUPERVISOR);
    const queue = await api<{ approvals: Approval[] }>(demo, supToken, 'GET', '/team/v1/approvals?status=pending');
    expect(queue.body.value.approvals.map((a) => a.id)).toContain(filed.body.value.id);
    const decided = await api<Approval>(demo, supToken, 'POST', `/team/v1/approvals/${filed.body.value.id}/decision`, { decision: 'approve', note: '同意' });
    expect(decided.status).toBe(200);
    expect(decided.body.value).toMatchObject({ status: 'approved', appliedTagId: vip.id, applyPending: false, decidedBy: SUPERVISOR });

    // 5. WeCom has the tag, applied by the server
    expect(await tagsInWeCom(SALES, rel.external_userid)).toContain(vip.id);

    // 6. the salesperson's stream heard the decision
    const heard = await events.next((e) => e.event.kind === 'approval.updated' && e.event.status === 'approved');
    expect(heard.event).toMatchObject({ requestId: filed.body.value.id, requester: SALES });
    events.close();
  });

  it('lets a supervisor approve a new wording instead, creating the tag in the group', async () => {
    const salesToken = await signIn(demo, 'zhaolei');
    const rel = relationOf('zhaolei');
    const filed = await api<Approval>(demo, salesToken, 'POST', '/team/v1/approvals', {
      requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: 'zhaolei', externalUserid: rel.external_userid,
      tagId: groupTags('价值等级').find((t) => t.name === '高净值客户')!.id, reason: '客户资产情况较好', findings: [],
    });
    const supToken = await signIn(demo, SUPERVISOR);
    const decided = await api<Approval>(demo, supToken, 'POST', `/team/v1/approvals/${filed.body.value.id}/decision`, { decision: 'approve', replacementName: '重点维护客户' });
    // 陈静 is a supervisor; managing a group needs a manage grant the demo policy gives only admins
    expect(decided.status).toBe(403);
    const adminToken = await signIn(demo, 'linxue');
    const byAdmin = await api<Approval>(demo, adminToken, 'POST', `/team/v1/approvals/${filed.body.value.id}/decision`, { decision: 'approve', replacementName: '重点维护客户' });
    expect(byAdmin.body.value).toMatchObject({ status: 'approved', appliedTagName: '重点维护客户', applyPending: false });
    const catalog = await wecomTruth(demo).getCorpTagList();
    const created = catalog.tag_group.find((g) => g.group_name === '价值等级')!.tag.find((t) => t.name === '重点维护客户');
    expect(created).toBeDefined();
    const c = await wecomTruth(demo).getExternalContact(rel.external_userid);
    expect(c.follow_user.find((f) => f.userid === 'zhaolei')!.tags.map((t) => t.tag_id)).toContain(created!.id);
  });

  it('refuses to let requesters decide their own request, and rejections need a reason', async () => {
    const supToken = await signIn(demo, SUPERVISOR);
    const rel = demo.sim.company.relations.find((r) => r.userid === SUPERVISOR)!;
    const own = await api<Approval>(demo, supToken, 'POST', '/team/v1/approvals', {
      requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: SUPERVISOR, externalUserid: rel.external_userid,
      tagId: groupTags('价值等级').find((t) => t.name === 'A类客户')!.id, reason: '老客户', findings: [],
    });
    expect(own.status).toBe(201);
    const self = await api(demo, supToken, 'POST', `/team/v1/approvals/${own.body.value.id}/decision`, { decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.userMessage).toBe('不能审批自己提交的申请。');
    const bossToken = await signIn(demo, 'wangqiang');
    const noReason = await api(demo, bossToken, 'POST', `/team/v1/approvals/${own.body.value.id}/decision`, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.userMessage).toMatch(/格式不正确/);
    const rejected = await api<Approval>(demo, bossToken, 'POST', `/team/v1/approvals/${own.body.value.id}/decision`, { decision: 'reject', note: '信息不足，请补充采购记录' });
    expect(rejected.body.value).toMatchObject({ status: 'rejected', note: '信息不足，请补充采购记录' });
    const twice = await api(demo, bossToken, 'POST', `/team/v1/approvals/${own.body.value.id}/decision`, { decision: 'approve' });
    expect(twice.status).toBe(409);
  });
});

describe('the 24-hour SLA', () => {
  it('expires a request nobody decided and tells both the requester and the supervisor', async () => {
    const salesToken = await signIn(demo, 'sujian');
    const supToken = await signIn(demo, SUPERVISOR);
    const rel = demo.sim.company.relations.find((r) => r.userid === 'sujian' && !r.tag_ids.includes(groupTags('价值等级').find((t) => t.name === 'B类客户')!.id))!;
    const filed = await api<Approval>(demo, salesToken, 'POST', '/team/v1/approvals', {
      requestId: crypto.randomUUID(), kind: 'sensitive_tag', userid: 'sujian', externalUserid: rel.external_userid,
      tagId: groupTags('价值等级').find((t) => t.name === 'B类客户')!.id, reason: '季度复购两次', findings: [],
    });
    expect(new Date(filed.body.value.expiresAt).getTime() - new Date(filed.body.value.createdAt).getTime()).toBe(24 * 3600 * 1000);
    const salesStream = await openEvents(demo, salesToken);
    const supStream = await openEvents(demo, supToken);
    // 24 hours pass without a decision
    demo.team.ctx.db.prepare(`UPDATE approvals SET expires_at = ? WHERE id = ?`).run(new Date(Date.now() - 1000).toISOString(), filed.body.value.id);
    expect(demo.team.ctx.approvals.expireOverdue()).toBe(1);
    for (const s of [salesStream, supStream]) {
      const e = await s.next((x) => x.event.kind === 'approval.updated' && x.event.requestId === filed.body.value.id);
      expect(e.event).toMatchObject({ status: 'expired' });
      s.close();
    }
    const late = await api(demo, supToken, 'POST', `/team/v1/approvals/${filed.body.value.id}/decision`, { decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.error.userMessage).toMatch(/过期/);
  });
});
