// The content digest that "backtest before enabling" compares: the version number and the
// enabled switch do not change it, any other edit does, and the company's RFM thresholds count
// only for a rule whose conditions score segments.
import { describe, it, expect } from 'vitest';
import { ruleDigest } from '../../../src-server/team/automation/backtest-gate';
import { DEFAULT_RFM_THRESHOLDS } from '../../../src-shared/automation/index';
import { automationRuleSchema, type AutomationRule } from '../../../src-shared/policy/index';

const base = automationRuleSchema.parse({
  id: 'r1', name: '到店即需上门安装', version: 1, enabled: false, trigger: { kind: 'event', event: 'store_visit' }, conditions: [],
  actions: [{ kind: 'addTag', tag: { groupName: '服务偏好', tagName: '需上门安装' } }],
});
const rfm: AutomationRule = { ...base, conditions: [{ kind: 'attribute', attribute: 'rfm_segment', op: 'eq', value: '重要价值客户' }] };
const other = { ...DEFAULT_RFM_THRESHOLDS, monetary: [500, 5000] as [number, number] };

describe('ruleDigest', () => {
  it('ignores the version and the enabled switch, and sees every other change', () => {
    const d = ruleDigest(base, DEFAULT_RFM_THRESHOLDS);
    expect(d).toMatch(/^[0-9a-f]{64}$/);
    expect(ruleDigest({ ...base, version: 7, enabled: true }, DEFAULT_RFM_THRESHOLDS)).toBe(d);
    expect(ruleDigest({ ...base, name: '到店客户' }, DEFAULT_RFM_THRESHOLDS)).not.toBe(d);
    expect(ruleDigest({ ...base, maxShareWithoutConfirm: 0.3 }, DEFAULT_RFM_THRESHOLDS)).not.toBe(d);
    // Key order in the stored JSON does not matter.
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as AutomationRule;
    expect(ruleDigest(reordered, DEFAULT_RFM_THRESHOLDS)).toBe(d);
  });

  it('includes the RFM thresholds only when a condition uses rfm_segment', () => {
    expect(ruleDigest(base, other)).toBe(ruleDigest(base, DEFAULT_RFM_THRESHOLDS));
    expect(ruleDigest(rfm, other)).not.toBe(ruleDigest(rfm, DEFAULT_RFM_THRESHOLDS));
  });
});
