// Building blocks shared by the policy schemas: ids, access levels, scopes and the tag-set
// expression field (checked by the query parser so a broken rule fails at save time, with
// the column of the mistake).
import { z } from 'zod';
import { ROLES } from '../domain/organization';
import { checkTagQuerySyntax } from '../tagquery/compile';

/** Ordered from least to most: each level includes the ones before it. */
export const ACCESS_LEVELS = ['none', 'view', 'apply', 'manage'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const ACCESS_LEVEL_LABELS: Readonly<Record<AccessLevel, string>> = {
  none: '不可见', view: '可查看', apply: '可打标', manage: '可管理',
};
export const accessRank = (l: AccessLevel): number => ACCESS_LEVELS.indexOf(l);

export const roleSchema = z.enum(ROLES, { error: `角色应为 ${ROLES.join(' / ')} 之一` });
export const accessLevelSchema = z.enum(ACCESS_LEVELS, { error: `权限级别应为 ${ACCESS_LEVELS.join(' / ')} 之一` });
export const departmentIdSchema = z.number({ error: '部门 ID 应为正整数' }).int({ error: '部门 ID 应为正整数' }).positive({ error: '部门 ID 应为正整数' });
export const memberIdSchema = z.string({ error: '成员 userid 应为文本' }).min(1, { error: '成员 userid 不能为空' });
export const ruleIdSchema = z
  .string({ error: '规则 ID 应为文本' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: '规则 ID 只能用字母、数字、点、下划线和连字符，最长 64 个字符' });

/** Who an entry applies to: a department subtree and/or a role; both absent = everyone. */
export const audienceSchema = z.strictObject({
  /** The department and everything below it. */
  departmentId: departmentIdSchema.optional(),
  role: roleSchema.optional(),
});
export type Audience = z.output<typeof audienceSchema>;

/** A tag-set expression such as `价值等级:VIP 且 非 投诉风险`, syntax-checked here. */
export const tagSetExpressionSchema = z.string({ error: '应为标签表达式文本' }).superRefine((text, ctx) => {
  const r = checkTagQuerySyntax(text);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: `标签表达式有误（${r.error.code}）：${r.error.message}`, params: { position: r.error.position } });
});

/** Members and departments a rule or chain covers; empty lists mean nobody, not everybody. */
export const memberScopeSchema = z
  .strictObject({
    everyone: z.boolean().default(false),
    memberIds: z.array(memberIdSchema).default([]),
    departmentIds: z.array(departmentIdSchema).default([]),
  })
  .refine((s) => s.everyone || s.memberIds.length > 0 || s.departmentIds.length > 0, {
    error: '范围不能为空：请选择成员、部门或「全员」',
  });
export type MemberScope = z.output<typeof memberScopeSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' });
export const durationHoursSchema = z.number({ error: '应为小时数' }).positive({ error: '小时数应大于 0' }).max(24 * 366, { error: '不能超过一年' });
