// The approval queue: a sensitive tag becomes a request with a reason, the linter's findings
// and a 24-hour SLA. It is never sent to WeCom before approval; on approval the server itself
// applies the tag (or the approver's replacement) in WeCom, and both sides hear of every
// change of status — including expiry.
import { randomUUID } from 'node:crypto';
import { APPROVAL_SLA_MS, type Approval, type ApprovalStatus, type CreateApproval, type Decision } from '../../../src-shared/team-api/approvals';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import type { CatalogCache } from '../relay/catalog-cache';
import type { Governance } from '../relay/governance';
import { callOk, UpstreamError } from '../upstream';

interface Row {
  id: string;
  request_id: string;
  kind: 'sensitive_tag';
  status: ApprovalStatus;
  requester: string;
  userid: string;
  external_userid: string;
  group_id: string | null;
  group_name: string | null;
  tag_id: string | null;
  tag_name: string | null;
  reason: string;
  findings: string;
  created_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_at: string | null;
  note: string | null;
  replacement_tag_id: string | null;
  replacement_name: string | null;
  applied_tag_id: string | null;
  applied_tag_name: string | null;
  apply_pending: number;
  apply_error: string | null;
}

/** What the queue works with (a subset of the server's context, so it can be built first). */
export type ApprovalDeps = Pick<TeamContext, 'db' | 'log' | 'now' | 'directory' | 'events' | 'upstream' | 'audit'>;

export function createApprovalQueue(ctx: ApprovalDeps, governance: Governance, catalog: CatalogCache) {
  const { db } = ctx;
  const byId = db.prepare(`SELECT * FROM approvals WHERE id = ?`);
  const byRequest = db.prepare(`SELECT * FROM approvals WHERE requester = ? AND request_id = ?`);

  const view = (r: Row): Approval => ({
    id: r.id,
    requestId: r.request_id,
    kind: r.kind,
    status: r.status,
    requester: r.requester,
    requesterName: ctx.directory.member(r.requester)?.name ?? r.requester,
    userid: r.userid,
    externalUserid: r.external_userid,
    groupId: r.group_id,
    groupName: r.group_name,
    tagId: r.tag_id,
    tagName: r.tag_name,
    reason: r.reason,
    findings: JSON.parse(r.findings) as Approval['findings'],
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    note: r.note,
    appliedTagId: r.applied_tag_id,
    appliedTagName: r.applied_tag_name,
    applyPending: r.apply_pending === 1,
  });

  /** Who hears about a request: the requester, and those who may decide it. */
  const audienceOf = (r: Row): string[] => [...new Set([r.requester, ...ctx.directory.overseersOf(r.requester)])];

  const announce = (r: Row): void => {
    ctx.events.append({ kind: 'approval.updated', requestId: r.id, status: r.status, requester: r.requester }, audienceOf(r));
  };

  /** Applies an approved request's tag in WeCom; on failure it stays pending-apply and is retried. */
  async function applyApproved(id: string): Promise<void> {
    const r = byId.get(id) as Row | undefined;
    if (!r || r.status !== 'approved' || !r.apply_pending) return;
    try {
      let tagId = r.replacement_tag_id ?? r.tag_id;
      let tagName = r.replacement_tag_id ? ((await catalog.resolve([r.replacement_tag_id])).get(r.replacement_tag_id)?.tagName ?? null) : r.tag_name;
      const newName = r.replacement_name ?? (r.tag_id ? null : r.tag_name);
      if (newName) {
        const created = await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/add_corp_tag', {}, { group_id: r.group_id, tag: [{ name: newName }] });
        const group = created.tag_group as { tag?: { id: string; name: string }[] } | undefined;
        tagId = group?.tag?.find((t) => t.name === newName)?.id ?? null;
        tagName = newName;
        catalog.invalidate();
        if (!tagId) throw new Error('add_corp_tag returned no tag id');
      }
      await callOk(ctx.upstream, 'POST', '/cgi-bin/externalcontact/mark_tag', {}, { userid: r.userid, external_userid: r.external_userid, add_tag: [tagId] });
      db.transaction(() => {
        db.prepare(`UPDATE approvals SET apply_pending = 0, apply_error = NULL, applied_tag_id = ?, applied_tag_name = ? WHERE id = ?`).run(tagId, tagName, id);
        const updated = byId.get(id) as Row;
        ctx.audit.append({
          actor: updated.decided_by ?? 'system',
          onBehalfOf: r.userid,
          source: 'approval',
          action: 'tag.add',
          target: { kind: 'relationTag', member: r.userid, customer: r.external_userid, tagId: tagId! },
          before: null,
          after: { tagName, groupName: r.group_name, approvalId: id },
        });
        announce(updated);
        ctx.events.append({ kind: 'customer.tags.changed', externalUserid: r.external_userid, userid: r.userid, source: 'approval' }, audienceOf(updated));
      })();
      ctx.events.flush();
    } catch (e) {
      const msg = e instanceof UpstreamError ? `WeCom ${e.errcode}` : (e as Error).message;
      db.prepare(`UPDATE approvals SET apply_error = ? WHERE id = ?`).run(msg, id);
      ctx.log.warn({ id, err: msg }, 'approval: applying in WeCom failed; will retry');
    }
  }

  const queue = {
    async file(requester: string, deviceId: string, input: CreateApproval): Promise<{ approval: Approval; created: boolean }> {
      const existing = byRequest.get(requester, input.requestId) as Row | undefined;
      if (existing) return { approval: view(existing), created: false };
      const caller = { userid: requester, deviceId };
      const scope = governance.actOnRelation(caller, input.userid);
      if (scope) throw new TeamHttpError('forbidden', scope.message, scope.reason);

      let groupId: string | null = null;
      let groupName: string | null = null;
      let tagName: string | null = null;
      if (input.tagId) {
        const ref = (await catalog.resolve([input.tagId])).get(input.tagId);
        if (!ref) throw new TeamHttpError('not_found', `no tag ${input.tagId}`, '该标签不存在或已被删除，请刷新后重试。');
        const verdict = governance.applyTag(caller, input.userid, input.externalUserid, ref, 'add');
        if (verdict === null) throw new TeamHttpError('conflict', 'tag needs no approval', '这个标签不需要审批，可以直接添加。');
        if (verdict.errcode !== RELAY_ERRCODES.needsApproval) throw new TeamHttpError('forbidden', verdict.message, verdict.reason);
        ({ groupId, groupName, tagName } = ref);
      } else {
        // The server's catalog copy may not have been read yet (or may lag a new group): look once more.
        let group = catalog.groups().find((g) => g.group_id === input.groupId);
        if (!group) {
          await catalog.refresh();
          group = catalog.groups().find((g) => g.group_id === input.groupId);
        }
        if (!group) throw new TeamHttpError('not_found', `no tag group ${input.groupId}`, '该标签分组不存在，请刷新后重试。');
        groupId = group.group_id;
        groupName = group.group_name;
        tagName = input.proposedName!;
      }
      const now = ctx.now();
      const id = randomUUID();
      const row = db.transaction(() => {
        db.prepare(`
          INSERT INTO approvals (id, request_id, kind, status, requester, userid, external_userid, group_id, group_name, tag_id, tag_name, reason, findings, created_at, expires_at)
          VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
          id, input.requestId, input.kind, requester, input.userid, input.externalUserid, groupId, groupName, input.tagId ?? null, tagName,
          input.reason, JSON.stringify(input.findings), now.toISOString(), new Date(now.getTime() + APPROVAL_SLA_MS).toISOString(),
        );
        const r = byId.get(id) as Row;
        ctx.audit.append({
          actor: requester,
          ...(input.userid !== requester ? { onBehalfOf: input.userid } : {}),
          source: 'approval',
          action: 'approval.file',
          target: { kind: 'approval', requestId: id },
          before: null,
          after: { customer: input.externalUserid, member: input.userid, tagName, groupName, reason: input.reason },
        });
        announce(r);
        return r;
      })();
      ctx.events.flush();
      return { approval: view(row), created: true };
    },

    list(viewer: string, status: ApprovalStatus | null, mine: boolean): Approval[] {
      queue.expireOverdue();
      const me = ctx.directory.member(viewer);
      if (!me) return [];
      const rows = (status ? db.prepare(`SELECT * FROM approvals WHERE status = ? ORDER BY created_at`).all(status) : db.prepare(`SELECT * FROM approvals ORDER BY created_at`).all()) as Row[];
      const team = mine || (me.role !== 'supervisor' && me.role !== 'admin') ? new Set([viewer]) : new Set(ctx.directory.teamOf(me).map((m) => m.userid));
      return rows.filter((r) => team.has(r.requester) && (mine ? r.requester === viewer : true)).map(view);
    },

    get(viewer: string, id: string): Approval {
      const r = byId.get(id) as Row | undefined;
      if (!r || (r.requester !== viewer && !ctx.directory.overseersOf(r.requester).includes(viewer))) {
        throw new TeamHttpError('not_found', `no approval ${id} visible to ${viewer}`, '找不到该审批申请。');
      }
      return view(r);
    },

    async decide(approver: string, deviceId: string, id: string, d: Decision): Promise<Approval> {
      queue.expireOverdue();
      const r = byId.get(id) as Row | undefined;
      if (!r || !ctx.directory.overseersOf(r.requester).includes(approver)) {
        throw new TeamHttpError('not_found', `no approval ${id} this approver may decide`, '找不到该审批申请，或你无权审批。');
      }
      if (r.requester === approver) throw new TeamHttpError('forbidden', 'requesters may not decide their own request', '不能审批自己提交的申请。');
      if (r.status !== 'pending') throw new TeamHttpError('conflict', `approval ${id} is already ${r.status}`, `该申请已${({ approved: '通过', rejected: '驳回', expired: '过期', pending: '待审' } as const)[r.status]}，无需再次处理。`);
      const caller = { userid: approver, deviceId };
      if (d.decision === 'approve') {
        if (d.replacementTagId) {
          const ref = (await catalog.resolve([d.replacementTagId])).get(d.replacementTagId);
          if (!ref) throw new TeamHttpError('not_found', `no tag ${d.replacementTagId}`, '替换标签不存在或已被删除。');
        }
        const newName = d.replacementName ?? (r.tag_id ? null : r.tag_name);
        if (newName) {
          const refusal = governance.manageGroup(caller, r.group_id, [newName]);
          if (refusal) throw new TeamHttpError('forbidden', refusal.message, refusal.reason);
        }
      }
      const status: ApprovalStatus = d.decision === 'approve' ? 'approved' : 'rejected';
      db.transaction(() => {
        db.prepare(`
          UPDATE approvals SET status = ?, decided_by = ?, decided_at = ?, note = ?, replacement_tag_id = ?, replacement_name = ?, apply_pending = ?
          WHERE id = ? AND status = 'pending'`).run(status, approver, ctx.now().toISOString(), d.note ?? null, d.replacementTagId ?? null, d.replacementName ?? null, status === 'approved' ? 1 : 0, id);
        const u = byId.get(id) as Row;
        ctx.audit.append({
          actor: approver,
          onBehalfOf: u.requester,
          source: 'approval',
          action: `approval.${status === 'approved' ? 'approve' : 'reject'}`,
          target: { kind: 'approval', requestId: id },
          before: { status: 'pending' },
          after: { status, note: d.note ?? null, replacementTagId: d.replacementTagId ?? null, replacementName: d.replacementName ?? null },
        });
        announce(u);
      })();
      ctx.events.flush();
      if (status === 'approved') await applyApproved(id);
      return view(byId.get(id) as Row);
    },

    /** Marks overdue pending requests expired and tells both sides. */
    expireOverdue(): number {
      const overdue = db.prepare(`SELECT * FROM approvals WHERE status = 'pending' AND expires_at <= ?`).all(ctx.now().toISOString()) as Row[];
      if (overdue.length === 0) return 0;
      db.transaction(() => {
        for (const r of overdue) {
          db.prepare(`UPDATE approvals SET status = 'expired' WHERE id = ? AND status = 'pending'`).run(r.id);
          announce({ ...r, status: 'expired' });
        }
      })();
      ctx.events.flush();
      return overdue.length;
    },

    /** Retries approved requests whose WeCom apply failed. */
    async retryApplies(): Promise<void> {
      const ids = db.prepare(`SELECT id FROM approvals WHERE status = 'approved' AND apply_pending = 1`).pluck().all() as string[];
      for (const id of ids) await applyApproved(id);
    },

    /** True when an approved request covers adding this tag on this relation. */
    isApproved(userid: string, externalUserid: string, tagId: string): boolean {
      return (
        db
          .prepare(`SELECT 1 FROM approvals WHERE status = 'approved' AND userid = ? AND external_userid = ? AND (tag_id = ? OR replacement_tag_id = ? OR applied_tag_id = ?) LIMIT 1`)
          .get(userid, externalUserid, tagId, tagId, tagId) !== undefined
      );
    },
  };
  return queue;
}

export type ApprovalQueue = ReturnType<typeof createApprovalQueue>;
