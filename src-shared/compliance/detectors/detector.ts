// The shape of a structured detector and the helpers they share. Detectors run over the
// detector view (NFKC, lower-case, Simplified, invisibles dropped, punctuation kept), so a
// regex sees `１３８` as `138` and `身份證` as `身份证`; spans are mapped back afterwards.
import type { CategoryId } from '../types';

export interface DetectorHit {
  category: CategoryId;
  rule: string;
  /** Range in the detector view. */
  start: number;
  end: number;
  /** A weak hit (format matched, no confirming context) is never more than a warning. */
  weak?: boolean;
  /** A concrete rewrite for `replace` (masked phone, address cut to the district…). */
  replacement?: string;
}

export interface DetectorContext {
  now: Date;
  /** Ranges already claimed by a stricter numeric detector; later ones skip overlaps. */
  claimed: Array<[number, number]>;
}

export type Detector = (text: string, ctx: DetectorContext) => DetectorHit[];

export function overlapsClaimed(ctx: DetectorContext, start: number, end: number): boolean {
  for (const [s, e] of ctx.claimed) if (start < e && s < end) return true;
  return false;
}

export function claim(ctx: DetectorContext, hit: DetectorHit): DetectorHit {
  ctx.claimed.push([hit.start, hit.end]);
  return hit;
}

/** Whether `re` finds a context word within `before` chars before or `after` chars after. */
export function hasContext(text: string, start: number, end: number, re: RegExp, before = 10, after = 4): boolean {
  return re.test(text.slice(Math.max(0, start - before), start)) || re.test(text.slice(end, end + after));
}

export const digitsOnly = (s: string): string => s.replace(/\D/g, '');

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Small numbers written either way: "8", "十二", "二十三" (ages, months, days). */
export function smallNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return undefined;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? CN_DIGITS[s] : Number([...s].map((c) => CN_DIGITS[c] ?? 0).join(''));
  const tens = ten === 0 ? 1 : (CN_DIGITS[s.charAt(ten - 1)] ?? 0);
  const ones = ten === s.length - 1 ? 0 : (CN_DIGITS[s.charAt(ten + 1)] ?? 0);
  return tens * 10 + ones;
}

/** A year written as digits or as four Chinese digits ("一九九〇"). */
export function yearNumber(s: string): number | undefined {
  if (/^\d{4}$/.test(s)) return Number(s);
  if (!/^[零〇一二三四五六七八九]{4}$/.test(s)) return undefined;
  return Number([...s].map((c) => CN_DIGITS[c] ?? 0).join(''));
}
