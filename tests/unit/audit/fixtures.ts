// A day at the desk as audit events: a salesperson tags customers, a supervisor tags for her,
// an import and an automation run. Deterministic clock so hashes are stable across runs.
import { createEnterpriseChain, type AuditEvent, type AuditEventInput, type Redactor } from '../../../src-shared/audit';

export const START = Date.UTC(2026, 10, 22, 1, 0, 0);

export function enterpriseDay(n: number, redactor?: Redactor): AuditEvent<'enterprise'>[] {
  let t = START;
  const chain = createEnterpriseChain({ device: 'dev-lina-laptop', now: () => (t += 60_000), redactor });
  const out: AuditEvent<'enterprise'>[] = [];
  for (let i = 0; i < n; i++) out.push(chain.append(dayEvent(i)));
  return out;
}

export function dayEvent(i: number): AuditEventInput<'enterprise'> {
  const customer = `wmCustomer${i % 7}`;
  switch (i % 4) {
    case 0: return { actor: 'lina', source: 'ui', action: 'tag.add', target: { kind: 'relationTag', member: 'lina', customer, tagId: 'etVIP' }, before: null, after: { name: 'VIP' } };
    case 1: return { actor: 'chenjing', onBehalfOf: 'lina', source: 'ui', action: 'tag.remove', target: { kind: 'relationTag', member: 'lina', customer, tagId: 'etNew' }, before: { name: '新客户' }, after: null };
    case 2: return { actor: 'lina', source: 'import', action: 'relation.remark', target: { kind: 'relation', member: 'lina', customer }, before: { remark: '张总' }, after: { remark: `张总 ${i}` } };
    default: return { actor: 'system', onBehalfOf: 'lina', source: 'automation', action: 'tag.add', target: { kind: 'relationTag', member: 'lina', customer, tagId: 'etActive' }, before: null, after: { name: '活跃客户', rule: 'r-active@3' } };
  }
}
