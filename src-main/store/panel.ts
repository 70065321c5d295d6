// The floating panel's one read: the customer, the member's own enterprise tags with their
// pending state grouped in catalog order, colleagues' relations read-only, and personal tags.
// A fixed handful of indexed queries on cached statements; must stay well under 1 ms.
import type { Db } from './database';
import { CUSTOMER_COLUMNS, RELATION_COLUMNS, toCustomer, toRelation, type Customer, type CustomerRow, type FollowRelation, type RelationRow } from './customers';
import { foldEffective, openOpsForPair, type TagState } from './effective-tags';
import { personalTagsOfCustomer, type PersonalTag } from './personal-tags';
import { prepared } from './sql';

export interface PanelTag { tagId: string; name: string; state: TagState; deleted: boolean }
/** A group in catalog order; `groupId` null collects tags the catalog does not place yet. */
export interface PanelGroup { groupId: string | null; groupName: string | null; tags: PanelTag[] }
export interface ColleagueRelation extends FollowRelation { memberName: string | null; tags: PanelGroup[] }

export interface PanelRead {
  customer: Customer;
  /** The signed-in member's relation; null when they do not follow this customer. */
  own: (FollowRelation & { pendingRemark: Record<string, unknown> | null }) | null;
  enterpriseTags: PanelGroup[];
  colleagues: ColleagueRelation[];
  personalTags: PersonalTag[];
  pendingOps: number;
  parkedOps: number;
}

export interface PanelOptions {
  /** Policy filter for colleagues' tags: groups the viewer may see. Default: all. */
  canSeeGroup?: (groupId: string | null) => boolean;
}

interface TagInfo {
  tag_id: string; name: string; deleted: number; sort_order: number; create_time: number; ref: number;
  group_id: string | null; group_name: string | null; g_order: number | null; g_create_time: number | null;
}
interface BaseRow extends TagInfo { relation_id: number }

const TAG_INFO = `t.tag_id, t.name, t.deleted, t.sort_order, t.create_time, t.ref, t.group_id,
  g.name AS group_name, g.sort_order AS g_order, g.create_time AS g_create_time`;

function compareGroups(a: TagInfo, b: TagInfo): number {
  if ((a.group_id === null) !== (b.group_id === null)) return a.group_id === null ? 1 : -1;
  return (b.g_order ?? 0) - (a.g_order ?? 0) || (a.g_create_time ?? 0) - (b.g_create_time ?? 0)
    || (a.group_id ?? '').localeCompare(b.group_id ?? '');
}
function compareTags(a: TagInfo, b: TagInfo): number {
  return compareGroups(a, b) || b.sort_order - a.sort_order || a.create_time - b.create_time || a.ref - b.ref;
}

function grouped(tags: TagInfo[], stateOf: (t: TagInfo) => TagState): PanelGroup[] {
  tags.sort(compareTags);
  const out: PanelGroup[] = [];
  let current: PanelGroup | undefined;
  for (const t of tags) {
    if (!current || current.groupId !== t.group_id) {
      current = { groupId: t.group_id, groupName: t.group_name, tags: [] };
      out.push(current);
    }
    current.tags.push({ tagId: t.tag_id, name: t.name, state: stateOf(t), deleted: t.deleted === 1 });
  }
  return out;
}

export function readPanel(db: Db, memberUserid: string, externalUserid: string, opts: PanelOptions = {}): PanelRead | undefined {
  const c = prepared<[string], CustomerRow>(db, `SELECT ${CUSTOMER_COLUMNS} FROM customers WHERE external_userid = ?`).get(externalUserid);
  if (!c) return undefined;
  const relations = prepared<[number], RelationRow & { member_name: string | null }>(db, `
    SELECT ${RELATION_COLUMNS.split(', ').map((col) => `r.${col}`).join(', ')}, m.name AS member_name
    FROM follow_relations r LEFT JOIN members m ON m.userid = r.member_userid
    WHERE r.customer_id = ? ORDER BY r.add_time, r.id`).all(c.id);
  const baseRows = prepared<[number], BaseRow>(db, `
    SELECT b.relation_id, ${TAG_INFO}
    FROM follow_relations r JOIN relation_base_tags b ON b.relation_id = r.id
    JOIN tags t ON t.ref = b.tag_ref LEFT JOIN tag_groups g ON g.group_id = t.group_id
    WHERE r.customer_id = ?`).all(c.id);

  const byRelation = new Map<number, BaseRow[]>();
  for (const row of baseRows) {
    const list = byRelation.get(row.relation_id);
    if (list) list.push(row); else byRelation.set(row.relation_id, [row]);
  }

  const ownRow = relations.find((r) => r.member_userid === memberUserid);
  const info = new Map<string, TagInfo>();
  for (const t of ownRow ? byRelation.get(ownRow.id) ?? [] : []) info.set(t.tag_id, t);
  const ops = openOpsForPair(db, c.id, memberUserid);
  const lookup = prepared<[string], TagInfo>(db, `SELECT ${TAG_INFO} FROM tags t LEFT JOIN tag_groups g ON g.group_id = t.group_id WHERE t.tag_id = ?`);
  for (const op of ops) {
    if (!op.tagId || info.has(op.tagId)) continue;
    info.set(op.tagId, lookup.get(op.tagId) ?? {
      tag_id: op.tagId, name: op.tagName ?? '', deleted: 1, sort_order: 0, create_time: 0, ref: 0,
      group_id: op.groupId, group_name: op.groupName, g_order: null, g_create_time: null,
    });
  }
  const folded = foldEffective(ownRow ? (byRelation.get(ownRow.id) ?? []).map((t) => t.tag_id) : [], ops,
    (tagId) => info.get(tagId)?.group_id ?? null);
  const shown = [...folded.states.keys()].map((id) => info.get(id)!).filter((t) => t !== undefined);

  const canSee = opts.canSeeGroup ?? (() => true);
  const colleagues: ColleagueRelation[] = relations.filter((r) => r.member_userid !== memberUserid).map((r) => ({
    ...toRelation(r),
    memberName: r.member_name,
    tags: grouped((byRelation.get(r.id) ?? []).filter((t) => canSee(t.group_id)), () => 'applied'),
  }));

  return {
    customer: toCustomer(c),
    own: ownRow ? { ...toRelation(ownRow), pendingRemark: folded.pendingRemark } : null,
    enterpriseTags: grouped(shown, (t) => folded.states.get(t.tag_id)!),
    colleagues,
    personalTags: personalTagsOfCustomer(db, c.id),
    pendingOps: folded.liveOps.length,
    parkedOps: folded.parkedOps.length,
  };
}
