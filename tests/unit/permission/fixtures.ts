// A small company for permission stories: 销售中心 with two sales teams, a service team, and
// one person in each role. Policies are built with the real schema so defaults apply.
import type { Department, Member } from '../../../src-shared/domain';
import { policyDocumentSchema, type PolicyDocument, type PolicyDocumentInput } from '../../../src-shared/policy';

export const departments: Department[] = [
  { id: 1, name: '星河智能家居', parentId: 0 },
  { id: 2, name: '销售中心', parentId: 1 },
  { id: 3, name: '销售一部', parentId: 2 },
  { id: 4, name: '销售二部', parentId: 2 },
  { id: 5, name: '客服部', parentId: 1 },
];

export const admin: Member = { id: 'zhouwei', name: '周伟', role: 'admin', departmentIds: [1] };
export const salesDirector: Member = { id: 'wangqiang', name: '王强', role: 'supervisor', departmentIds: [2] };
export const team1Lead: Member = { id: 'chenjing', name: '陈静', role: 'supervisor', departmentIds: [3] };
export const lina: Member = { id: 'lina', name: '李娜', role: 'sales', departmentIds: [3] };
export const liuyang: Member = { id: 'liuyang', name: '刘洋', role: 'sales', departmentIds: [3] };
export const zhaolei: Member = { id: 'zhaolei', name: '赵磊', role: 'sales', departmentIds: [4] };
export const sunmei: Member = { id: 'sunmei', name: '孙梅', role: 'service', departmentIds: [5] };
export const members: Member[] = [admin, salesDirector, team1Lead, lina, liuyang, zhaolei, sunmei];

export function policy(overrides: Partial<PolicyDocumentInput> = {}): PolicyDocument {
  return policyDocumentSchema.parse({
    schema: 'tagdesk.policy', schemaVersion: 1, revision: 1, updatedAt: '2026-11-22T08:00:00+08:00', updatedBy: 'zhouwei',
    rulePack: { packId: 'cn-default', packVersion: '1.0.0' },
    // Groups the stories do not configure behave like ordinary groups staff may apply.
    defaultTagGroup: 'apply',
    ...overrides,
  });
}
