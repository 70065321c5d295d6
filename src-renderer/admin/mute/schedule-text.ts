// A rule's schedule in one short Chinese line for the list: 每天 19:00–09:00 · 节假日全天.
import type { MuteRule } from '../../../src-shared/policy/mute-rule';
import { t } from '../../i18n/zh-CN';

export function daysText(days: readonly number[]): string {
  const d = [...new Set(days)].sort((a, b) => a - b);
  if (d.length === 7) return t.rules.everyDay;
  const consecutive = d.length >= 3 && d.every((x, i) => i === 0 || x === d[i - 1]! + 1);
  if (consecutive) return t.rules.dayRange(t.rules.weekdayLong[d[0]! - 1]!, t.rules.weekdayLong[d[d.length - 1]! - 1]!);
  return d.map((x) => t.rules.weekdayLong[x - 1]).join('、');
}

export function scheduleText(rule: MuteRule): string {
  const s = rule.schedule;
  const parts = s.windows.length === 0 ? [t.rules.allDay] : s.windows.map((w) => `${daysText(w.days)} ${w.start}–${w.end}`);
  if (s.holidayCalendarId && s.onHolidays === 'inside') parts.push(t.rules.holidaysInside);
  if (s.holidayCalendarId && s.onHolidays === 'outside') parts.push(t.rules.holidaysOutside);
  return parts.join(' · ');
}

export function scopeText(rule: MuteRule): string {
  if (rule.owner.kind === 'member') return t.rules.scopeSelf;
  if (rule.scope.everyone) return t.rules.scopeEveryone;
  const parts: string[] = [];
  if (rule.scope.departmentIds.length) parts.push(t.rules.scopeDepts(rule.scope.departmentIds.length));
  if (rule.scope.memberIds.length) parts.push(t.rules.scopeMembersN(rule.scope.memberIds.length));
  return parts.join(' · ');
}
