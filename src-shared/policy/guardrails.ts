// Guardrails: the thresholds behind the team server's suspicious-edit alerts (issue 11). A
// policy without the section gets the defaults below, so every company is watched from day one;
// an admin tunes them (or switches a pattern off) as a policy revision.
import { z } from 'zod';
import { isValidTimeZone } from './mute-rule';

const minutes = (what: string) =>
  z.number({ error: `${what}应为分钟数` }).int({ error: `${what}应为整数分钟` }).min(1, { error: `${what}至少 1 分钟` }).max(24 * 60, { error: `${what}不能超过 24 小时` });
const count = (what: string) => z.number({ error: `${what}应为数字` }).int({ error: `${what}应为整数` }).min(1, { error: `${what}至少为 1` }).max(100_000, { error: `${what}过大` });
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: '时间格式应为 HH:MM（00:00–24:00）' });

export const guardrailsSchema = z.strictObject({
  /** Many distinct relations changed by one actor within a window (e.g. 50 customers moved at 02:00). */
  massChange: z.strictObject({
    enabled: z.boolean({ error: '应为 true 或 false' }).default(true),
    windowMinutes: minutes('时间窗口').default(10),
    minRelations: count('客户数阈值').default(30),
  }).default({ enabled: true, windowMinutes: 10, minRelations: 30 }),
  /** Many assignments of one tag removed within a window. */
  tagRemoval: z.strictObject({
    enabled: z.boolean({ error: '应为 true 或 false' }).default(true),
    windowMinutes: minutes('时间窗口').default(30),
    minRemovals: count('移除次数阈值').default(20),
  }).default({ enabled: true, windowMinutes: 30, minRemovals: 20 }),
  /** Tag edits outside the company's working hours (wall-clock time in `timeZone`). */
  workingHours: z.strictObject({
    enabled: z.boolean({ error: '应为 true 或 false' }).default(true),
    timeZone: z.string().refine(isValidTimeZone, { error: '时区应为 IANA 名称，例如 Asia/Shanghai' }).default('Asia/Shanghai'),
    /** ISO weekdays 1 (Mon) … 7 (Sun) that are working days. */
    days: z.array(z.number().int().min(1, { error: '星期应为 1（周一）到 7（周日）' }).max(7, { error: '星期应为 1（周一）到 7（周日）' })).default([1, 2, 3, 4, 5, 6, 7]),
    start: timeOfDay.default('07:00'),
    end: timeOfDay.default('22:00'),
    /** Edits outside hours by one actor within an hour before an alert (1 = every one). */
    minEdits: count('非工作时间编辑次数阈值').default(5),
  }).refine((w) => w.start < w.end, { error: '工作时间的开始应早于结束', path: ['end'] })
    .default({ enabled: true, timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6, 7], start: '07:00', end: '22:00', minEdits: 5 }),
  /** Repeated saves of texts the linter blocks, by one member. */
  blockedAttempts: z.strictObject({
    enabled: z.boolean({ error: '应为 true 或 false' }).default(true),
    windowMinutes: minutes('时间窗口').default(60),
    threshold: count('拦截次数阈值').default(5),
    /** Suspend the member's tagging until a supervisor lifts it. */
    suspend: z.boolean({ error: '应为 true 或 false' }).default(false),
  }).default({ enabled: true, windowMinutes: 60, threshold: 5, suspend: false }),
});
export type Guardrails = z.output<typeof guardrailsSchema>;

/** The thresholds in force: the policy's section, or the defaults when it has none. */
export function guardrailsOf(doc: { guardrails?: Guardrails | undefined }): Guardrails {
  return doc.guardrails ?? guardrailsSchema.parse({});
}
