// Tagdesk's own desktop notifications: what main tells the member outside the panel (an
// approval decided, a new request to decide, an automation rule's notice), each checked
// against the member's mute verdict for the customer first. The shell shows them; this module
// only decides, so it is testable.
import type { AppEvent } from '../../src-shared/ipc/index';
import { prepared } from '../store/sql';
import { cachedApproval } from '../store/caches';
import type { Workspace } from '../workspace/workspace';
import { mayNotifyAbout } from '../workspace/mute';

export interface DesktopNotification {
  /** Stable per request and status, so a repeated event shows once. */
  key: string;
  title: string;
  body: string;
  externalUserid: string;
}

interface CachedBody { requester?: string; requesterName?: string; externalUserid?: string; tagName?: string | null; appliedTagName?: string | null; note?: string | null; status?: string }

export function notificationFor(ws: Workspace, e: AppEvent): DesktopNotification | null {
  if (e.type === 'automation.notice') {
    // A rule telling the follow-member about their customer («半年未购买，请回访»).
    if (!mayNotifyAbout(ws, e.externalUserid, { urgent: false })) return null;
    // Once a day per rule, customer and text: a redelivered event does not show twice.
    return { key: `automation:${e.ruleId}:${e.externalUserid}:${new Date().toISOString().slice(0, 10)}:${e.message}`, title: `自动化提醒 · ${e.customerName}`, body: `${e.message}（规则「${e.ruleName}」）`, externalUserid: e.externalUserid };
  }
  if (e.type !== 'approvals.changed') return null;
  const cached = cachedApproval(ws.db, e.requestId);
  if (!cached) return null;
  const a = cached.body as CachedBody;
  if (!a.externalUserid) return null;
  const customer = prepared<[string], string>(ws.db, `SELECT name FROM customers WHERE external_userid = ?`).pluck().get(a.externalUserid) ?? '客户';
  const tag = a.appliedTagName ?? a.tagName ?? '';
  let n: Omit<DesktopNotification, 'key' | 'externalUserid'> | null = null;
  if (a.requester === ws.me.userid && e.status === 'approved') {
    n = { title: '审批已通过', body: `${customer} ·「${tag}」已添加` };
  } else if (a.requester === ws.me.userid && e.status === 'rejected') {
    n = { title: '审批被驳回', body: `${customer} ·「${tag}」${a.note ? `：${a.note}` : ''}` };
  } else if (a.requester !== ws.me.userid && e.status === 'pending' && (ws.me.role === 'supervisor' || ws.me.role === 'admin')) {
    n = { title: '新的审批申请', body: `${a.requesterName ?? a.requester ?? ''} 申请为 ${customer} 添加「${tag}」` };
  }
  if (!n) return null;
  // Decisions about a customer in a quiet window wait in the panel instead of interrupting.
  if (!mayNotifyAbout(ws, a.externalUserid, { urgent: false })) return null;
  return { ...n, key: `${e.requestId}:${e.status}`, externalUserid: a.externalUserid };
}
