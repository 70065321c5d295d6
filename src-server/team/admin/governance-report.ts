// The quarterly clean-up report: unused and dormant tags, near-duplicates, oversized groups and
// assignments past their expiry, with recommendations as codes (the desktop words them). Read
// only: it changes nothing in WeCom and leaves the expiry clocks alone.
import type { CleanupReport } from '../../../src-shared/team-api/catalog-governance';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { catalogGroups } from './selection';
import { loadRelations, relationKey } from './relations';
import { nearDuplicates, tagUsage } from './governance-helpers';

const DAY = 24 * 3600_000;
/** A quarter. */
export const REPORT_PERIOD_DAYS = 90;
/** More tags than this in one group are hard to pick from in WeCom's sidebar. */
export const OVERSIZED_GROUP_TAGS = 30;
/** Near-duplicate pairs at or above this score are reported. */
const DUPLICATE_MIN_SCORE = 0.6;

export async function cleanupReport(ctx: TeamContext, actor: string): Promise<CleanupReport> {
  if (ctx.directory.member(actor)?.role !== 'admin') throw new TeamHttpError('forbidden', 'admins only', '只有管理员可以查看清理报告。');
  const now = ctx.now().getTime();
  const periodStart = new Date(now - REPORT_PERIOD_DAYS * DAY).toISOString();
  const [usage, pairs, groups, relations] = await Promise.all([
    tagUsage(ctx, actor),
    nearDuplicates(ctx, actor, { minScore: DUPLICATE_MIN_SCORE }),
    catalogGroups(ctx),
    loadRelations(ctx, ctx.directory.members().filter((m) => m.active).map((m) => m.userid)),
  ]);
  const byId = new Map(usage.map((u) => [u.tagId, u]));
  const unused = usage.filter((u) => u.customers === 0).map((u) => ({ tagId: u.tagId, tagName: u.tagName, groupName: u.groupName, lastUsedAt: u.lastUsedAt }));
  const dormant = usage
    .filter((u) => u.customers > 0 && (u.lastUsedAt === null || u.lastUsedAt < periodStart))
    .map((u) => ({ tagId: u.tagId, tagName: u.tagName, groupName: u.groupName, customers: u.customers, lastUsedAt: u.lastUsedAt }));
  const duplicates = pairs.slice(0, 30).map((p) => ({ ...p, customersA: byId.get(p.a.tagId)?.customers ?? 0, customersB: byId.get(p.b.tagId)?.customers ?? 0 }));
  const oversizedGroups = groups.filter((g) => g.tags.length > OVERSIZED_GROUP_TAGS).map((g) => ({ groupId: g.id, groupName: g.name, tags: g.tags.length, limit: OVERSIZED_GROUP_TAGS }));

  // Past expiry and still on the relation: group TTLs count from the clock the expiry sweep
  // keeps, rule-given expiries from their provenance.
  const onRelation = new Set(relations.flatMap((r) => r.tagIds.map((t) => `${relationKey(r.userid, r.externalUserid)}\u0001${t}`)));
  const ttl = new Map(ctx.policy.current().tagGroups.filter((g) => g.ttlHours !== undefined).map((g) => [g.groupId, g.ttlHours!] as const));
  const expiredCount = new Map<string, number>();
  const count = (userid: string, externalUserid: string, tagId: string) => {
    if (onRelation.has(`${relationKey(userid, externalUserid)}\u0001${tagId}`)) expiredCount.set(tagId, (expiredCount.get(tagId) ?? 0) + 1);
  };
  const clocks = ctx.db.prepare(`SELECT userid, external_userid AS externalUserid, tag_id AS tagId, since FROM tag_ttl_clock`).all() as { userid: string; externalUserid: string; tagId: string; since: number }[];
  for (const c of clocks) {
    const hours = ttl.get(byId.get(c.tagId)?.groupId ?? '');
    if (hours !== undefined && c.since + hours * 3600_000 <= now) count(c.userid, c.externalUserid, c.tagId);
  }
  const due = ctx.db.prepare(`SELECT userid, external_userid AS externalUserid, tag_id AS tagId FROM automation_provenance WHERE expires_at IS NOT NULL AND expires_at <= ? AND expired_at IS NULL AND reverted_at IS NULL`).all(now) as { userid: string; externalUserid: string; tagId: string }[];
  for (const d of due) count(d.userid, d.externalUserid, d.tagId);
  const expired = [...expiredCount].flatMap(([tagId, assignments]) => {
    const u = byId.get(tagId);
    return u ? [{ tagId, tagName: u.tagName, groupName: u.groupName, assignments, ttlHours: ttl.get(u.groupId) ?? null }] : [];
  });

  const recommendations: CleanupReport['recommendations'] = [];
  if (unused.length) recommendations.push({ code: 'delete_unused', count: unused.length });
  for (const p of duplicates.slice(0, 5)) {
    // Keep the tag more customers carry; the other merges into it.
    const [keep, merge] = p.customersA >= p.customersB ? [p.a, p.b] : [p.b, p.a];
    recommendations.push({ code: 'merge_duplicate', keep: keep.tagName, merge: merge.tagName, reason: p.reason });
  }
  for (const g of oversizedGroups) recommendations.push({ code: 'split_group', groupName: g.groupName, tags: g.tags });
  const expiredTotal = expired.reduce((s, e) => s + e.assignments, 0);
  if (expiredTotal) recommendations.push({ code: 'run_expiry', assignments: expiredTotal });
  if (dormant.length) recommendations.push({ code: 'review_dormant', count: dormant.length });
  if (recommendations.length === 0) recommendations.push({ code: 'all_clear' });

  return {
    generatedAt: new Date(now).toISOString(), periodStart,
    totals: { groups: groups.length, tags: usage.length, customers: new Set(relations.map((r) => r.externalUserid)).size, unused: unused.length, dormant: dormant.length },
    unused, dormant, duplicates, oversizedGroups, expired, recommendations,
  };
}
