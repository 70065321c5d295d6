// Company descriptors: the standard words a member may map a personal tag to, with consent, so
// what one salesperson noticed becomes company knowledge without their private wording
// (docs/automation.md, "Personal knowledge to company knowledge"). Part of the policy document.
import { z } from 'zod';

export const companyDescriptorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { error: '描述 ID 只能包含小写字母、数字和连字符（最多 48 个）' }),
  name: z.string().trim().min(1, { error: '描述名称不能为空' }).max(20, { error: '描述名称最多 20 个字' }),
  /** One line telling members when the descriptor fits. */
  hint: z.string().trim().max(60, { error: '说明最多 60 个字' }).default(''),
});
export type CompanyDescriptor = z.output<typeof companyDescriptorSchema>;

/** The list a company starts with; admins edit it in the policy document. */
export const DEFAULT_COMPANY_DESCRIPTORS: CompanyDescriptor[] = [
  { id: 'time-sensitive', name: '消费时段敏感型', hint: '只在特定时段（深夜、周末、午休）回复或下单' },
  { id: 'price-sensitive', name: '价格敏感型', hint: '反复比价、等活动、关注优惠' },
  { id: 'quality-first', name: '品质导向型', hint: '更看重材质、做工和品牌，价格其次' },
  { id: 'cautious-decider', name: '决策谨慎型', hint: '需要多次沟通、资料或试用后才下单' },
  { id: 'quick-decider', name: '决策果断型', hint: '信息到位即下单，不喜欢反复沟通' },
  { id: 'family-decision', name: '家庭共同决策型', hint: '购买需与家人商量' },
  { id: 'service-focused', name: '售后关注型', hint: '重视安装、保修和售后响应' },
  { id: 'text-preferred', name: '偏好文字沟通型', hint: '不接电话，偏好文字消息' },
  { id: 'referrer', name: '乐于推荐型', hint: '愿意介绍朋友或分享体验' },
  { id: 'repeat-buyer', name: '复购倾向型', hint: '用完会回购，适合定期提醒' },
];
