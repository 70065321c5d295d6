// The 自动化 editor's draft: every template survives being opened and checked unchanged, the
// form's text fields become the rule's numbers (days as hours), and what is wrong is named in
// Chinese on the control it belongs to — before anything reaches the team server.
import { describe, it, expect } from 'vitest';
import { AUTOMATION_TEMPLATES } from '../../../src-shared/automation/templates';
import { automationRuleSchema } from '../../../src-shared/policy/automation-rule';
import { backtestKey, blankAction, checkDraft, draftOf, newDraft, tagKey } from '../../../src-shared/automation/rule-draft';

describe('automation rule draft', () => {
  it('opens every template and checks it back to the same rule', () => {
    for (const input of AUTOMATION_TEMPLATES) {
      const rule = automationRuleSchema.parse(input);
      const back = checkDraft(draftOf(rule));
      expect(back.errors, rule.id).toEqual(new Map());
      expect(back.rule).toEqual(rule);
    }
  });

  it('turns a count in days into hours and a share in percent into a fraction', () => {
    const d = newDraft();
    d.name = '三天内三次点击商品链接';
    d.trigger = { ...d.trigger, kind: 'eventCount', event: 'link_clicked', atLeast: '3', within: { value: '3', unit: 'd' } };
    d.actions = [{ ...blankAction('addTag'), tag: tagKey('购买意向', '高意向'), ttl: { value: '14', unit: 'd' } }];
    d.maxSharePct = '5';
    const { rule, errors } = checkDraft(d);
    expect(errors.size).toBe(0);
    expect(rule).toMatchObject({ trigger: { kind: 'eventCount', atLeast: 3, withinHours: 72 }, actions: [{ kind: 'addTag', tag: { groupName: '购买意向', tagName: '高意向' }, ttlHours: 336 }], maxShareWithoutConfirm: 0.05, enabled: false });
    // Enabling does not change what was backtested; a different window does.
    expect(backtestKey({ ...rule!, enabled: true, version: 4 })).toBe(backtestKey(rule!));
    d.trigger.within = { value: '4', unit: 'd' };
    expect(backtestKey(checkDraft(d).rule!)).not.toBe(backtestKey(rule!));
  });

  it('names each problem in Chinese on its own control', () => {
    const d = newDraft();
    d.trigger = { ...d.trigger, kind: 'eventCount', atLeast: '0', within: { value: '', unit: 'h' } };
    d.conditions = [{ kind: 'tags', expression: '客户阶段:已成交 且', attribute: 'purchase_amount', op: 'gte', value: '' }, { kind: 'attribute', expression: '', attribute: 'purchase_amount', op: 'gte', value: '很多' }];
    d.actions = [blankAction('addTag'), { ...blankAction('notifyMember'), message: '' }];
    d.maxSharePct = '150';
    const { rule, errors } = checkDraft(d);
    expect(rule).toBeNull();
    expect(errors.get('name')).toBe('规则名称不能为空');
    expect(errors.get('trigger.atLeast')).toBe('次数至少为 1');
    expect(errors.get('trigger.withinHours')).toBe('请填写数字');
    expect(errors.get('cond.0')).toMatch(/^标签表达式有误/);
    expect(errors.get('cond.1')).toBe('请填写数字');
    expect(errors.get('action.0')).toBe('请选择标签');
    expect(errors.get('action.1')).toBe('提醒文字不能为空');
    expect(errors.get('maxShare')).toBe('应为大于 0、不超过 100 的数字');
  });
});
