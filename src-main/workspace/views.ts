// Turns store rows into the shapes the panel draws: the panel view (chips with their states,
// approvals and conflicts folded in), conflicts in plain Chinese, approvals, history lines.
import type { Db } from '../store/database';
import { prepared } from '../store/sql';
import { readPanel, type PanelGroup as StoreGroup } from '../store/panel';
import { approvalsForCustomer, type CachedApproval } from '../store/caches';
import type { Conflict } from '../store/conflicts';
import type { OutboxOp } from '../store/outbox';
import type { ApprovalView, ConflictView, HistoryEntry, PanelChip, PanelGroup, PanelView } from '../../src-shared/ipc/index';
import type { Approval } from '../../src-shared/team-api/approvals';
import type { Access } from './access';

const iso = (sec: number | null | undefined): string | null => (sec ? new Date(sec * 1000).toISOString() : null);

/** Rejected requests stay on the panel this long, so the member sees the reason. */
const REJECTED_VISIBLE_SECONDS = 3 * 24 * 3600;

export function approvalView(a: CachedApproval, customerName: (ext: string) => string | null): ApprovalView | null {
  const b = a.body as Partial<Approval> & { status?: string; categories?: string[]; findings?: Array<{ category: string }> };
  if (!b.requestId || !b.externalUserid) return null;
  const status = a.state === 'queued' || a.state === 'refused' ? (a.state === 'refused' ? 'rejected' : 'queued') : (b.status ?? a.state);
  return {
    id: b.id ?? b.requestId, requestId: b.requestId, status: status as ApprovalView['status'],
    requester: b.requester ?? '', requesterName: b.requesterName ?? b.requester ?? '', userid: b.userid ?? '', externalUserid: b.externalUserid,
    customerName: customerName(b.externalUserid), groupId: b.groupId ?? null, groupName: b.groupName ?? null, tagId: b.tagId ?? null, tagName: b.tagName ?? null,
    reason: b.reason ?? '', categories: b.categories ?? (b.findings ?? []).map((f) => f.category),
    createdAt: b.createdAt ?? new Date(a.updatedAt * 1000).toISOString(),
    expiresAt: b.expiresAt ?? new Date((a.updatedAt + 24 * 3600) * 1000).toISOString(),
    decidedBy: b.decidedBy ?? null, decidedAt: b.decidedAt ?? null, note: b.note ?? null, appliedTagName: b.appliedTagName ?? null,
  };
}

export function customerNameOf(db: Db): (ext: string) => string | null {
  const stmt = prepared<[string], string>(db, `SELECT name FROM customers WHERE external_userid = ?`).pluck();
  return (ext) => stmt.get(ext) ?? null;
}

function conflictIdsByTag(db: Db, member: string, external: string): Map<string, number> {
  const rows = prepared<[string, string], { tag_id: string | null; id: number }>(db, `
    SELECT o.tag_id, c.id FROM conflicts c JOIN outbox_ops o ON o.op_id = c.op_id JOIN customers cu ON cu.id = o.customer_id
    WHERE c.resolved_at IS NULL AND o.member_userid = ? AND cu.external_userid = ?`).all(member, external);
  return new Map(rows.filter((r) => r.tag_id !== null).map((r) => [r.tag_id!, r.id]));
}

/** The last four digits of the first remark mobile that has four, as search hits and the header show it. */
export const mobileTail = (mobiles: readonly string[]): string | null => {
  const m = mobiles.find((x) => x.replace(/\D/g, '').length >= 4);
  return m ? m.replace(/\D/g, '').slice(-4) : null;
};

export function buildPanelView(db: Db, access: Access, member: string, external: string, nowSec: number): PanelView | undefined {
  const read = readPanel(db, member, external);
  if (!read) return undefined;
  const conflicts = conflictIdsByTag(db, member, external);
  const chip = (t: StoreGroup['tags'][number]): PanelChip => ({
    tagId: t.tagId, name: t.name, state: t.state, deleted: t.deleted, approval: null,
    conflictId: t.state === 'parked' ? conflicts.get(t.tagId) ?? null : null, provenance: null,
  });
  const groups: PanelGroup[] = read.enterpriseTags.map((g) => ({
    groupId: g.groupId, groupName: g.groupName,
    access: g.groupId ? access.group(g.groupId, g.groupName ?? '') : null,
    chips: g.tags.map(chip),
  }));
  // Requests the member filed for this relation: awaiting (queued or pending) and recently rejected.
  const onPanel = new Set(groups.flatMap((g) => g.chips.map((c) => c.tagId)));
  const names = customerNameOf(db);
  for (const a of approvalsForCustomer(db, external)) {
    if (a.memberUserid !== member) continue;
    const v = approvalView(a, names);
    if (!v) continue;
    const awaiting = v.status === 'queued' || v.status === 'pending';
    const rejected = v.status === 'rejected' && a.updatedAt >= nowSec - REJECTED_VISIBLE_SECONDS;
    if (!awaiting && !rejected) continue;
    const key = v.tagId ?? `new:${v.requestId}`;
    if (v.tagId && onPanel.has(v.tagId)) continue;
    const c: PanelChip = {
      tagId: key, name: v.tagName ?? '', state: awaiting ? 'awaiting-approval' : 'rejected', deleted: false,
      approval: { id: v.id, expiresAt: v.expiresAt, note: v.note, decidedBy: v.decidedBy }, conflictId: null, provenance: null,
    };
    let g = groups.find((x) => x.groupId === v.groupId);
    if (!g) {
      g = { groupId: v.groupId, groupName: v.groupName, access: v.groupId ? access.group(v.groupId, v.groupName ?? '') : null, chips: [] };
      groups.push(g);
    }
    g.chips.push(c);
    onPanel.add(key);
  }
  const own = read.own;
  return {
    customer: {
      externalUserid: read.customer.externalUserid, name: read.customer.name, type: read.customer.type,
      corpName: read.customer.corpName, position: read.customer.position, avatar: read.customer.avatar,
    },
    own: own ? {
      remark: own.remark || null, description: own.description || null, mobileTail: mobileTail(own.remarkMobiles), addedAt: iso(own.addTime),
      pendingRemark: own.pendingRemark as { remark?: string; description?: string } | null,
    } : null,
    enterprise: groups,
    colleagues: read.colleagues.map((c) => ({
      userid: c.memberUserid, name: c.memberName ?? c.memberUserid,
      groups: c.tags.filter((g) => access.canSeeColleagueGroup(c.memberUserid, external, g.groupId)).map((g) => ({
        groupId: g.groupId, groupName: g.groupName, access: null, chips: g.tags.map(chip),
      })),
    })).filter((c) => c.groups.length > 0),
    personal: access.personal.enabled ? read.personalTags.map((p) => ({ id: p.id, name: p.name, color: p.color })) : [],
    personalEnabled: access.personal,
    pendingOps: read.pendingOps,
    parkedOps: read.parkedOps,
  };
}

const KIND_TEXT: Record<Conflict['kind'], string> = {
  tag_missing: '该标签已在企业微信中被删除',
  ambiguous_remap: '该标签被删除后出现了多个同名标签，无法自动判断',
  not_following: '你已不再跟进该客户（可能已转接或被删除）',
  permission: '团队服务器拒绝了此更改',
  single_choice_clash: '企业微信中该客户已有同组的其他阶段标签',
  unknown_errcode: '企业微信返回了无法自动处理的错误',
};

function wantedText(op: OutboxOp): string {
  const name = op.tagName ? `「${op.tagName}」` : '';
  switch (op.kind) {
    case 'add': return `添加标签${name}`;
    case 'remove': return `移除标签${name}`;
    case 'single-choice-set': return `设为${name}`;
    case 'remark': return '修改备注';
  }
}

export function conflictView(c: Conflict, op: OutboxOp, customerName: string | null): ConflictView {
  const choices: ConflictView['choices'] = [];
  for (const ch of c.choices) {
    if (ch.kind === 'pick-replacement') for (const cand of ch.candidates) choices.push({ kind: 'pick-replacement', tagId: cand.tagId, groupId: null, label: `改用「${cand.groupName} · ${cand.tagName}」` });
    else if (ch.kind === 'create-tag') choices.push({ kind: 'create-tag', label: `在「${ch.groupName}」中新建「${ch.tagName}」` });
    else if (ch.kind === 'retry') choices.push({ kind: 'retry', label: c.kind === 'single_choice_clash' ? '仍然设为此阶段（移除其他阶段）' : '重试' });
    else choices.push({ kind: 'drop', label: '放弃此更改' });
  }
  if (!choices.some((x) => x.kind === 'drop')) choices.push({ kind: 'drop', label: '放弃此更改' });
  const detail = c.detail as { reason?: string; tagdesk_reason?: string };
  const server = Array.isArray(c.serverValue) ? (c.serverValue as unknown[]).map(String).join('、') : c.serverValue === null || c.serverValue === undefined ? null : JSON.stringify(c.serverValue);
  return {
    id: c.id, externalUserid: op.externalUserid, customerName, wanted: wantedText(op),
    happened: detail.tagdesk_reason ?? detail.reason ?? KIND_TEXT[c.kind], serverValue: server,
    at: new Date(c.createdAt * 1000).toISOString(), choices,
  };
}

const SOURCE_OF: Record<string, string> = { ui: 'panel', sync: 'sync', import: 'import', automation: 'automation', approval: 'approval' };

/** One Chinese line for an audit body of this device's chains; null for bookkeeping events. */
export function historyLine(body: Record<string, unknown>, personalName: (id: number) => string | null): { action: string; summary: string; source: string } | null {
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const type = str(body.type) ?? '';
  const tag = str(body.tagName) ? `「${str(body.tagName)}」` : '';
  const rawSource = str(body.source) ?? 'ui';
  const source = SOURCE_OF[rawSource] ?? rawSource;
  switch (type) {
    case 'outbox.add': return { action: 'tag.add', summary: `添加企业标签${tag}`, source };
    case 'outbox.remove': return { action: 'tag.remove', summary: `移除企业标签${tag}`, source };
    case 'outbox.single-choice-set': return { action: 'tag.choose', summary: `设为${tag}`, source };
    case 'outbox.remark': return { action: 'relation.remark', summary: '修改备注/描述', source };
    case 'approval.request': return { action: 'approval.request', summary: `申请审批${tag}`, source };
    case 'personal-tag.assign': return { action: 'personalTag.assign', summary: `添加个人标签「${personalName(Number(body.tagId)) ?? '已删除的标签'}」`, source: 'panel' };
    case 'personal-tag.unassign': return { action: 'personalTag.unassign', summary: `移除个人标签「${personalName(Number(body.tagId)) ?? '已删除的标签'}」`, source: 'panel' };
    default: return null;
  }
}

export function customerHistory(db: Db, external: string, self: string, actorName: (id: string) => string | null, limit: number): HistoryEntry[] {
  const personal = prepared<[number], string>(db, `SELECT name FROM personal_tags WHERE id = ?`).pluck();
  const rows = prepared<[string, number], { chain: 'enterprise' | 'personal'; body: string; created_at: number }>(db, `
    SELECT chain, body, created_at FROM audit_events WHERE json_extract(body, '$.externalUserid') = ?
    ORDER BY created_at DESC, seq DESC LIMIT ?`).all(external, limit * 2);
  const out: HistoryEntry[] = [];
  for (const r of rows) {
    const body = JSON.parse(r.body) as Record<string, unknown>;
    const line = historyLine(body, (id) => personal.get(id) ?? null);
    if (!line) continue;
    const actor = [body.actor, body.memberUserid].find((v): v is string => typeof v === 'string') ?? self;
    out.push({ at: new Date(r.created_at * 1000).toISOString(), actor, actorName: actorName(actor), source: line.source, action: line.action, summary: line.summary, chain: r.chain });
    if (out.length >= limit) break;
  }
  return out;
}
