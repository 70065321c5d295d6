// Keeps our own calls below WeCom's frequency windows (per API: 10,000/min and 150,000/h per
// corp, DOC 90312), caps concurrency per API (45033/45035 have no documented numbers), and
// honours a 45009 pause. Time comes from the injected clock and sleep, so simulations control it.

export interface RateLimitConfig {
  /** Calls per API per sliding minute; default 90% of WeCom's 10,000. */
  perMinute: number;
  /** Calls per API per sliding hour; default 90% of WeCom's 150,000. */
  perHour: number;
  /** Concurrent calls per API unless listed in `maxConcurrentByApi`. */
  maxConcurrent: number;
  maxConcurrentByApi: Record<string, number>;
  /** How long a 45009 pauses an API; WeCom's shortest window is a minute. */
  pauseMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  perMinute: 9000,
  perHour: 135000,
  maxConcurrent: 5,
  // ≤ 5 concurrent mark_tag (ARCHITECTURE §5); gettoken is single-flight anyway.
  maxConcurrentByApi: { 'externalcontact/mark_tag': 5, gettoken: 1 },
  pauseMs: 60_000,
};

/** A timestamp log with O(1) amortised push/prune. */
class WindowLog {
  private stamps: number[] = [];
  private head = 0;
  constructor(private readonly spanMs: number) {}
  prune(now: number): void {
    while (this.head < this.stamps.length && this.stamps[this.head]! <= now - this.spanMs) this.head++;
    if (this.head > 4096 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }
  count(): number { return this.stamps.length - this.head; }
  oldest(): number { return this.stamps[this.head] ?? 0; }
  push(t: number): void { this.stamps.push(t); }
}

interface ApiState {
  minute: WindowLog;
  hour: WindowLog;
  inFlight: number;
  waiters: (() => void)[];
  pausedUntil: number;
}

export class ApiPausedError extends Error {
  override name = 'ApiPausedError';
  constructor(readonly api: string, readonly retryAfterMs: number) {
    super(`WeCom ${api} is paused for ${Math.ceil(retryAfterMs / 1000)} s after a frequency limit (45009)`);
  }
}

/** What to tell a caller who waited its whole budget in the queue for a call slot. */
const QUEUE_RETRY_MS = 1000;

/** The next slot under WeCom's windows is further away than the caller is willing to wait. */
export class RateLimitWaitError extends Error {
  override name = 'RateLimitWaitError';
  constructor(readonly api: string, readonly retryAfterMs: number) {
    super(`WeCom ${api}: the company's quota window is full for another ${Math.ceil(retryAfterMs / 1000)} s`);
  }
}

export class RateLimiter {
  private readonly apis = new Map<string, ApiState>();
  readonly config: RateLimitConfig;

  constructor(config: Partial<RateLimitConfig>, private readonly now: () => number, private readonly sleep: (ms: number) => Promise<void>) {
    this.config = { ...DEFAULT_RATE_LIMITS, ...config, maxConcurrentByApi: { ...DEFAULT_RATE_LIMITS.maxConcurrentByApi, ...config.maxConcurrentByApi } };
  }

  private state(api: string): ApiState {
    let s = this.apis.get(api);
    if (!s) {
      s = { minute: new WindowLog(60_000), hour: new WindowLog(3_600_000), inFlight: 0, waiters: [], pausedUntil: 0 };
      this.apis.set(api, s);
    }
    return s;
  }

  /** Remaining pause of an API in ms (0 when not paused). */
  pausedFor(api: string): number {
    return Math.max(0, this.state(api).pausedUntil - this.now());
  }

  /** Records a 45009: nothing is sent to this API until the pause ends. */
  pause(api: string, ms = this.config.pauseMs): void {
    const s = this.state(api);
    s.pausedUntil = Math.max(s.pausedUntil, this.now() + Math.max(ms, this.config.pauseMs));
  }

  /**
   * Waits for a slot under the windows and the concurrency cap; throws ApiPausedError while
   * paused, and RateLimitWaitError when a window would keep the caller waiting over `maxWaitMs`
   * (the team server's relay must answer a desktop, not hold its request for a minute).
   */
  async acquire(api: string, maxWaitMs = Infinity): Promise<void> {
    const s = this.state(api);
    const cap = this.config.maxConcurrentByApi[api] ?? this.config.maxConcurrent;
    const deadline = this.now() + maxWaitMs;
    for (;;) {
      const now = this.now();
      if (s.pausedUntil > now) throw new ApiPausedError(api, s.pausedUntil - now);
      s.minute.prune(now);
      s.hour.prune(now);
      if (s.minute.count() >= this.config.perMinute) {
        const wait = s.minute.oldest() + 60_000 - now + 1;
        if (now + wait > deadline) throw new RateLimitWaitError(api, wait);
        await this.sleep(wait);
        continue;
      }
      if (s.hour.count() >= this.config.perHour) {
        const wait = s.hour.oldest() + 3_600_000 - now + 1;
        if (now + wait > deadline) throw new RateLimitWaitError(api, wait);
        await this.sleep(wait);
        continue;
      }
      if (s.inFlight >= cap) {
        if (deadline === Infinity) {
          await new Promise<void>((resolve) => s.waiters.push(resolve));
          continue;
        }
        // Queue for a free call slot, but only until the caller's budget runs out.
        const remaining = deadline - now;
        if (remaining <= 0) throw new RateLimitWaitError(api, QUEUE_RETRY_MS);
        let wake!: () => void;
        const freed = new Promise<boolean>((resolve) => {
          wake = () => resolve(true);
          s.waiters.push(wake);
        });
        const gotSlot = await Promise.race([freed, this.sleep(remaining).then(() => false)]);
        if (!gotSlot) {
          const i = s.waiters.indexOf(wake);
          if (i >= 0) s.waiters.splice(i, 1);
          throw new RateLimitWaitError(api, QUEUE_RETRY_MS);
        }
        continue;
      }
      s.inFlight++;
      s.minute.push(now);
      s.hour.push(now);
      return;
    }
  }

  release(api: string): void {
    const s = this.state(api);
    s.inFlight = Math.max(0, s.inFlight - 1);
    s.waiters.shift()?.();
  }
}
