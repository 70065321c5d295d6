// Approval requests queued on the device: filed once per request id, sent in order, and a
// request the team server refuses for good turns into a rejected chip with the server's reason,
// with the outbox row, the cached copy and the audit event changed together.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../../src-main/store/database';
import { dueApprovals, markApprovalSent, queueApproval, queuedApproval, queuedApprovalCount, refuseApproval } from '../../../src-main/store/approval-outbox';
import { cachedApproval } from '../../../src-main/store/caches';
import { auditEvents } from '../../../src-main/store/audit';
import type { CreateApproval } from '../../../src-shared/team-api/approvals';

function request(): { input: CreateApproval; display: Parameters<typeof queueApproval>[2] } {
  const requestId = randomUUID();
  const input: CreateApproval = { requestId, kind: 'sensitive_tag', userid: 'liuyang', externalUserid: 'wm1', tagId: 'et1', reason: '年采购额过百万', findings: [] };
  const display = {
    requestId, status: 'queued' as const, requester: 'liuyang', requesterName: '刘洋', userid: 'liuyang', externalUserid: 'wm1',
    tagId: 'et1', tagName: 'VIP', groupId: 'g1', groupName: '价值等级', reason: input.reason, categories: [], createdAt: new Date(0).toISOString(),
  };
  return { input, display };
}

describe('approval outbox', () => {
  it('files a request once per id and sends the oldest first', () => {
    const db = openDatabase(':memory:');
    const a = request();
    const b = request();
    queueApproval(db, a.input, a.display, 100);
    queueApproval(db, b.input, b.display, 101);
    queueApproval(db, a.input, a.display, 102);
    expect(queuedApprovalCount(db)).toBe(2);
    expect(dueApprovals(db, 200).map((q) => q.requestId)).toEqual([a.input.requestId, b.input.requestId]);
    markApprovalSent(db, a.input.requestId, 201);
    expect(dueApprovals(db, 202).map((q) => q.requestId)).toEqual([b.input.requestId]);
  });

  it('a refusal leaves the outbox, shows on the cached copy with the reason, and is audited', () => {
    const db = openDatabase(':memory:');
    const { input, display } = request();
    queueApproval(db, input, display, 100);
    refuseApproval(db, input.requestId, '你没有跟进该客户', 110);
    expect(queuedApproval(db, input.requestId)?.state).toBe('refused');
    expect(queuedApprovalCount(db)).toBe(0);
    const cached = cachedApproval(db, input.requestId)!;
    expect(cached.state).toBe('refused');
    expect(cached.body).toMatchObject({ status: 'rejected', note: '你没有跟进该客户', tagName: 'VIP' });
    expect(auditEvents(db, 'enterprise').map((e) => e.body.type)).toEqual(['approval.request', 'approval.refused']);
  });
});
