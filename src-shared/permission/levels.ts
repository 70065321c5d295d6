// The per-level questions of the permission engine, each a pure function of directory and
// policy: how far a tag-group policy lets an actor go, how far their relation scope reaches,
// and whether personal tags are switched on for a member.
import { ROLE_LABELS, type DepartmentTree, type Member, type Role } from '../domain/organization';
import { ACCESS_LEVEL_LABELS, accessRank, type AccessLevel, type Audience } from '../policy/common';
import type { PolicyDocument } from '../policy/document';
import type { TagGroupPolicy } from '../policy/tag-group-policy';

/** No role above its ceiling, whatever a grant says: staff never manage the catalog. */
export const ROLE_CEILING: Readonly<Record<Role, AccessLevel>> = {
  sales: 'apply', service: 'apply', supervisor: 'manage', admin: 'manage',
};

export const minLevel = (a: AccessLevel, b: AccessLevel): AccessLevel => (accessRank(a) <= accessRank(b) ? a : b);
export const maxLevel = (a: AccessLevel, b: AccessLevel): AccessLevel => (accessRank(a) >= accessRank(b) ? a : b);

export function audienceApplies(a: Audience, actor: Member, tree: DepartmentTree): boolean {
  if (a.role !== undefined && a.role !== actor.role) return false;
  if (a.departmentId === undefined) return true;
  const root = a.departmentId;
  return actor.departmentIds.some((d) => tree.isInSubtree(d, root));
}

export function describeAudience(a: Audience, tree: DepartmentTree): string {
  const parts: string[] = [];
  if (a.departmentId !== undefined) parts.push(`部门「${tree.get(a.departmentId)?.name ?? a.departmentId}」及下级`);
  if (a.role !== undefined) parts.push(ROLE_LABELS[a.role]);
  return parts.length ? parts.join('的') : '全员';
}

export interface GroupAccess {
  level: AccessLevel;
  /** Chinese: where the level comes from. */
  because: string;
}

/**
 * Grants are additive (highest applies), limits are restrictive (lowest applies) and the
 * role ceiling caps both: so adding a limit or removing a grant can only ever lower access.
 */
export function tagGroupAccess(actor: Member, group: TagGroupPolicy, tree: DepartmentTree): GroupAccess {
  let level = group.baseline;
  let because = `标签组默认${ACCESS_LEVEL_LABELS[group.baseline]}`;
  for (const g of group.grants) {
    if (audienceApplies(g, actor, tree) && accessRank(g.level) > accessRank(level)) {
      level = g.level;
      because = `授权给${describeAudience(g, tree)}：${ACCESS_LEVEL_LABELS[g.level]}`;
    }
  }
  for (const l of group.limits) {
    if (audienceApplies(l, actor, tree) && accessRank(l.max) < accessRank(level)) {
      level = l.max;
      because = `限制${describeAudience(l, tree)}最多${ACCESS_LEVEL_LABELS[l.max]}（较严者优先）`;
    }
  }
  const ceiling = ROLE_CEILING[actor.role];
  if (accessRank(ceiling) < accessRank(level)) {
    level = ceiling;
    because = `${ROLE_LABELS[actor.role]}角色最多${ACCESS_LEVEL_LABELS[ceiling]}`;
  }
  return { level, because };
}

export type RelationReach = 'own' | 'team' | 'department' | 'company' | 'none';

/** How the actor stands to the member who owns a relation. */
export function relationReach(actor: Member, owner: Member | undefined, tree: DepartmentTree): RelationReach {
  if (owner && owner.id === actor.id) return 'own';
  if (actor.role === 'admin') return 'company';
  if (!owner) return 'none';
  const inActorSubtree = owner.departmentIds.some((d) => actor.departmentIds.some((a) => tree.isInSubtree(d, a)));
  if (actor.role === 'supervisor' && inActorSubtree) return 'team';
  if (inActorSubtree || owner.departmentIds.some((d) => actor.departmentIds.includes(d))) return 'department';
  return 'company';
}

/**
 * Personal tags for a member: for each of their departments the nearest switch up the tree
 * (else the company default); with several departments, off wins (the stricter).
 */
export function personalTagsEnabled(member: Member, policy: PolicyDocument, tree: DepartmentTree): { enabled: boolean; because: string } {
  const switches = new Map(policy.personalTags.departments.map((s) => [s.departmentId, s.enabled]));
  const deptIds = member.departmentIds.length ? member.departmentIds : [];
  for (const d of deptIds) {
    const setter = tree.ancestorsOrSelf(d).find((a) => switches.has(a));
    const on = setter !== undefined ? switches.get(setter)! : policy.personalTags.enabled;
    if (!on) {
      const where = setter !== undefined ? `部门「${tree.get(setter)?.name ?? setter}」` : '公司';
      return { enabled: false, because: `${where}已关闭个人标签` };
    }
  }
  if (!policy.personalTags.enabled && deptIds.length === 0) return { enabled: false, because: '公司已关闭个人标签' };
  return { enabled: true, because: '个人标签已开启' };
}
