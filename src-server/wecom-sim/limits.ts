// WeCom's frequency windows (45009): per corp and per IP, per API, per minute and per hour,
// fixed windows; exceeding one blocks that API for the window's length (minute → 60 s, hour →
// 60 min, DOC 90312). Also the in-flight counts behind 45033 and the record locks behind 45035.
import type { SimLimits } from './options';

interface Window { start: number; count: number }

export class FrequencyLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly blockedUntil = new Map<string, number>();
  readonly inFlight = new Map<string, number>();
  readonly lockedRecords = new Set<string>();

  constructor(private readonly limits: SimLimits) {}

  /** Forces a block of an API (fault injection), e.g. to test a client's 45009 pause. */
  block(api: string, untilMs: number): void {
    this.blockedUntil.set(api, Math.max(this.blockedUntil.get(api) ?? 0, untilMs));
  }

  private hit(key: string, spanMs: number, cap: number, nowMs: number): boolean {
    const start = Math.floor(nowMs / spanMs) * spanMs;
    let w = this.windows.get(key);
    if (!w || w.start !== start) this.windows.set(key, (w = { start, count: 0 }));
    w.count++;
    return w.count > cap;
  }

  /** Counts one call; true when it must be refused with 45009. */
  overLimit(api: string, ip: string, nowMs: number, debug: boolean, extraHourlyCap?: number): boolean {
    const blocked = Math.max(this.blockedUntil.get(api) ?? 0, this.blockedUntil.get(`${api}|${ip}`) ?? 0);
    if (blocked > nowMs) return true;
    const l = this.limits;
    const checks: [string, number, number, string][] = [
      [`corp|m|${api}`, 60_000, debug ? l.debugPerMinute : l.perCorpPerMinute, api],
      [`corp|h|${api}`, 3_600_000, Math.min(l.perCorpPerHour, extraHourlyCap ?? Infinity), api],
      [`ip|m|${ip}|${api}`, 60_000, l.perIpPerMinute, `${api}|${ip}`],
      [`ip|h|${ip}|${api}`, 3_600_000, l.perIpPerHour, `${api}|${ip}`],
    ];
    for (const [key, span, cap, blockKey] of checks) {
      if (this.hit(key, span, cap, nowMs)) {
        this.block(blockKey, nowMs + span);
        return true;
      }
    }
    return false;
  }

  enter(api: string): number {
    const n = (this.inFlight.get(api) ?? 0) + 1;
    this.inFlight.set(api, n);
    return n;
  }

  leave(api: string): void {
    this.inFlight.set(api, Math.max(0, (this.inFlight.get(api) ?? 1) - 1));
  }

  /** Locks all keys or none; false when one is already being written (45035). */
  lock(keys: string[]): boolean {
    if (keys.some((k) => this.lockedRecords.has(k))) return false;
    for (const k of keys) this.lockedRecords.add(k);
    return true;
  }

  unlock(keys: string[]): void {
    for (const k of keys) this.lockedRecords.delete(k);
  }
}
