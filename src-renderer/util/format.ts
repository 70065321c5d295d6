// Times the way the UI says them (今天 14:05, 3 天前, 剩 2 小时), in the local time zone.
import { t } from '../i18n/zh-CN';

const pad = (n: number): string => String(n).padStart(2, '0');

/** How absolute dates and numbers are written (the device setting); relative phrases stay in the UI language. */
let displayLocale = 'zh-CN';
export function setDisplayLocale(locale: string): void {
  displayLocale = locale;
}

/** A count the way the chosen locale groups digits (12,345). */
export const formatNumber = (n: number): string => new Intl.NumberFormat(displayLocale).format(n);
const hm = (d: Date): string => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** A moment in the past: 刚刚, 5 分钟前, 今天 14:05, 昨天 09:10, 3 天前, 11月2日. */
export function formatWhen(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const ms = now.getTime() - d.getTime();
  if (ms >= 0 && ms < 60_000) return t.justNow;
  if (ms >= 0 && ms < 3_600_000) return t.minutesAgo(Math.floor(ms / 60_000));
  const days = Math.round((startOfDay(now) - startOfDay(d)) / 86_400_000);
  if (days === 0) return t.today(hm(d));
  if (days === 1) return t.yesterday(hm(d));
  if (days > 1 && days < 7) return t.daysAgo(days);
  const sameYear = d.getFullYear() === now.getFullYear();
  if (displayLocale !== 'zh-CN') {
    return new Intl.DateTimeFormat(displayLocale, { ...(sameYear ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  }
  return t.date(sameYear ? null : d.getFullYear(), d.getMonth() + 1, d.getDate(), hm(d));
}

/** Milliseconds until a deadline (negative once past). */
export const msUntil = (iso: string, now: Date = new Date()): number => new Date(iso).getTime() - now.getTime();

/** A duration ahead: 25 分钟, 3 小时 20 分, 2 天; null once it is past. */
export function formatLeft(iso: string, now: Date = new Date()): string | null {
  const ms = msUntil(iso, now);
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  if (minutes < 60) return t.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t.hours(hours, minutes % 60);
  return t.days(Math.floor(hours / 24));
}

/** An age in milliseconds since an ISO time. */
export const ageMs = (iso: string, now: Date = new Date()): number => now.getTime() - new Date(iso).getTime();

/** A customer as a line shows it: the name, or a short form of the id where this desk has no name. */
export const customerLabel = (name: string | null, externalUserid: string): string => name ?? t.customerShort(externalUserid.slice(-6));
