// The permission engine: decide(actor, action, resource) checks every level in order —
// role, relation scope, tag-group policy, personal-tag switch, content lint — and explains
// the answer. The first denying level decides; an approval demand makes an allow conditional.
import { buildDepartmentTree, ROLE_LABELS, type Department, type DepartmentTree, type Member, type MemberId } from '../domain/organization';
import { ACCESS_LEVEL_LABELS, accessRank, type AccessLevel } from '../policy/common';
import type { PolicyDocument } from '../policy/document';
import { SENSITIVITY_LABELS, type TagGroupPolicy } from '../policy/tag-group-policy';
import { personalTagsEnabled, relationReach, tagGroupAccess } from './levels';
import type {
  ContentVerdict, LevelResult, PermissionAction, PermissionDecision, PermissionLevel, PermissionResource,
} from './types';

export interface PermissionContext {
  departments: readonly Department[];
  members: readonly Member[];
  policy: PolicyDocument;
}

export interface PermissionEngine {
  decide(actor: Member, action: PermissionAction, resource: PermissionResource): PermissionDecision;
}

const REQUIRED: Partial<Record<PermissionAction, AccessLevel>> = {
  'tag.view': 'view', 'tag.apply': 'apply', 'tag.remove': 'apply', 'catalog.manage': 'manage',
};
/** Writes on a relation: tags, and the relation itself (remark, description, an approval request filed for it). */
const WRITES: ReadonlySet<PermissionAction> = new Set(['tag.apply', 'tag.remove', 'relation.write']);
/** Which resource kind each action is about; any other pairing is a caller's mistake, denied. */
const RESOURCE_OF: Readonly<Record<PermissionAction, PermissionResource['kind']>> = {
  'catalog.manage': 'tagGroup', 'tag.view': 'relationTag', 'tag.apply': 'relationTag', 'tag.remove': 'relationTag',
  'relation.read': 'relation', 'relation.write': 'relation', 'personalTag.read': 'personalTag', 'personalTag.write': 'personalTag',
};

const na = (level: PermissionLevel, reason = '不涉及'): LevelResult => ({ level, outcome: 'notApplicable', reason });

export function createPermissionEngine(ctx: PermissionContext): PermissionEngine {
  const tree = buildDepartmentTree(ctx.departments);
  const members = new Map(ctx.members.map((m) => [m.id, m]));
  const groupPolicies = new Map(ctx.policy.tagGroups.map((g) => [g.groupId, g]));
  const groupPolicy = (groupId: string): TagGroupPolicy =>
    groupPolicies.get(groupId) ?? {
      groupId, baseline: ctx.policy.defaultTagGroup, grants: [], limits: [], sensitivity: 'internal', approvalRequired: false, singleChoice: false,
    };
  return { decide: (actor, action, resource) => decide(ctx.policy, tree, members, groupPolicy, actor, action, resource) };
}

function decide(
  policy: PolicyDocument, tree: DepartmentTree, members: ReadonlyMap<MemberId, Member>, groupPolicy: (id: string) => TagGroupPolicy,
  actor: Member, action: PermissionAction, resource: PermissionResource,
): PermissionDecision {
  const levels: LevelResult[] = [];
  let grantedBy: PermissionLevel = 'role';
  let onBehalfOf: MemberId | undefined;
  const isPersonal = action === 'personalTag.read' || action === 'personalTag.write';

  // 1. role — what the role may do at all.
  if (RESOURCE_OF[action] !== resource.kind) {
    levels.push({ level: 'role', outcome: 'deny', reason: `操作 ${action} 不适用于对象 ${resource.kind}` });
  } else if (action === 'catalog.manage' && (actor.role === 'sales' || actor.role === 'service')) {
    levels.push({ level: 'role', outcome: 'deny', reason: `${ROLE_LABELS[actor.role]}不能管理标签库，请联系管理员` });
  } else if (action === 'catalog.manage' && resource.kind === 'tagGroup' && resource.groupId === null && actor.role !== 'admin') {
    levels.push({ level: 'role', outcome: 'deny', reason: '只有管理员可以新建标签组' });
  } else if (action === 'catalog.manage' && actor.role === 'admin') {
    levels.push({ level: 'role', outcome: 'allow', reason: '管理员始终可以管理标签库' });
  } else {
    levels.push({ level: 'role', outcome: 'allow', reason: `${ROLE_LABELS[actor.role]}可以执行此操作` });
  }

  // 2. scope — whose data: own relations, the team's, the company's; personal tags: owner only.
  if (resource.kind === 'personalTag') {
    if (resource.owner === actor.id) {
      levels.push({ level: 'scope', outcome: 'allow', reason: '本人的个人标签' });
    } else {
      const who = actor.role === 'admin' ? '管理员也不能查看或修改' : '其他人不能查看或修改';
      levels.push({ level: 'scope', outcome: 'deny', reason: `个人标签仅本人可见，${who}他人的个人标签` });
    }
  } else if (resource.kind === 'relation' || resource.kind === 'relationTag') {
    const owner = members.get(resource.relation.member);
    const reach = relationReach(actor, owner, tree);
    const write = WRITES.has(action);
    const ownerName = owner?.name ?? resource.relation.member;
    if (reach !== 'own') onBehalfOf = resource.relation.member;
    if (reach === 'own') levels.push({ level: 'scope', outcome: 'allow', reason: '自己跟进的客户' });
    else if (reach === 'none') levels.push({ level: 'scope', outcome: 'deny', reason: `跟进成员「${ownerName}」不在通讯录中` });
    else if (write) {
      const allowed = (reach === 'company' && actor.role === 'admin' && policy.delegation.adminsApplyForAll)
        || (reach === 'team' && policy.delegation.supervisorsApplyForTeam);
      levels.push(allowed
        ? { level: 'scope', outcome: 'allow', reason: `代「${ownerName}」操作其跟进的客户（${actor.role === 'admin' ? '管理员' : '本部门主管'}，将记录双方）` }
        : { level: 'scope', outcome: 'deny', reason: reach === 'team' || actor.role === 'admin'
            ? `策略不允许代他人打标签（「${ownerName}」跟进的客户）`
            : `只能给自己跟进的客户打标签，这是「${ownerName}」跟进的客户` });
    } else {
      const view = policy.delegation.staffViewColleagues;
      const allowed = reach === 'team' || (reach === 'company' && actor.role === 'admin')
        || view === 'all' || (view === 'department' && reach === 'department');
      levels.push(allowed
        ? { level: 'scope', outcome: 'allow', reason: `可查看「${ownerName}」跟进的客户（只读）` }
        : { level: 'scope', outcome: 'deny', reason: `不能查看「${ownerName}」跟进的客户：不在你的查看范围` });
    }
  } else {
    levels.push(na('scope', '标签库不属于某个跟进关系'));
  }

  // 3. tagGroup — the group's grants and limits for this actor.
  const required = REQUIRED[action];
  if (required && (resource.kind === 'relationTag' || resource.kind === 'tagGroup')) {
    if (resource.kind === 'tagGroup' && resource.groupId === null) {
      levels.push(na('tagGroup', '新建标签组，尚无组策略'));
    } else {
      const gp = groupPolicy(resource.kind === 'relationTag' ? resource.groupId : resource.groupId!);
      if (actor.role === 'admin') {
        levels.push({ level: 'tagGroup', outcome: 'allow', reason: '管理员可管理全部标签组' });
        if (action === 'tag.apply' && gp.approvalRequired) {
          levels[levels.length - 1] = { level: 'tagGroup', outcome: 'approval', reason: `该标签组（${SENSITIVITY_LABELS[gp.sensitivity]}）打标需审批` };
        }
      } else {
        const access = tagGroupAccess(actor, gp, tree);
        if (accessRank(access.level) < accessRank(required)) {
          levels.push({ level: 'tagGroup', outcome: 'deny', reason: `需要「${ACCESS_LEVEL_LABELS[required]}」权限，你只有「${ACCESS_LEVEL_LABELS[access.level]}」（${access.because}）` });
        } else if (action === 'tag.apply' && gp.approvalRequired) {
          levels.push({ level: 'tagGroup', outcome: 'approval', reason: `该标签组（${SENSITIVITY_LABELS[gp.sensitivity]}）打标需主管审批（${access.because}）` });
        } else {
          levels.push({ level: 'tagGroup', outcome: 'allow', reason: `${ACCESS_LEVEL_LABELS[access.level]}（${access.because}）` });
        }
      }
      grantedBy = 'tagGroup';
    }
  } else {
    levels.push(na('tagGroup'));
  }
  if (action === 'relation.read' || action === 'relation.write') grantedBy = 'scope';

  // 4. personalTags — the department switch; reading one's own existing tags stays possible.
  if (isPersonal && resource.kind === 'personalTag') {
    grantedBy = 'personalTags';
    const owner = members.get(resource.owner) ?? (resource.owner === actor.id ? actor : undefined);
    if (action === 'personalTag.read') {
      levels.push({ level: 'personalTags', outcome: 'allow', reason: '本人随时可以查看自己的个人标签' });
    } else if (!owner) {
      levels.push({ level: 'personalTags', outcome: 'deny', reason: '个人标签的所有者不在通讯录中' });
    } else {
      const sw = personalTagsEnabled(owner, policy, tree);
      levels.push({ level: 'personalTags', outcome: sw.enabled ? 'allow' : 'deny', reason: sw.enabled ? sw.because : `${sw.because}，不能新增或修改` });
    }
  } else {
    levels.push(na('personalTags'));
  }

  // 5. content — the linter's verdict on the text being written, if the caller passed one.
  const content: ContentVerdict | undefined = 'content' in resource ? resource.content : undefined;
  levels.push(contentLevel(content, isPersonal));

  const denied = levels.find((l) => l.outcome === 'deny');
  const approval = levels.find((l) => l.outcome === 'approval');
  if (denied) return { allowed: false, requiresApproval: false, decidedBy: denied.level, levels, reason: denied.reason, ...(onBehalfOf ? { onBehalfOf } : {}) };
  const decider = approval ?? levels.find((l) => l.level === grantedBy && l.outcome !== 'notApplicable') ?? levels[0]!;
  return {
    allowed: true,
    requiresApproval: approval !== undefined,
    decidedBy: decider.level,
    levels,
    reason: approval ? `可以提交，但需审批：${approval.reason}` : `允许：${decider.reason}`,
    ...(onBehalfOf ? { onBehalfOf } : {}),
  };
}

function contentLevel(content: ContentVerdict | undefined, personal: boolean): LevelResult {
  if (!content) return na('content', '未附带内容检查结果');
  const cats = content.categories?.length ? `（${content.categories.join('、')}）` : '';
  switch (content.verdict) {
    case 'block': return { level: 'content', outcome: 'deny', reason: `内容检查不通过${cats}：请改写后再提交` };
    // Personal tags have no approval path (no one else may read them), so they must be rewritten.
    case 'approval': return personal
      ? { level: 'content', outcome: 'deny', reason: `个人标签不能包含敏感信息${cats}：请改写` }
      : { level: 'content', outcome: 'approval', reason: `内容涉及敏感信息${cats}，需主管审批` };
    case 'replace': return { level: 'content', outcome: 'allow', reason: `内容检查建议替换措辞${cats}` };
    case 'warn': return { level: 'content', outcome: 'allow', reason: `内容检查有提醒${cats}` };
    case 'ok': return { level: 'content', outcome: 'allow', reason: '内容检查通过' };
  }
}
