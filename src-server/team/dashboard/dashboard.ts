// The dashboard's figures for one viewer, computed on the team server from what it holds:
// relations and tags read from WeCom, the server's audit chain, automation provenance, the
// approval queue, device check-ins, stored orders (RFM) and shared company descriptors.
// Every figure is limited to the viewer's scope — a supervisor's team, or everyone for admins —
// here on the server, so a supervisor's desktop never receives another team's numbers.
import type { TeamContext } from '../context';
import { membersInScope, loadRelations } from '../admin/relations';
import { catalogGroups } from '../admin/selection';
import { automationOf } from '../automation/automation-service';
import { STALE_DEVICE_DAYS } from '../doctor/wecom-checks';
import { descriptorStoreOf } from './descriptor-store';
import { rfmScore, RFM_QUADRANTS } from '../../../src-shared/automation/index';
import { DASHBOARD_TREND_DAYS, DASHBOARD_WINDOW_DAYS, type Dashboard } from '../../../src-shared/team-api/dashboard';

const DAY = 86_400_000;
const CHINA_OFFSET = 8 * 3_600_000;

/** The China-time calendar day of an instant, as YYYY-MM-DD. */
export const chinaDay = (ms: number): string => new Date(ms + CHINA_OFFSET).toISOString().slice(0, 10);

function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

export async function computeDashboard(ctx: TeamContext, viewer: string): Promise<Dashboard> {
  const now = ctx.now().getTime();
  const members = membersInScope(ctx, viewer); // refuses an unknown or inactive viewer
  const me = ctx.directory.member(viewer)!;
  const memberIds = new Set(members.map((m) => m.userid));
  const relations = await loadRelations(ctx, [...memberIds]);
  const customers = new Set(relations.map((r) => r.externalUserid));

  // Tag distribution: distinct customers per catalog tag over the relations in scope.
  const groups = await catalogGroups(ctx);
  const tagCustomers = new Map<string, Set<string>>(groups.flatMap((g) => g.tags.map((t) => [t.id, new Set<string>()] as const)));
  const tagged = new Set<string>();
  for (const r of relations) {
    for (const t of r.tagIds) {
      const s = tagCustomers.get(t);
      if (!s) continue; // a tag deleted meanwhile
      s.add(r.externalUserid);
      tagged.add(r.externalUserid);
    }
  }
  const tagDistribution = groups.map((g) => ({
    groupId: g.id, groupName: g.name,
    tags: g.tags.map((t) => ({ tagId: t.id, tagName: t.name, customers: tagCustomers.get(t.id)!.size })),
  }));

  // Trend: tag.add / tag.remove on the server's chain per China-time day, by members in scope.
  const firstDay = chinaDay(now - (DASHBOARD_TREND_DAYS - 1) * DAY);
  const since = Date.parse(`${firstDay}T00:00:00+08:00`);
  const trendRows = ctx.db.prepare(`
    SELECT member, action, at FROM audit_events
    WHERE chain_id = 'server' AND action IN ('tag.add', 'tag.remove') AND at >= ?`).all(new Date(since).toISOString()) as { member: string; action: string; at: string }[];
  const trendByDay = new Map<string, { added: number; removed: number }>();
  for (let i = 0; i < DASHBOARD_TREND_DAYS; i++) trendByDay.set(chinaDay(since + i * DAY), { added: 0, removed: 0 });
  for (const r of trendRows) {
    if (!memberIds.has(r.member)) continue;
    const d = trendByDay.get(chinaDay(Date.parse(r.at)));
    if (!d) continue;
    if (r.action === 'tag.add') d.added++; else d.removed++;
  }

  // Rule hits: automatic assignments on relations in scope in the window.
  const windowStart = now - DASHBOARD_WINDOW_DAYS * DAY;
  const prov = ctx.db.prepare(`SELECT rule_id AS ruleId, rule_name AS ruleName, userid, external_userid AS externalUserid, reverted_at AS revertedAt FROM automation_provenance WHERE at >= ? ORDER BY at`)
    .all(windowStart) as { ruleId: string; ruleName: string; userid: string; externalUserid: string; revertedAt: number | null }[];
  const hits = new Map<string, { ruleId: string; ruleName: string; assignments: number; customers: Set<string>; reverted: number }>();
  for (const p of prov) {
    if (!memberIds.has(p.userid)) continue;
    let h = hits.get(p.ruleId);
    if (!h) hits.set(p.ruleId, (h = { ruleId: p.ruleId, ruleName: p.ruleName, assignments: 0, customers: new Set(), reverted: 0 }));
    h.ruleName = p.ruleName; // the latest version's name
    h.assignments++;
    h.customers.add(p.externalUserid);
    if (p.revertedAt !== null) h.reverted++;
  }
  const ruleHits = [...hits.values()].map((h) => ({ ruleId: h.ruleId, ruleName: h.ruleName, assignments: h.assignments, customers: h.customers.size, reverted: h.reverted }))
    .sort((a, b) => b.assignments - a.assignments || (a.ruleName < b.ruleName ? -1 : 1));

  // Approval SLA: requests on relations in scope.
  const nowIso = new Date(now).toISOString();
  const windowIso = new Date(windowStart).toISOString();
  const approvalRows = ctx.db.prepare(`
    SELECT userid, status, created_at AS createdAt, expires_at AS expiresAt, decided_at AS decidedAt FROM approvals
    WHERE status = 'pending' OR (status IN ('approved', 'rejected') AND decided_at >= ?) OR (status = 'expired' AND expires_at >= ?)`)
    .all(windowIso, windowIso) as { userid: string; status: string; createdAt: string; expiresAt: string; decidedAt: string | null }[];
  let pending = 0, overdue = 0, decided = 0, expired = 0, withinSla = 0;
  const hours: number[] = [];
  for (const a of approvalRows) {
    if (!memberIds.has(a.userid)) continue;
    if (a.status === 'pending') {
      pending++;
      if (a.expiresAt <= nowIso) overdue++;
    } else if (a.status === 'expired') expired++;
    else {
      decided++;
      if (a.decidedAt! <= a.expiresAt) withinSla++;
      hours.push((Date.parse(a.decidedAt!) - Date.parse(a.createdAt)) / 3_600_000);
    }
  }
  hours.sort((a, b) => a - b);

  // Sync health: each desktop of a member in scope by its last check-in.
  const devices = (ctx.db.prepare(`SELECT userid, last_seen_at AS lastSeenAt FROM devices WHERE revoked_at IS NULL`).all() as { userid: string; lastSeenAt: string | null }[])
    .filter((d) => memberIds.has(d.userid));
  const sync = { members: memberIds.size, membersWithDevice: new Set(devices.map((d) => d.userid)).size, devices: devices.length, fresh: 0, recent: 0, stale: 0, never: 0, relayWrites7d: 0, staleDays: STALE_DEVICE_DAYS };
  for (const d of devices) {
    if (!d.lastSeenAt) { sync.never++; continue; }
    const age = now - Date.parse(d.lastSeenAt);
    if (age < DAY) sync.fresh++; else if (age < STALE_DEVICE_DAYS * DAY) sync.recent++; else sync.stale++;
  }
  const relayWriters = ctx.db.prepare(`SELECT member FROM audit_events WHERE chain_id = 'server' AND source = 'relay' AND at >= ?`).pluck().all(new Date(now - 7 * DAY).toISOString()) as string[];
  sync.relayWrites7d = relayWriters.filter((m) => memberIds.has(m)).length;

  // RFM quadrants with the company's thresholds (policy), customers in scope only.
  const thresholds = ctx.policy.current().rfmThresholds;
  const quadrants = Object.fromEntries(RFM_QUADRANTS.map((q) => [q, 0])) as Record<string, number>;
  let scored = 0;
  for (const [externalUserid, events] of automationOf(ctx).store.eventsByCustomer(0, now)) {
    if (!customers.has(externalUserid)) continue;
    const s = rfmScore(events, now, thresholds);
    if (!s) continue;
    scored++;
    quadrants[s.quadrant]!++;
  }

  // Company knowledge: shared descriptors on customers in scope.
  const byDescriptor = new Map<string, number>();
  for (const p of descriptorStoreOf(ctx.db).pairs()) {
    if (customers.has(p.externalUserid)) byDescriptor.set(p.descriptorId, (byDescriptor.get(p.descriptorId) ?? 0) + 1);
  }
  const descriptors = ctx.policy.current().companyDescriptors.map((d) => ({ descriptorId: d.id, name: d.name, customers: byDescriptor.get(d.id) ?? 0 }));

  return {
    scope: { kind: me.role === 'admin' ? 'company' : 'team', members: memberIds.size, memberIds: [...memberIds].sort() },
    generatedAt: nowIso,
    customers: customers.size,
    relations: relations.length,
    taggedCustomers: tagged.size,
    tagDistribution,
    trend: [...trendByDay].map(([day, v]) => ({ day, ...v })),
    ruleHits,
    approvals: { pending, overdue, decided, expired, withinSla, medianHours: percentile(hours, 0.5), p90Hours: percentile(hours, 0.9) },
    sync,
    rfm: { scored, quadrants },
    descriptors,
  };
}
