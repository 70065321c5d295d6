// RFM value scoring from orders: recency (days since the last purchase), frequency (orders) and
// monetary (total amount) each scored 1–3 against configurable thresholds, then the classic
// eight segments (重要价值客户 … 一般挽留客户) by high/low of each, and the R × M quadrants a
// manager's chart shows. Pure; rules use the segment as a condition (attribute rfm_segment).
import { z } from 'zod';
import type { StoredEvent } from './events';

const days = z.number({ error: '请输入天数' }).int({ error: '天数应为整数' }).min(1, { error: '天数至少为 1' }).max(3650, { error: '天数最多 3650' });
const orders = z.number({ error: '请输入订单数' }).int({ error: '订单数应为整数' }).min(1, { error: '订单数至少为 1' }).max(100_000, { error: '订单数过大' });
const yuan = z.number({ error: '请输入金额' }).min(0, { error: '金额不能为负' }).max(1e10, { error: '金额过大' });

export const rfmThresholdsSchema = z.strictObject({
  /** Score 3 at or under the first number of days since the last purchase, 2 at or under the second, else 1. */
  recencyDays: z.tuple([days, days]).default([30, 90]),
  /** Score 3 from the second number of orders, 2 from the first, else 1. */
  frequency: z.tuple([orders, orders]).default([2, 4]),
  /** Score 3 from the second total amount (yuan), 2 from the first, else 1. */
  monetary: z.tuple([yuan, yuan]).default([1000, 5000]),
})
  .refine((t) => t.recencyDays[0] <= t.recencyDays[1], { error: '最近购买：3 分的天数应不大于 2 分的天数', path: ['recencyDays'] })
  .refine((t) => t.frequency[0] <= t.frequency[1], { error: '购买次数：2 分的次数应不大于 3 分的次数', path: ['frequency'] })
  .refine((t) => t.monetary[0] <= t.monetary[1], { error: '累计金额：2 分的金额应不大于 3 分的金额', path: ['monetary'] });
export type RfmThresholds = z.output<typeof rfmThresholdsSchema>;
export const DEFAULT_RFM_THRESHOLDS: RfmThresholds = { recencyDays: [30, 90], frequency: [2, 4], monetary: [1000, 5000] };

export const RFM_SEGMENTS = ['重要价值客户', '重要保持客户', '重要发展客户', '重要挽留客户', '一般价值客户', '一般保持客户', '一般发展客户', '一般挽留客户'] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];
export const RFM_QUADRANTS = ['近期高额', '近期低额', '久未购买高额', '久未购买低额'] as const;
export type RfmQuadrant = (typeof RFM_QUADRANTS)[number];

export interface RfmScore {
  recencyDays: number;
  frequency: number;
  monetary: number;
  r: 1 | 2 | 3;
  f: 1 | 2 | 3;
  m: 1 | 2 | 3;
  segment: RfmSegment;
  quadrant: RfmQuadrant;
}

const DAY = 86_400_000;

/** The customer's score from their purchase events as of `now`; null without a purchase. */
export function rfmScore(events: readonly StoredEvent[], now: number, t: RfmThresholds = DEFAULT_RFM_THRESHOLDS): RfmScore | null {
  const purchases = [...new Map(events.filter((e) => e.kind === 'purchase' && e.at <= now).map((e) => [e.id, e] as const)).values()];
  if (purchases.length === 0) return null;
  const last = Math.max(...purchases.map((e) => e.at));
  const recencyDays = Math.floor((now - last) / DAY);
  const frequency = purchases.length;
  const monetary = Math.round(purchases.reduce((s, e) => s + Number(e.data.amount ?? 0), 0) * 100) / 100;
  const r = recencyDays <= t.recencyDays[0] ? 3 : recencyDays <= t.recencyDays[1] ? 2 : 1;
  const f = frequency >= t.frequency[1] ? 3 : frequency >= t.frequency[0] ? 2 : 1;
  const m = monetary >= t.monetary[1] ? 3 : monetary >= t.monetary[0] ? 2 : 1;
  const hi = (x: number): boolean => x >= 2;
  // RFM_SEGMENTS is ordered 重要/一般 × 价值, 保持, 发展, 挽留 (R high+F high, R low+F high, R high+F low, R low+F low).
  const segment = RFM_SEGMENTS[(hi(m) ? 0 : 4) + (hi(r) ? (hi(f) ? 0 : 2) : (hi(f) ? 1 : 3))]!;
  const quadrant = RFM_QUADRANTS[(hi(r) ? 0 : 2) + (hi(m) ? 0 : 1)]!;
  return { recencyDays, frequency, monetary, r, f, m, segment, quadrant };
}
