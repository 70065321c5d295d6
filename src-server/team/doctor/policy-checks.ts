// Doctor checks on the company's own configuration: permission conflicts (a member granted a
// group by one policy entry and held below it by another — the stricter wins, and the
// permission engine confirms which) and taxonomy smells, reusing the governance helpers'
// usage and near-duplicate detectors.
import type { TeamContext } from '../context';
import type { DoctorFinding } from '../../../src-shared/team-api/doctor';
import { createPermissionEngine } from '../../../src-shared/permission/index';
import { ACCESS_LEVEL_LABELS, accessRank, type AccessGrant, type AccessLimit } from '../../../src-shared/policy/index';
import { buildDepartmentTree, ROLE_LABELS, type Department, type Member } from '../../../src-shared/domain/index';
import { nearDuplicates, tagUsage } from '../admin/governance-helpers';
import type { CheckOutput } from './wecom-checks';

export const MAX_GROUPS = 15;
export const MAX_TAGS_PER_GROUP = 30;
const MAX_LISTED = 20;

const out = (check: 'permissionConflicts' | 'taxonomy', measured: string, findings: DoctorFinding[]): CheckOutput => ({
  result: { check, status: findings.length ? 'findings' : 'ok', measured, findings: findings.length }, findings,
});

export function checkPermissionConflicts(ctx: TeamContext): CheckOutput {
  const policy = ctx.policy.current();
  const departments: Department[] = ctx.directory.departments().map((d) => ({ id: d.id, name: d.name, parentId: d.parentId ?? 0 }));
  const tree = buildDepartmentTree(departments);
  const members: Member[] = ctx.directory.members().filter((m) => m.active).map((m) => ({ id: m.userid, name: m.name, role: m.role, departmentIds: m.departmentIds }));
  const engine = createPermissionEngine({ departments, members, policy });
  const groupName = new Map(ctx.catalog.groups().map((g) => [g.group_id, g.group_name]));
  const deptName = (id: number): string => departments.find((d) => d.id === id)?.name ?? `部门 ${id}`;
  const applies = (entry: AccessGrant | AccessLimit, m: Member): boolean =>
    (entry.role === undefined || entry.role === m.role) && (entry.departmentId === undefined || m.departmentIds.some((d) => tree.ancestorsOrSelf(d).includes(entry.departmentId!)));
  const who = (entry: AccessGrant | AccessLimit): string =>
    [entry.departmentId !== undefined ? `部门「${deptName(entry.departmentId)}」` : '', entry.role ? `角色「${ROLE_LABELS[entry.role]}」` : ''].filter(Boolean).join('、') || '所有人';
  const findings: DoctorFinding[] = [];
  for (const gp of policy.tagGroups) {
    gp.grants.forEach((grant, gi) => {
      gp.limits.forEach((limit, li) => {
        if (accessRank(limit.max) >= accessRank(grant.level)) return;
        const hit = members.filter((m) => m.role !== 'admin' && applies(grant, m) && applies(limit, m));
        if (hit.length === 0) return;
        const name = groupName.get(gp.groupId) ?? gp.groupId;
        // The engine decides; its answer names the level that won.
        const d = engine.decide(hit[0]!, 'tag.view', { kind: 'relationTag', relation: { member: hit[0]!.id, customer: '' }, groupId: gp.groupId });
        const seeNot = accessRank(limit.max) < accessRank('view') && accessRank(grant.level) >= accessRank('view');
        findings.push({
          id: `permissionConflicts:${gp.groupId}:${gi}:${li}`, check: 'permissionConflicts', severity: seeNot ? 'warning' : 'info',
          title: `标签组「${name}」对 ${hit.length} 位成员的授权与限制相互冲突`,
          explanation: `授权 tagGroups[${gp.groupId}].grants[${gi}]（${who(grant)}：${ACCESS_LEVEL_LABELS[grant.level]}）与限制 limits[${li}]（${who(limit)}：最多${ACCESS_LEVEL_LABELS[limit.max]}）同时适用于 ${hit.slice(0, MAX_LISTED).map((m) => m.name).join('、')}${hit.length > MAX_LISTED ? ' 等' : ''}。`
            + `按「更严格者优先」，生效的是限制（${ACCESS_LEVEL_LABELS[limit.max]}）：以 ${hit[0]!.name} 为例，权限引擎的结论是${d.allowed ? '可以查看' : '不能查看'}（${d.reason}）。如果授权才是本意，请删除或收窄这条限制。`,
          fix: null,
        });
      });
    });
  }
  return out('permissionConflicts', `用权限引擎检查策略中每个标签组的授权与限制是否对同一成员同时生效（${policy.tagGroups.length} 个标签组策略，${members.length} 位在职成员）。`, findings);
}

export async function checkTaxonomy(ctx: TeamContext, admin: string): Promise<CheckOutput> {
  const groups = ctx.catalog.groups().filter((g) => (g.tag ?? []).some((t) => !t.deleted));
  const findings: DoctorFinding[] = [];
  if (groups.length > MAX_GROUPS) {
    findings.push({
      id: 'taxonomy:groups', check: 'taxonomy', severity: 'info', title: `标签组过多（${groups.length} 个，建议不超过 ${MAX_GROUPS} 个）`,
      explanation: `标签组太多时，销售在面板里很难找到要用的标签，常用组也会被挤到下面。建议合并用途相近的组，或把只用过一次的活动标签归到「活动参与」一类的组里。`, fix: null,
    });
  }
  for (const g of groups) {
    const n = (g.tag ?? []).filter((t) => !t.deleted).length;
    if (n <= MAX_TAGS_PER_GROUP) continue;
    findings.push({
      id: `taxonomy:oversized:${g.group_id}`, check: 'taxonomy', severity: 'info', title: `标签组「${g.group_name}」有 ${n} 个标签（建议不超过 ${MAX_TAGS_PER_GROUP} 个）`,
      explanation: '标签过多的组难以浏览，也容易出现近义标签。可以拆分为几个更具体的组，或清理不再使用的标签。', fix: null,
    });
  }
  const [usage, dups] = await Promise.all([tagUsage(ctx, admin), nearDuplicates(ctx, admin)]);
  const unused = usage.filter((u) => u.customers === 0 && u.addsLast30Days === 0);
  if (unused.length > 0) {
    findings.push({
      id: 'taxonomy:unused', check: 'taxonomy', severity: 'info', title: `${unused.length} 个标签没有任何客户在用`,
      explanation: `这些标签目前没有打在任何客户上，最近 30 天也没人用过：${unused.slice(0, MAX_LISTED).map((u) => `${u.groupName}:${u.tagName}`).join('、')}${unused.length > MAX_LISTED ? ' 等' : ''}。可在标签库中删除（删除后可在回收站保留 72 小时）。`,
      fix: null,
    });
  }
  if (dups.length > 0) {
    const listed = dups.slice(0, 50).map((p) => `「${p.a.groupName}:${p.a.tagName}」与「${p.b.groupName}:${p.b.tagName}」（${p.reason}）`);
    findings.push({
      id: 'taxonomy:duplicates', check: 'taxonomy', severity: 'info', title: `${dups.length} 对标签可能重复`,
      explanation: `重复的标签会让同一类客户分散在两个标签下，筛选时漏掉一部分：${listed.join('；')}${dups.length > listed.length ? ' 等' : ''}。确属同义的，可在标签治理中把一个合并到另一个（一次可撤销的批量任务）；只是名称相近、含义不同的（如 80后/90后）可以忽略。`,
      fix: null,
    });
  }
  return out('taxonomy', `检查标签组数量（>${MAX_GROUPS}）、单组标签数（>${MAX_TAGS_PER_GROUP}）、未使用的标签和近似重复的标签（与标签治理工具同一套检测，基于企业微信当前的客户标签）。`, findings);
}
