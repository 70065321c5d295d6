// Stories of who may do what with tags, and how the answer is explained.
import { describe, expect, it } from 'vitest';
import { createPermissionEngine } from '../../../src-shared/permission';
import type { PolicyDocumentInput } from '../../../src-shared/policy';
import { admin, departments, lina, liuyang, members, policy, salesDirector, sunmei, team1Lead, zhaolei } from './fixtures';

const engine = (p: Partial<PolicyDocumentInput> = {}) => createPermissionEngine({ departments, members, policy: policy(p) });
const onLina = { member: 'lina', customer: 'wmCustomer1' };

describe('enterprise tags on follow relations', () => {
  it('a salesperson tags her own customer with an ordinary group', () => {
    const d = engine().decide(lina, 'tag.apply', { kind: 'relationTag', relation: onLina, groupId: 'stage' });
    expect(d.allowed).toBe(true);
    expect(d.requiresApproval).toBe(false);
    expect(d.onBehalfOf).toBeUndefined();
    expect(d.levels.map((l) => l.level)).toEqual(['role', 'scope', 'tagGroup', 'personalTags', 'content']);
  });

  it("a salesperson cannot tag a teammate's customer, and is told whose customer it is", () => {
    const d = engine().decide(liuyang, 'tag.apply', { kind: 'relationTag', relation: onLina, groupId: 'stage' });
    expect(d.allowed).toBe(false);
    expect(d.decidedBy).toBe('scope');
    expect(d.reason).toContain('李娜');
  });

  it("a salesperson sees a teammate's tags read-only but not another team's by default", () => {
    const e = engine();
    expect(e.decide(liuyang, 'tag.view', { kind: 'relationTag', relation: onLina, groupId: 'stage' }).allowed).toBe(true);
    expect(e.decide(zhaolei, 'tag.view', { kind: 'relationTag', relation: onLina, groupId: 'stage' }).allowed).toBe(false);
    const open = engine({ delegation: { staffViewColleagues: 'all' } });
    expect(open.decide(zhaolei, 'tag.view', { kind: 'relationTag', relation: onLina, groupId: 'stage' }).allowed).toBe(true);
  });

  it("a supervisor tags for a member of her team, flagged so the audit names both", () => {
    const d = engine().decide(team1Lead, 'tag.apply', { kind: 'relationTag', relation: onLina, groupId: 'stage' });
    expect(d.allowed).toBe(true);
    expect(d.onBehalfOf).toBe('lina');
    expect(d.levels.find((l) => l.level === 'scope')!.reason).toContain('代「李娜」');
  });

  it('the sales director reaches both sales teams (subtree), the team-2 customer included', () => {
    const d = engine().decide(salesDirector, 'tag.apply', { kind: 'relationTag', relation: { member: 'zhaolei', customer: 'c9' }, groupId: 'stage' });
    expect(d.allowed).toBe(true);
    expect(d.onBehalfOf).toBe('zhaolei');
  });

  it("a supervisor of team 1 cannot tag for team 2, and nobody can when policy forbids acting for others", () => {
    expect(engine().decide(team1Lead, 'tag.apply', { kind: 'relationTag', relation: { member: 'zhaolei', customer: 'c9' }, groupId: 'stage' }).allowed).toBe(false);
    const strict = engine({ delegation: { supervisorsApplyForTeam: false, adminsApplyForAll: false } });
    const d = strict.decide(team1Lead, 'tag.apply', { kind: 'relationTag', relation: onLina, groupId: 'stage' });
    expect(d.allowed).toBe(false);
    expect(d.reason).toContain('策略不允许代他人打标签');
    expect(strict.decide(admin, 'tag.remove', { kind: 'relationTag', relation: onLina, groupId: 'stage' }).allowed).toBe(false);
    // Reading stays possible for the supervisor: reviewing the team's history is their job.
    expect(strict.decide(team1Lead, 'relation.read', { kind: 'relation', relation: onLina }).allowed).toBe(true);
  });
});

describe('tag-group policy with department inheritance', () => {
  const groups: PolicyDocumentInput['tagGroups'] = [
    { groupId: 'value', baseline: 'view', grants: [{ departmentId: 2, level: 'apply' }] },
    { groupId: 'health', baseline: 'none', grants: [{ departmentId: 5, level: 'apply' }], sensitivity: 'sensitive', approvalRequired: true },
    { groupId: 'channel', baseline: 'apply', limits: [{ departmentId: 4, max: 'view' }] },
  ];

  it('a grant on 销售中心 reaches 销售一部 below it, but not 客服部', () => {
    const e = engine({ tagGroups: groups });
    expect(e.decide(lina, 'tag.apply', { kind: 'relationTag', relation: onLina, groupId: 'value' }).allowed).toBe(true);
    const d = e.decide(sunmei, 'tag.apply', { kind: 'relationTag', relation: { member: 'sunmei', customer: 'c2' }, groupId: 'value' });
    expect(d.allowed).toBe(false);
    expect(d.decidedBy).toBe('tagGroup');
    expect(d.reason).toBe('需要「可打标」权限，你只有「可查看」（标签组默认可查看）');
  });

  it('a limit on 销售二部 wins over the group baseline (stricter wins)', () => {
    const d = engine({ tagGroups: groups }).decide(zhaolei, 'tag.apply', { kind: 'relationTag', relation: { member: 'zhaolei', customer: 'c3' }, groupId: 'channel' });
    expect(d.allowed).toBe(false);
    expect(d.reason).toContain('较严者优先');
  });

  it('a sensitive group lets service staff apply tags only through approval, and hides it from sales', () => {
    const e = engine({ tagGroups: groups });
    const d = e.decide(sunmei, 'tag.apply', { kind: 'relationTag', relation: { member: 'sunmei', customer: 'c2' }, groupId: 'health' });
    expect(d).toMatchObject({ allowed: true, requiresApproval: true, decidedBy: 'tagGroup' });
    expect(d.reason).toMatch(/^可以提交，但需审批/);
    expect(e.decide(lina, 'tag.view', { kind: 'relationTag', relation: onLina, groupId: 'health' }).allowed).toBe(false);
    // Removing a sensitive tag never needs approval.
    expect(e.decide(sunmei, 'tag.remove', { kind: 'relationTag', relation: { member: 'sunmei', customer: 'c2' }, groupId: 'health' }).requiresApproval).toBe(false);
  });

  it('a group unknown to the policy (created in the WeCom console) falls back to the default level', () => {
    const d = engine({ defaultTagGroup: 'view' }).decide(lina, 'tag.apply', { kind: 'relationTag', relation: onLina, groupId: 'fresh' });
    expect(d.allowed).toBe(false);
  });
});

describe('catalog management', () => {
  it('sales staff never manage the catalog, even with a manage grant (role ceiling)', () => {
    const e = engine({ tagGroups: [{ groupId: 'stage', grants: [{ level: 'manage' }] }] });
    const d = e.decide(lina, 'catalog.manage', { kind: 'tagGroup', groupId: 'stage' });
    expect(d).toMatchObject({ allowed: false, decidedBy: 'role' });
    expect(e.decide(team1Lead, 'catalog.manage', { kind: 'tagGroup', groupId: 'stage' }).allowed).toBe(true);
    expect(e.decide(team1Lead, 'catalog.manage', { kind: 'tagGroup', groupId: null }).reason).toBe('只有管理员可以新建标签组');
  });

  it('an admin manages every group, but a blocked tag name is still refused by the content check', () => {
    const e = engine({ tagGroups: [{ groupId: 'stage', baseline: 'none', limits: [{ max: 'none' }] }] });
    expect(e.decide(admin, 'catalog.manage', { kind: 'tagGroup', groupId: 'stage' }).allowed).toBe(true);
    const d = e.decide(admin, 'catalog.manage', { kind: 'tagGroup', groupId: 'stage', content: { verdict: 'block', categories: ['pii.id_cn'] } });
    expect(d).toMatchObject({ allowed: false, decidedBy: 'content' });
    expect(d.reason).toContain('pii.id_cn');
  });
});

describe('content lint verdicts', () => {
  it('an approval verdict turns an allowed tag into a request; ok and warn pass', () => {
    const e = engine();
    const res = (verdict: 'ok' | 'warn' | 'approval') => ({ kind: 'relationTag' as const, relation: onLina, groupId: 'stage', content: { verdict } });
    expect(e.decide(lina, 'tag.apply', res('approval'))).toMatchObject({ allowed: true, requiresApproval: true, decidedBy: 'content' });
    expect(e.decide(lina, 'tag.apply', res('warn'))).toMatchObject({ allowed: true, requiresApproval: false });
    expect(e.decide(lina, 'tag.apply', res('ok'))).toMatchObject({ allowed: true, requiresApproval: false });
  });
});

describe('personal tags', () => {
  it('the owner reads and writes her own personal tags', () => {
    const e = engine();
    expect(e.decide(lina, 'personalTag.read', { kind: 'personalTag', owner: 'lina' }).allowed).toBe(true);
    expect(e.decide(lina, 'personalTag.write', { kind: 'personalTag', owner: 'lina' }).allowed).toBe(true);
  });

  it("an admin cannot read an employee's personal tag text, and the reason says so", () => {
    const d = engine().decide(admin, 'personalTag.read', { kind: 'personalTag', owner: 'lina' });
    expect(d).toMatchObject({ allowed: false, decidedBy: 'scope' });
    expect(d.reason).toBe('个人标签仅本人可见，管理员也不能查看或修改他人的个人标签');
  });

  it('switching personal tags off for 销售中心 stops new ones in 销售一部 below it, but not 客服部; own tags stay readable', () => {
    const e = engine({ personalTags: { enabled: true, departments: [{ departmentId: 2, enabled: false }] } });
    const d = e.decide(lina, 'personalTag.write', { kind: 'personalTag', owner: 'lina' });
    expect(d).toMatchObject({ allowed: false, decidedBy: 'personalTags' });
    expect(d.reason).toContain('销售中心');
    expect(e.decide(lina, 'personalTag.read', { kind: 'personalTag', owner: 'lina' }).allowed).toBe(true);
    expect(e.decide(sunmei, 'personalTag.write', { kind: 'personalTag', owner: 'sunmei' }).allowed).toBe(true);
  });

  it('a nearer department switch overrides the company default', () => {
    const e = engine({ personalTags: { enabled: false, departments: [{ departmentId: 3, enabled: true }] } });
    expect(e.decide(lina, 'personalTag.write', { kind: 'personalTag', owner: 'lina' }).allowed).toBe(true);
    expect(e.decide(zhaolei, 'personalTag.write', { kind: 'personalTag', owner: 'zhaolei' }).allowed).toBe(false);
  });

  it('a personal tag that would need approval must be rewritten instead (nobody else may review it)', () => {
    const d = engine().decide(lina, 'personalTag.write', { kind: 'personalTag', owner: 'lina', content: { verdict: 'approval', categories: ['spi.health'] } });
    expect(d).toMatchObject({ allowed: false, decidedBy: 'content' });
  });
});

describe('mismatched questions', () => {
  it('an action asked about the wrong kind of object is refused, not guessed', () => {
    const d = engine().decide(admin, 'catalog.manage', { kind: 'relation', relation: onLina });
    expect(d).toMatchObject({ allowed: false, decidedBy: 'role' });
    expect(engine().decide(lina, 'tag.view', { kind: 'personalTag', owner: 'lina' }).allowed).toBe(false);
  });
});
