// Keeping the catalog tidy: usage per tag (customers, last used, 30-day trend from the audit
// chain), unused tags, near-duplicates by name similarity and by co-occurrence on the same
// customers, and a merge that re-tags every affected relation in one batch (source `merge`).
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { editDistance } from '../../../src-shared/bulk/import-check';
import { loadRelations, relationKey, type RelationRow } from './relations';
import { catalogGroups } from './selection';
import type { BatchProgress } from '../batches/batch-service';

export interface TagUsage {
  tagId: string;
  tagName: string;
  groupId: string;
  groupName: string;
  customers: number;
  relations: number;
  lastUsedAt: string | null;
  addsLast30Days: number;
  addsPrevious30Days: number;
}

export interface NearDuplicate {
  a: { tagId: string; tagName: string; groupName: string };
  b: { tagId: string; tagName: string; groupName: string };
  /** 0–1: 1 - edit distance / longer name. */
  nameSimilarity: number;
  /** 0–1: customers carrying both / customers carrying either. */
  coOccurrence: number;
  reason: string;
}

const DAY = 24 * 3600_000;

async function companyRelations(ctx: TeamContext): Promise<RelationRow[]> {
  return loadRelations(ctx, ctx.directory.members().filter((m) => m.active).map((m) => m.userid));
}

function requireAdmin(ctx: TeamContext, actor: string): void {
  if (ctx.directory.member(actor)?.role !== 'admin') throw new TeamHttpError('forbidden', 'admins only', '只有管理员可以使用标签治理工具。');
}

export async function tagUsage(ctx: TeamContext, actor: string): Promise<TagUsage[]> {
  requireAdmin(ctx, actor);
  const [groups, relations] = await Promise.all([catalogGroups(ctx), companyRelations(ctx)]);
  const customers = new Map<string, Set<string>>();
  const rels = new Map<string, number>();
  for (const r of relations) {
    for (const t of r.tagIds) {
      rels.set(t, (rels.get(t) ?? 0) + 1);
      let s = customers.get(t);
      if (!s) customers.set(t, (s = new Set()));
      s.add(r.externalUserid);
    }
  }
  const now = ctx.now().getTime();
  const stats = new Map<string, { last: string; recent: number; previous: number }>();
  const rows = ctx.db.prepare(`SELECT at, json_extract(body, '$.target.tagId') AS tagId FROM audit_events WHERE action = 'tag.add' AND at >= ?`).all(new Date(now - 365 * DAY).toISOString()) as { at: string; tagId: string | null }[];
  for (const r of rows) {
    if (!r.tagId) continue;
    const s = stats.get(r.tagId) ?? { last: '', recent: 0, previous: 0 };
    if (r.at > s.last) s.last = r.at;
    const age = now - Date.parse(r.at);
    if (age <= 30 * DAY) s.recent++;
    else if (age <= 60 * DAY) s.previous++;
    stats.set(r.tagId, s);
  }
  return groups.flatMap((g) => g.tags.map((t) => ({
    tagId: t.id, tagName: t.name, groupId: g.id, groupName: g.name,
    customers: customers.get(t.id)?.size ?? 0, relations: rels.get(t.id) ?? 0,
    lastUsedAt: stats.get(t.id)?.last || null, addsLast30Days: stats.get(t.id)?.recent ?? 0, addsPrevious30Days: stats.get(t.id)?.previous ?? 0,
  })));
}

const core = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/(客户|用户|类|型|的|\s)/g, '');

/** Characters that mark a step on a scale: 高/中/低意向, 80后/90后, A/B 类, 一/二期. */
const SCALE_MARKS = new Set([...'0123456789一二三四五六七八九十百高中低大小强弱多少新老早晚上下甲乙丙丁abcdefgh']);

/**
 * Two names that differ only in scale marks, position for position, are steps of one scale —
 * alternatives a member picks between, not two words for one thing — however alike they look.
 */
export function scaleSteps(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length || a === b) return false;
  return x.every((c, i) => c === y[i] || (SCALE_MARKS.has(c) && SCALE_MARKS.has(y[i]!)));
}

export async function nearDuplicates(ctx: TeamContext, actor: string, opts: { minScore?: number } = {}): Promise<NearDuplicate[]> {
  requireAdmin(ctx, actor);
  const minScore = opts.minScore ?? 0.5;
  const [groups, relations] = await Promise.all([catalogGroups(ctx), companyRelations(ctx)]);
  const tags = groups.flatMap((g) => g.tags.map((t) => ({ tagId: t.id, tagName: t.name, groupName: g.name, groupId: g.id })));
  const carriers = new Map<string, Set<string>>();
  for (const r of relations) for (const t of r.tagIds) {
    let s = carriers.get(t);
    if (!s) carriers.set(t, (s = new Set()));
    s.add(r.externalUserid);
  }
  const out: NearDuplicate[] = [];
  for (let i = 0; i < tags.length; i++) {
    for (let j = i + 1; j < tags.length; j++) {
      const a = tags[i]!;
      const b = tags[j]!;
      const ca = core(a.tagName);
      const cb = core(b.tagName);
      const longer = Math.max(ca.length, cb.length) || 1;
      // Steps of one scale look alike by design; only a shared customer base makes them suspects.
      const nameSimilarity = ca === cb ? 1 : scaleSteps(ca, cb) ? 0 : Math.max(0, 1 - editDistance(ca, cb, longer) / longer);
      const sa = carriers.get(a.tagId);
      const sb = carriers.get(b.tagId);
      let both = 0;
      if (sa && sb) for (const c of sa.size < sb.size ? sa : sb) if ((sa.size < sb.size ? sb : sa).has(c)) both++;
      const either = (sa?.size ?? 0) + (sb?.size ?? 0) - both;
      // Co-occurrence only means something with a few customers behind it.
      const coOccurrence = either >= 5 ? both / either : 0;
      if (nameSimilarity < minScore && coOccurrence < minScore) continue;
      const reason = nameSimilarity >= coOccurrence
        ? `名称相近（相似度 ${Math.round(nameSimilarity * 100)}%）`
        : `常被同时打在同一批客户上（重合度 ${Math.round(coOccurrence * 100)}%）`;
      out.push({ a: { tagId: a.tagId, tagName: a.tagName, groupName: a.groupName }, b: { tagId: b.tagId, tagName: b.tagName, groupName: b.groupName }, nameSimilarity: Math.round(nameSimilarity * 100) / 100, coOccurrence: Math.round(coOccurrence * 100) / 100, reason });
    }
  }
  return out.sort((x, y) => Math.max(y.nameSimilarity, y.coOccurrence) - Math.max(x.nameSimilarity, x.coOccurrence)).slice(0, 100);
}

/** Re-tags every relation carrying any of `fromTagIds` with `toTagId` (and removes the others) in one batch. */
export async function mergeTags(ctx: TeamContext, actor: string, fromTagIds: string[], toTagId: string): Promise<BatchProgress> {
  requireAdmin(ctx, actor);
  if (fromTagIds.includes(toTagId)) throw new TeamHttpError('bad_request', 'target among sources', '合并的目标标签不能同时是被合并的标签。');
  const refs = await ctx.catalog.resolve([...fromTagIds, toTagId]);
  const missing = [...fromTagIds, toTagId].find((id) => !refs.has(id));
  if (missing) throw new TeamHttpError('not_found', `no tag ${missing}`, '标签不存在，可能已被删除。');
  const relations = await companyRelations(ctx);
  const affected = relations.filter((r) => r.tagIds.some((t) => fromTagIds.includes(t)));
  if (affected.length === 0) throw new TeamHttpError('conflict', 'no customer carries the merged tags', '没有客户带有要合并的标签，无需合并。');
  const from = fromTagIds.map((id) => refs.get(id)!.tagName).join('、');
  return ctx.batches.create({
    kind: 'merge', source: 'merge', title: `合并标签：${from} → ${refs.get(toTagId)!.tagName}`, actor,
    changes: affected.map((r) => ({ userid: r.userid, externalUserid: r.externalUserid, add: [toTagId], remove: fromTagIds.filter((t) => r.tagIds.includes(t)) })),
    current: new Map(affected.map((r) => [relationKey(r.userid, r.externalUserid), r.tagIds] as const)),
    meta: { fromTagIds, toTagId },
  });
}
