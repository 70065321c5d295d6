// Properties that must hold for any policy an admin could write: tightening never loosens,
// admins always keep the catalog, and personal tag text stays with its owner.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Member } from '../../../src-shared/domain';
import { createPermissionEngine, PERMISSION_ACTIONS, type PermissionAction, type PermissionDecision, type PermissionResource } from '../../../src-shared/permission';
import { ACCESS_LEVELS, type PolicyDocumentInput } from '../../../src-shared/policy';
import { departments, members, policy } from './fixtures';

const deptIds = departments.map((d) => d.id);
const groupIds = ['g1', 'g2'];
const audience = fc.record({ departmentId: fc.option(fc.constantFrom(...deptIds), { nil: undefined }), role: fc.option(fc.constantFrom(...ROLES), { nil: undefined }) });
const level = fc.constantFrom(...ACCESS_LEVELS);
const groupPolicy = (groupId: string) => fc.record({
  groupId: fc.constant(groupId),
  baseline: level,
  grants: fc.array(fc.tuple(audience, level).map(([a, l]) => ({ ...a, level: l })), { maxLength: 4 }),
  limits: fc.array(fc.tuple(audience, level).map(([a, l]) => ({ ...a, max: l })), { maxLength: 3 }),
  approvalRequired: fc.boolean(),
});
const policyInput: fc.Arbitrary<Partial<PolicyDocumentInput>> = fc.record({
  defaultTagGroup: level,
  tagGroups: fc.tuple(groupPolicy('g1'), groupPolicy('g2')).map((t) => [...t]),
  delegation: fc.record({ supervisorsApplyForTeam: fc.boolean(), adminsApplyForAll: fc.boolean(), staffViewColleagues: fc.constantFrom('none' as const, 'department' as const, 'all' as const) }),
  personalTags: fc.record({ enabled: fc.boolean(), departments: fc.uniqueArray(fc.record({ departmentId: fc.constantFrom(...deptIds), enabled: fc.boolean() }), { selector: (s) => s.departmentId, maxLength: 3 }) }),
});
const actor = fc.constantFrom(...members);
const memberId = fc.constantFrom(...members.map((m) => m.id));
const content = fc.option(fc.record({ verdict: fc.constantFrom('ok' as const, 'warn' as const, 'replace' as const, 'approval' as const, 'block' as const) }), { nil: undefined });
const resource: fc.Arbitrary<PermissionResource> = fc.oneof(
  fc.record({ kind: fc.constant('tagGroup' as const), groupId: fc.constantFrom<string | null>(...groupIds, 'unknown', null), content }),
  fc.record({ kind: fc.constant('relationTag' as const), relation: fc.record({ member: memberId, customer: fc.constant('c1') }), groupId: fc.constantFrom(...groupIds, 'unknown'), content }),
  fc.record({ kind: fc.constant('relation' as const), relation: fc.record({ member: memberId, customer: fc.constant('c1') }) }),
  fc.record({ kind: fc.constant('personalTag' as const), owner: memberId, content }),
);
const action = fc.constantFrom(...PERMISSION_ACTIONS);

/** 0 denied, 1 allowed only with approval, 2 allowed outright: "grants anything" = goes up. */
const rank = (d: PermissionDecision): number => (!d.allowed ? 0 : d.requiresApproval ? 1 : 2);
const decide = (p: Partial<PolicyDocumentInput>, a: Member, act: PermissionAction, r: PermissionResource) =>
  createPermissionEngine({ departments, members, policy: policy(p) }).decide(a, act, r);

describe('permission properties', () => {
  it('adding a deny (a limit, a switch turned off, a delegation withdrawn, a stricter lint verdict) never grants anything', () => {
    const tightening = fc.oneof(
      fc.tuple(fc.constantFrom(0, 1), audience, level).map(([g, a, l]) => (p: Partial<PolicyDocumentInput>) => {
        const groups = structuredClone(p.tagGroups!);
        groups[g]!.limits = [...(groups[g]!.limits ?? []), { ...a, max: l }];
        return { ...p, tagGroups: groups };
      }),
      fc.constantFrom(...deptIds).map((d) => (p: Partial<PolicyDocumentInput>) => ({
        ...p, personalTags: { enabled: p.personalTags!.enabled, departments: [...p.personalTags!.departments!.filter((s) => s.departmentId !== d), { departmentId: d, enabled: false }] },
      })),
      fc.constantFrom('supervisorsApplyForTeam' as const, 'adminsApplyForAll' as const).map((k) => (p: Partial<PolicyDocumentInput>) => ({ ...p, delegation: { ...p.delegation, [k]: false } })),
    );
    fc.assert(fc.property(policyInput, tightening, actor, action, resource, (p, tighten, a, act, r) => {
      expect(rank(decide(tighten(p), a, act, r))).toBeLessThanOrEqual(rank(decide(p, a, act, r)));
    }), { numRuns: 1500 });
    fc.assert(fc.property(policyInput, actor, action, resource, (p, a, act, r) => {
      if (!('content' in r)) return;
      const blocked = { ...r, content: { verdict: 'block' as const } };
      expect(decide(p, a, act, blocked).allowed).toBe(false);
    }), { numRuns: 300 });
  });

  it('removing a grant never grants anything', () => {
    fc.assert(fc.property(policyInput, fc.constantFrom(0, 1), fc.nat(), actor, action, resource, (p, g, i, a, act, r) => {
      const grants = p.tagGroups![g]!.grants!;
      fc.pre(grants.length > 0);
      const groups = structuredClone(p.tagGroups!);
      groups[g]!.grants = grants.filter((_, j) => j !== i % grants.length);
      expect(rank(decide({ ...p, tagGroups: groups }, a, act, r))).toBeLessThanOrEqual(rank(decide(p, a, act, r)));
    }), { numRuns: 1500 });
  });

  it('an admin can always manage the catalog, whatever the group policy says', () => {
    const admins = members.filter((m) => m.role === 'admin');
    fc.assert(fc.property(policyInput, fc.constantFrom(...admins), fc.constantFrom<string | null>(...groupIds, 'unknown', null), (p, a, groupId) => {
      const d = decide(p, a, 'catalog.manage', { kind: 'tagGroup', groupId });
      expect(d.allowed, d.reason).toBe(true);
    }), { numRuns: 300 });
  });

  it('nobody but the owner reads personal tag text', () => {
    fc.assert(fc.property(policyInput, actor, memberId, action, content, (p, a, owner, act, c) => {
      const d = decide(p, a, act, { kind: 'personalTag', owner, content: c });
      if (a.id !== owner) expect(d.allowed).toBe(false);
    }), { numRuns: 500 });
  });

  it('every decision explains itself: the deciding level is among the levels and the reason is Chinese', () => {
    fc.assert(fc.property(policyInput, actor, action, resource, (p, a, act, r) => {
      const d = decide(p, a, act, r);
      const decider = d.levels.find((l) => l.level === d.decidedBy)!;
      expect(decider).toBeDefined();
      if (!d.allowed) { expect(decider.outcome).toBe('deny'); expect(d.reason).toBe(decider.reason); }
      expect(d.reason).toMatch(/[\u4e00-\u9fff]/);
    }), { numRuns: 300 });
  });
});
