// A caller that cannot wait long (the team server's relay answering a desktop) is told how
// long the company's quota window stays full instead of being held until it frees.
import { describe, it, expect } from 'vitest';
import { RateLimiter, RateLimitWaitError } from '../../../src-shared/wecom/rate-limiter';

describe('rate limiter wait budget', () => {
  it('throws RateLimitWaitError with the time left when the window is full beyond the budget', async () => {
    let now = 1_000_000;
    const slept: number[] = [];
    const limiter = new RateLimiter({ perMinute: 2, perHour: 100 }, () => now, async (ms) => {
      slept.push(ms);
      now += ms;
    });
    for (let i = 0; i < 2; i++) {
      await limiter.acquire('externalcontact/get', 2000);
      limiter.release('externalcontact/get');
    }
    now += 10_000;
    const err = await limiter.acquire('externalcontact/get', 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitWaitError);
    expect((err as RateLimitWaitError).retryAfterMs).toBe(50_001);
    expect(slept).toEqual([]);
  });

  it('still waits when the slot frees within the budget, and without a budget as before', async () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 1, perHour: 100 }, () => now, async (ms) => {
      now += ms;
    });
    await limiter.acquire('a', 2000);
    limiter.release('a');
    now += 59_000;
    await limiter.acquire('a', 2000); // 1,001 ms to wait: within budget
    limiter.release('a');
    expect(now).toBe(60_001);
    await limiter.acquire('a'); // unlimited: waits the full minute
    expect(now).toBe(120_002);
  });
});

describe('rate limiter wait budget for call slots', () => {
  it('gives up a queued call after the budget when the concurrency cap stays full', async () => {
    const limiter = new RateLimiter({ perMinute: 1000, perHour: 10_000, maxConcurrent: 1 }, () => Date.now(), (ms) => new Promise((r) => setTimeout(r, ms)));
    await limiter.acquire('x', 50); // takes the only slot and keeps it
    const started = Date.now();
    const err = await limiter.acquire('x', 50).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitWaitError);
    expect(Date.now() - started).toBeLessThan(1000);
    // the abandoned waiter is gone: releasing hands the slot to the next real caller
    const next = limiter.acquire('x', 5000);
    limiter.release('x');
    await expect(next).resolves.toBeUndefined();
  });
});
