// The relay's governance answered by the shared core: the permission engine over the team
// server's directory and the current policy, and the compliance linter. The engine is rebuilt
// when the policy or the directory changes; every answer is the engine's own explanation.
import { createPermissionEngine, type PermissionDecision, type PermissionEngine } from '../../../src-shared/permission/index';
import type { Department, Member } from '../../../src-shared/domain/index';
import type { Linter, LintResult } from '../../../src-shared/compliance/index';
import { RELAY_ERRCODES } from '../../../src-shared/team-api/errors';
import type { Directory } from '../directory';
import type { PolicyStore } from '../policy/policy-store';
import type { CatalogCache } from './catalog-cache';
import type { Caller, Governance, Refusal, TagRef } from './governance';

export interface CoreGovernanceDeps {
  directory: Directory;
  policy: PolicyStore;
  catalog: CatalogCache;
  /** True when an approved request covers adding this tag on this relation. */
  isApproved(userid: string, externalUserid: string, tagId: string): boolean;
  /** The linter of the rules in force (the shipped pack and the policy's overlay). */
  linter(): Linter;
}

const contentOf = (r: LintResult): { verdict: LintResult['verdict']; categories: string[] } => ({
  verdict: r.verdict,
  categories: [...new Set(r.findings.map((f) => f.category))],
});

export function createCoreGovernance(deps: CoreGovernanceDeps): Governance {
  let engine: PermissionEngine | null = null;
  let builtFor = -1;
  let members = new Map<string, Member>();
  deps.policy.onChange(() => (engine = null));

  const build = (): PermissionEngine => {
    if (engine && builtFor === deps.directory.version()) return engine;
    builtFor = deps.directory.version();
    const departments: Department[] = deps.directory.departments().map((d) => ({ id: d.id, name: d.name, parentId: d.parentId ?? 0 }));
    const list: Member[] = deps.directory
      .members()
      .filter((m) => m.active)
      .map((m) => ({ id: m.userid, name: m.name, role: m.role, departmentIds: m.mainDepartment !== null ? [m.mainDepartment, ...m.departmentIds.filter((d) => d !== m.mainDepartment)] : m.departmentIds }));
    members = new Map(list.map((m) => [m.id, m]));
    return (engine = createPermissionEngine({ departments, members: list, policy: deps.policy.current() }));
  };

  const actor = (caller: Caller): Member | null => {
    build();
    return members.get(caller.userid) ?? null;
  };

  const refusalFrom = (d: PermissionDecision): Refusal | null => {
    if (d.allowed && !d.requiresApproval) return null;
    if (d.allowed && d.requiresApproval) return { errcode: RELAY_ERRCODES.needsApproval, message: `needs approval (${d.decidedBy})`, reason: d.reason };
    const errcode = d.decidedBy === 'scope' ? RELAY_ERRCODES.outsideScope : RELAY_ERRCODES.refusedByPolicy;
    return { errcode, message: `refused at level ${d.decidedBy}`, reason: d.reason };
  };

  const unknownMember = (caller: Caller): Refusal => ({
    errcode: RELAY_ERRCODES.refusedByPolicy,
    message: `member ${caller.userid} is not active in the directory`,
    reason: '通讯录中没有你的账号或已停用，请联系管理员。',
  });

  return {
    actOnRelation(caller, userid) {
      const a = actor(caller);
      if (!a) return unknownMember(caller);
      return refusalFrom(build().decide(a, 'relation.write', { kind: 'relation', relation: { member: userid, customer: '' } }));
    },

    readRelations(caller, userid) {
      const a = actor(caller);
      if (!a) return unknownMember(caller);
      return refusalFrom(build().decide(a, 'relation.read', { kind: 'relation', relation: { member: userid, customer: '' } }));
    },

    applyTag(caller, userid, externalUserid, tag: TagRef, op) {
      const a = actor(caller);
      if (!a) return unknownMember(caller);
      const content = op === 'add' ? contentOf(deps.linter().lint(tag.tagName, { field: 'tag' })) : undefined;
      const decision = build().decide(a, op === 'add' ? 'tag.apply' : 'tag.remove', {
        kind: 'relationTag',
        relation: { member: userid, customer: externalUserid },
        groupId: tag.groupId,
        ...(content ? { content } : {}),
      });
      const refusal = refusalFrom(decision);
      if (refusal && decision.decidedBy === 'content' && content) return { ...refusal, lint: { field: 'tag', categories: content.categories } };
      if (refusal?.errcode === RELAY_ERRCODES.needsApproval && deps.isApproved(userid, externalUserid, tag.tagId)) return null;
      return refusal;
    },

    manageGroup(caller, groupId, names) {
      const a = actor(caller);
      if (!a) return unknownMember(caller);
      for (const name of names.length ? names : ['']) {
        const content = name ? contentOf(deps.linter().lint(name, { field: 'tag' })) : undefined;
        const d = build().decide(a, 'catalog.manage', { kind: 'tagGroup', groupId, ...(content ? { content } : {}) });
        // A catalog name that would need approval cannot be created by a manager either: it
        // would be applied without review by everyone allowed to apply the group.
        const r = refusalFrom(d);
        if (r) return r.errcode === RELAY_ERRCODES.needsApproval ? { ...r, errcode: RELAY_ERRCODES.refusedByPolicy } : r;
      }
      return null;
    },

    checkText(_caller, field, text) {
      if (!text) return null;
      const result = deps.linter().lint(text, { field: 'note' });
      if (result.verdict !== 'block' && result.verdict !== 'approval') return null;
      const first = result.findings.find((f) => f.action === result.verdict) ?? result.findings[0];
      return {
        errcode: RELAY_ERRCODES.refusedByPolicy,
        message: `${field} refused by the linter (${result.findings.map((f) => f.category).join(', ')})`,
        reason: first?.message ?? '内容包含敏感个人信息，不能写入企业微信。',
        lint: { field, categories: [...new Set(result.findings.map((f) => f.category))] },
      };
    },

    visibleGroups(caller) {
      const a = actor(caller);
      if (!a) return () => false;
      // Decided per group id of the answer being filtered, not from the catalog copy (which may
      // not be loaded yet, or may lag a group created a moment ago).
      const engine = build();
      const memo = new Map<string, boolean>();
      return (groupId) => {
        let v = memo.get(groupId);
        if (v === undefined) {
          v = engine.decide(a, 'tag.view', { kind: 'relationTag', relation: { member: caller.userid, customer: '' }, groupId }).allowed;
          memo.set(groupId, v);
        }
        return v;
      };
    },
  };
}
