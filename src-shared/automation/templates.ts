// Ready-made automation rules an admin starts from (disabled until backtested and enabled):
// lifecycle stages (潜在客户 → 已成交 on a purchase, → 复购客户 on a second, → 已流失 after six
// months without one), the product-link interest signal, RFM value tiers and keyword tags. They
// name the demo catalog's groups; a company with other names edits them before saving.
import type { z } from 'zod';
import type { automationRuleSchema } from '../policy/automation-rule';

type RuleInput = z.input<typeof automationRuleSchema>;

export const AUTOMATION_TEMPLATES: readonly RuleInput[] = [
  {
    id: 'lifecycle-paid', name: '下单即成交', version: 1, enabled: false,
    trigger: { kind: 'event', event: 'purchase' },
    conditions: [{ kind: 'tags', expression: '非 客户阶段:复购客户' }],
    actions: [{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '已成交' } }, { kind: 'notifyMember', message: '客户已下单，请及时跟进交付与回访' }],
  },
  {
    id: 'lifecycle-repeat', name: '一年内两次下单为复购', version: 1, enabled: false,
    trigger: { kind: 'eventCount', event: 'purchase', atLeast: 2, withinHours: 24 * 365 },
    actions: [{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '复购客户' } }],
  },
  {
    id: 'lifecycle-churn', name: '半年未购买转为流失', version: 1, enabled: false,
    trigger: { kind: 'timeSince', since: 'last_purchase', hours: 24 * 180 },
    conditions: [{ kind: 'tags', expression: '客户阶段:已成交 或 客户阶段:复购客户' }],
    actions: [{ kind: 'setStage', tag: { groupName: '客户阶段', tagName: '已流失' } }, { kind: 'notifyMember', message: '客户半年未再购买，已转为流失，请尝试唤醒' }],
  },
  {
    id: 'interest-clicks', name: '三天内三次点击商品链接', version: 1, enabled: false,
    trigger: { kind: 'eventCount', event: 'link_clicked', atLeast: 3, withinHours: 72 },
    actions: [{ kind: 'addTag', tag: { groupName: '购买意向', tagName: '高意向' }, ttlHours: 24 * 14 }],
  },
  {
    id: 'value-vip', name: '重要价值客户升为 VIP', version: 1, enabled: false,
    trigger: { kind: 'event', event: 'purchase' },
    conditions: [{ kind: 'attribute', attribute: 'rfm_segment', op: 'eq', value: '重要价值客户' }],
    // 价值等级 needs a supervisor's approval in the demo policy: the rule files requests.
    actions: [{ kind: 'setStage', tag: { groupName: '价值等级', tagName: 'VIP' } }],
  },
  {
    id: 'keyword-price', name: '聊天中多次议价', version: 1, enabled: false,
    trigger: { kind: 'keyword', synonymListId: 'price-sensitive', minHits: 2, per: 'week' },
    actions: [{ kind: 'addTag', tag: { groupName: '服务偏好', tagName: '价格敏感' } }],
  },
];
