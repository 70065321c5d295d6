// Mute (屏蔽) rules as an admin or member configures them (ARCHITECTURE §7, issue 8): scope ×
// tag-set match × weekly schedule in a time zone with a holiday calendar × effect × whitelist
// exceptions × priority. The evaluator lives elsewhere; this is the validated shape.
import { z } from 'zod';
import { isoDateSchema, memberScopeSchema, ruleIdSchema, tagSetExpressionSchema } from './common';

/**
 * `allow` is a whitelist rule: matching contacts are never muted or held (a company allow rule
 * wins over every rule, a member's own over their own rules); it does not lift `suppress`,
 * because consent to marketing is a separate question from reachability.
 */
export const MUTE_EFFECTS = ['mute', 'hold', 'suppress', 'allow'] as const;
export type MuteEffect = (typeof MUTE_EFFECTS)[number];
export const MUTE_EFFECT_LABELS: Readonly<Record<MuteEffect, string>> = {
  mute: '静音通知', hold: '非紧急暂缓至窗口结束', suppress: '不接收群发营销', allow: '白名单（始终提醒）',
};

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: '时间格式应为 HH:MM（00:00–24:00）' });

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A weekly window; `end` before `start` wraps past midnight (19:00–09:00). */
export const weeklyWindowSchema = z.strictObject({
  /** ISO weekdays 1 (Mon) … 7 (Sun) on which the window starts. */
  days: z.array(z.number().int().min(1, { error: '星期应为 1（周一）到 7（周日）' }).max(7, { error: '星期应为 1（周一）到 7（周日）' })).min(1, { error: '至少选择一天' }),
  start: timeOfDay,
  end: timeOfDay,
}).refine((w) => w.start !== w.end, { error: '开始和结束时间不能相同', path: ['end'] });

export const muteScheduleSchema = z.strictObject({
  /** IANA zone, e.g. Asia/Shanghai; windows are wall-clock times there. */
  timeZone: z.string().refine(isValidTimeZone, { error: '时区应为 IANA 名称，例如 Asia/Shanghai' }),
  /** Empty = always (the rule applies around the clock). */
  windows: z.array(weeklyWindowSchema).default([]),
  /** Holiday calendar by id (statutory holidays and adjusted working days as data). */
  holidayCalendarId: z.string().min(1).optional(),
  /** On holidays: treat the whole day as inside the window, outside it, or as the weekday says. */
  onHolidays: z.enum(['inside', 'outside', 'asWeekday'], { error: '节假日处理应为 inside / outside / asWeekday' }).default('asWeekday'),
}).refine((s) => s.onHolidays === 'asWeekday' || s.holidayCalendarId !== undefined, {
  error: '设置了节假日处理方式时必须指定节假日日历', path: ['holidayCalendarId'],
});

export const muteRuleSchema = z.strictObject({
  id: ruleIdSchema,
  name: z.string().min(1, { error: '规则名称不能为空' }).max(40, { error: '规则名称最长 40 个字符' }),
  /** Company rules are set by admins; personal rules are one member's own quiet hours. */
  owner: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('company') }),
    z.strictObject({ kind: z.literal('member'), memberId: z.string().min(1) }),
  ], { error: '规则归属应为 company 或 member' }),
  enabled: z.boolean().default(true),
  scope: memberScopeSchema,
  /** Which contacts: an expression over the customer's (or partner company's) tags. */
  match: tagSetExpressionSchema,
  schedule: muteScheduleSchema,
  effect: z.enum(MUTE_EFFECTS, { error: `效果应为 ${MUTE_EFFECTS.join(' / ')} 之一` }),
  /** Whitelist: contacts matching it are never affected by this rule (e.g. 价值等级:A类). */
  exceptions: tagSetExpressionSchema.optional(),
  /** Higher wins when rules disagree about the until-time or effect. */
  priority: z.number().int({ error: '优先级应为整数' }).min(0, { error: '优先级应在 0–1000 之间' }).max(1000, { error: '优先级应在 0–1000 之间' }).default(100),
  /** Validity of the rule itself (e.g. suppress for a week after a visit without purchase). */
  activeFrom: z.string().datetime({ offset: true, error: '应为 ISO 8601 时间' }).optional(),
  activeUntil: z.string().datetime({ offset: true, error: '应为 ISO 8601 时间' }).optional(),
}).superRefine((r, ctx) => {
  // A member's own quiet hours cannot silence colleagues; that takes a company rule.
  if (r.owner.kind === 'member') {
    const own = r.owner.memberId;
    if (r.scope.everyone || r.scope.departmentIds.length > 0 || r.scope.memberIds.some((m) => m !== own)) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: '个人规则只能作用于本人；作用于他人或部门请使用公司规则' });
    }
  }
  if (r.activeFrom !== undefined && r.activeUntil !== undefined && Date.parse(r.activeFrom) >= Date.parse(r.activeUntil)) {
    ctx.addIssue({ code: 'custom', path: ['activeUntil'], message: '结束时间应晚于开始时间' });
  }
});
export type MuteRule = z.output<typeof muteRuleSchema>;

export const holidayCalendarSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Days off (statutory holidays). */
  holidays: z.array(isoDateSchema).default([]),
  /** Weekend days that are working days (调休上班). */
  workingDays: z.array(isoDateSchema).default([]),
}).refine((c) => !c.holidays.some((d) => c.workingDays.includes(d)), { error: '同一天不能既是假日又是调休工作日', path: ['workingDays'] });
export type HolidayCalendar = z.output<typeof holidayCalendarSchema>;
