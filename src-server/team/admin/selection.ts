// Choosing the relations a bulk change acts on: customers matched by a tag-set expression
// (the core's query language), a pasted list of external_userids, or both, narrowed by
// follow-member and name. A customer matches when any relation in the actor's scope carries
// the tags (ARCHITECTURE §4); the change then applies to those in-scope relations.
import type { Selector } from '../../../src-shared/team-api/admin';
import { compileTagQuery, TagQueryError } from '../../../src-shared/tagquery/index';
import type { TagGroup } from '../../../src-shared/domain/index';
import type { TeamContext } from '../context';
import { TeamHttpError } from '../http/respond';
import { relationsInScope, relationKey, type RelationRow } from './relations';

export { selectorSchema, type Selector } from '../../../src-shared/team-api/admin';

export interface Selection {
  relations: RelationRow[];
  customers: number;
  /** Pasted ids that are not customers of anyone in scope. */
  unknownIds: string[];
  current: Map<string, readonly string[]>;
  followers: Map<string, readonly string[]>;
}

/** The team server's catalog copy in the core's shape (refreshed first). */
export async function catalogGroups(ctx: TeamContext): Promise<TagGroup[]> {
  await ctx.catalog.refresh();
  return ctx.catalog.groups().map((g) => ({
    id: g.group_id, name: g.group_name, order: 0,
    tags: (g.tag ?? []).filter((t) => !t.deleted).map((t) => ({ id: t.id, groupId: g.group_id, name: t.name, order: 0 })),
  }));
}

export async function select(ctx: TeamContext, viewer: string, selector: Selector, relations?: RelationRow[]): Promise<Selection> {
  const all = relations ?? (await relationsInScope(ctx, viewer));
  const byCustomer = new Map<string, RelationRow[]>();
  for (const r of all) {
    if (selector.members && !selector.members.includes(r.userid)) continue;
    if (selector.nameContains && !r.customerName.includes(selector.nameContains)) continue;
    const list = byCustomer.get(r.externalUserid) ?? [];
    list.push(r);
    byCustomer.set(r.externalUserid, list);
  }
  let chosen = [...byCustomer.keys()];
  const unknownIds: string[] = [];
  if (selector.externalUserids) {
    const wanted = new Set(selector.externalUserids.map((s) => s.trim()).filter(Boolean));
    for (const id of wanted) if (!byCustomer.has(id)) unknownIds.push(id);
    chosen = chosen.filter((id) => wanted.has(id));
  }
  if (selector.query) {
    let compiled;
    try {
      compiled = compileTagQuery(selector.query, await catalogGroups(ctx));
    } catch (e) {
      if (e instanceof TagQueryError) throw new TeamHttpError('bad_request', `tag query: ${e.code}`, e.message, [{ path: 'selector.query', message: e.message }]);
      throw e;
    }
    chosen = chosen.filter((id) => compiled.matches(new Set(byCustomer.get(id)!.flatMap((r) => r.tagIds))));
  }
  const picked = chosen.flatMap((id) => byCustomer.get(id)!);
  const current = new Map(all.map((r) => [relationKey(r.userid, r.externalUserid), r.tagIds] as const));
  const followers = new Map<string, string[]>();
  for (const r of all) followers.set(r.externalUserid, [...(followers.get(r.externalUserid) ?? []), r.userid]);
  return { relations: picked, customers: chosen.length, unknownIds, current, followers };
}
