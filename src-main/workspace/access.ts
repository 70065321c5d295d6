// What the signed-in member may do, from the company's policy and the directory on this
// device: per-group access for their own relations, which colleagues' tags they may see, and
// whether personal tags are on. Rebuilt when the policy or the directory changes.
import type { Db } from '../store/database';
import { prepared } from '../store/sql';
import { readCatalog } from '../store/catalog';
import { buildDepartmentTree, type Department, type Member } from '../../src-shared/domain/organization';
import { createPermissionEngine, personalTagsEnabled, type PermissionDecision, type PermissionEngine } from '../../src-shared/permission/index';
import { parsePolicyDocument } from '../../src-shared/policy/validate';
import type { PolicyDocument } from '../../src-shared/policy/document';
import type { TagGroupPolicy } from '../../src-shared/policy/tag-group-policy';
import type { Me } from '../../src-shared/team-api/auth';
import type { GroupAccess } from '../../src-shared/ipc/index';

/**
 * Before the first policy arrives (a first start without the team server), every group is
 * view-only: nothing is written that the company's policy might forbid.
 */
export function provisionalPolicy(packId: string, packVersion: string): PolicyDocument {
  const r = parsePolicyDocument({
    schema: 'tagdesk.policy', schemaVersion: 1, revision: 1, updatedAt: new Date(0).toISOString(), updatedBy: 'tagdesk',
    rulePack: { packId, packVersion }, defaultTagGroup: 'view',
  });
  if (!r.ok) throw new Error('provisional policy does not validate');
  return r.value;
}

export const NO_POLICY_REASON = '尚未取得公司的标签策略，连接团队服务器后即可编辑';

export class Access {
  private readonly engine: PermissionEngine;
  private readonly self: Member;
  private readonly members: Map<string, Member>;
  private readonly groupPolicies: Map<string, TagGroupPolicy>;
  private readonly groupCache = new Map<string, GroupAccess>();
  readonly personal: { enabled: boolean; because: string };

  constructor(private readonly db: Db, me: Me, readonly policy: PolicyDocument, readonly provisional: boolean) {
    const departments = prepared<[], { id: number; name: string; parent_id: number | null }>(db, `SELECT id, name, parent_id FROM departments`).all()
      .map((d): Department => ({ id: d.id, name: d.name, parentId: d.parent_id ?? 0 }));
    const rows = prepared<[], { userid: string; name: string; dept: string | null }>(db, `
      SELECT m.userid, m.name, json_group_array(md.department_id) AS dept FROM members m
      LEFT JOIN member_departments md ON md.userid = m.userid GROUP BY m.userid`).all();
    this.members = new Map(rows.map((r) => [r.userid, {
      id: r.userid, name: r.name, role: 'sales' as const,
      departmentIds: (JSON.parse(r.dept ?? '[]') as Array<number | null>).filter((d): d is number => d !== null),
    }]));
    this.self = { id: me.userid, name: me.name, role: me.role, departmentIds: me.departmentIds };
    this.members.set(me.userid, this.self);
    this.engine = createPermissionEngine({ departments, members: [...this.members.values()], policy });
    this.groupPolicies = new Map(policy.tagGroups.map((g) => [g.groupId, g]));
    this.personal = personalTagsEnabled(this.self, policy, buildDepartmentTree(departments));
  }

  member(userid: string): Member | undefined {
    return this.members.get(userid);
  }

  /** Whether Tagdesk governs the group (an entry in the policy) or it came from the WeCom console. */
  isGoverned(groupId: string): boolean {
    return this.groupPolicies.has(groupId);
  }

  groupPolicy(groupId: string): TagGroupPolicy | undefined {
    return this.groupPolicies.get(groupId);
  }

  decideApply(externalUserid: string, groupId: string, owner = this.self.id): PermissionDecision {
    return this.engine.decide(this.self, 'tag.apply', { kind: 'relationTag', relation: { member: owner, customer: externalUserid }, groupId });
  }

  /** The member's access to a group on their own relations (the same for every customer). */
  group(groupId: string, groupName: string): GroupAccess {
    const hit = this.groupCache.get(groupId);
    if (hit) return hit;
    const p = this.groupPolicies.get(groupId);
    const d = this.decideApply('', groupId);
    const external = !p;
    let why: string | null = null;
    if (this.provisional) why = NO_POLICY_REASON;
    else if (!d.allowed) why = external ? `该标签组在企业微信后台创建，未纳入 Tagdesk 管理，仅可查看（${d.reason}）` : d.reason;
    else if (d.requiresApproval) why = d.reason;
    const access: GroupAccess = {
      groupId, groupName, canApply: d.allowed && !this.provisional, requiresApproval: d.allowed && d.requiresApproval,
      singleChoice: p?.singleChoice ?? false, sensitivity: p?.sensitivity ?? 'internal', why, external,
    };
    this.groupCache.set(groupId, access);
    return access;
  }

  /** May the member see a colleague's tags of this group on a shared customer? */
  canSeeColleagueGroup(colleague: string, externalUserid: string, groupId: string | null): boolean {
    if (groupId === null) return false;
    const owner = this.members.get(colleague);
    if (!owner) return this.self.role === 'admin';
    const reach = this.self.role === 'admin' ? 'company' : undefined;
    const staff = this.policy.delegation.staffViewColleagues;
    if (!reach && this.self.role !== 'supervisor') {
      if (staff === 'none') return false;
      if (staff === 'department' && !owner.departmentIds.some((d) => this.self.departmentIds.includes(d))) return false;
    }
    return this.engine.decide(this.self, 'tag.view', { kind: 'relationTag', relation: { member: colleague, customer: externalUserid }, groupId }).allowed;
  }

  /** Every group in catalog order with its access. */
  groups(): Array<GroupAccess & { tags: Array<{ tagId: string; name: string }> }> {
    return readCatalog(this.db).map((g) => ({ ...this.group(g.groupId, g.name), tags: g.tags.map((t) => ({ tagId: t.tagId, name: t.name })) }));
  }
}
