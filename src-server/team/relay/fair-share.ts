// Fair shares of WeCom's company-wide quota: the WeCom client's limiter keeps the whole
// company under WeCom's windows, and this per-member token bucket keeps one busy desktop
// (a bulk job, a runaway loop) from starving its colleagues. Over its share, a member gets the
// relay's 7100020 and backs off; the others keep working.

export interface FairShareConfig {
  /** Requests a member may burst. */
  burst: number;
  /** Sustained requests per second per member. */
  perSecond: number;
}

export const DEFAULT_FAIR_SHARE: FairShareConfig = { burst: 60, perSecond: 10 };

export function createFairShare(now: () => Date, cfg: FairShareConfig = DEFAULT_FAIR_SHARE) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one request from the member's share; false when it is used up for now. */
    take(userid: string): boolean {
      const t = now().getTime();
      const b = buckets.get(userid) ?? { tokens: cfg.burst, at: t };
      b.tokens = Math.min(cfg.burst, b.tokens + ((t - b.at) / 1000) * cfg.perSecond);
      b.at = t;
      buckets.set(userid, b);
      if (b.tokens < 1) return false;
      b.tokens -= 1;
      return true;
    },
    /** Milliseconds until the member has a request again. */
    waitMs(userid: string): number {
      const b = buckets.get(userid);
      return !b || b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) / cfg.perSecond) * 1000);
    },
  };
}

export type FairShare = ReturnType<typeof createFairShare>;
