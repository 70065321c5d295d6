// Tag expiry: assignments a rule gave an expiry (addTag ttlHours, setExpiry) and tags of groups
// with `ttlHours` in policy are removed when due, through one batch (source automation) so the
// sweep is undoable, and audited. A group TTL counts from when the server first saw the tag on
// the relation (or a rule put it there); WeCom keeps no time per tag.
import type { TeamContext } from '../context';
import type { BatchChange } from '../batches/batch-store';
import { relationKey, type RelationRow } from '../admin/relations';
import { catalogGroups } from '../admin/selection';
import type { AutomationStore } from './automation-store';
import { relationsOf } from './planner';

export interface ExpiryResult {
  removed: number;
  relations: number;
  batchId: string | null;
}

export async function expireDue(ctx: TeamContext, store: AutomationStore, now: number): Promise<ExpiryResult> {
  const policy = ctx.policy.current();
  const ttl = new Map(policy.tagGroups.filter((g) => g.ttlHours !== undefined).map((g) => [g.groupId, g.ttlHours! * 3_600_000]));
  const due = store.dueExpiries(now);
  if (ttl.size === 0 && due.length === 0) return { removed: 0, relations: 0, batchId: null };
  const catalog = await catalogGroups(ctx);
  const groupOf = new Map(catalog.flatMap((g) => g.tags.map((t) => [t.id, g.id] as const)));
  const relations: RelationRow[] = ttl.size > 0 ? await relationsOf(ctx, null) : await relationsOf(ctx, [...new Set(due.map((d) => d.externalUserid))]);
  const byKey = new Map(relations.map((r) => [relationKey(r.userid, r.externalUserid), r]));

  const removals = new Map<string, Set<string>>();
  const remove = (userid: string, external: string, tagId: string): void => {
    const k = relationKey(userid, external);
    if (!byKey.get(k)?.tagIds.includes(tagId)) return;
    removals.set(k, (removals.get(k) ?? new Set()).add(tagId));
  };
  for (const d of due) remove(d.userid, d.externalUserid, d.tagId);
  const clocked: { userid: string; externalUserid: string; tagId: string }[] = [];
  ctx.db.transaction(() => {
    for (const r of relations) {
      for (const tagId of r.tagIds) {
        const span = ttl.get(groupOf.get(tagId) ?? '');
        if (span === undefined) continue;
        const since = store.clockSince(r.userid, r.externalUserid, tagId, now);
        if (since + span <= now) {
          remove(r.userid, r.externalUserid, tagId);
          clocked.push({ userid: r.userid, externalUserid: r.externalUserid, tagId });
        }
      }
    }
  })();
  const changes: BatchChange[] = [...removals.entries()].map(([k, tags]) => {
    const r = byKey.get(k)!;
    return { userid: r.userid, externalUserid: r.externalUserid, add: [], remove: [...tags] };
  });
  let batchId: string | null = null;
  if (changes.length) {
    const batch = await ctx.batches.create({
      kind: 'expiry', source: 'automation', title: '标签到期自动移除', actor: 'automation:expiry', changes, trusted: true,
      current: new Map(relations.map((r) => [relationKey(r.userid, r.externalUserid), r.tagIds] as const)),
      meta: { at: new Date(now).toISOString() },
    });
    batchId = batch.id;
  }
  ctx.db.transaction(() => {
    store.markExpired(due.map((d) => d.id), now);
    for (const c of clocked) store.dropClock(c.userid, c.externalUserid, c.tagId);
    if (changes.length) {
      ctx.audit.append({ actor: 'automation:expiry', source: 'automation', action: 'automation.expire', target: { kind: 'catalog' }, before: null, after: { batchId, relations: changes.length, tags: changes.reduce((s, c) => s + c.remove.length, 0) } });
    }
  })();
  return { removed: changes.reduce((s, c) => s + c.remove.length, 0), relations: changes.length, batchId };
}
