// What the sync engine takes from the outside world: clock, randomness, sleep and the WeCom
// client (which itself holds the injected fetch). Injecting them is what lets one seeded
// simulation drive the whole loop deterministically.
import type { WecomClient } from '../../src-shared/wecom';

export interface SyncClock {
  /** Milliseconds since the epoch (the device clock: it may jump; never used for ordering). */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  random: () => number;
}

export interface SyncDeps extends SyncClock {
  client: WecomClient;
}

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 15 * 60_000;

/**
 * Full-jitter exponential back-off (AWS architecture blog's "full jitter"): uniform in
 * [0, min(cap, base·2^attempt)], so a fleet of desktops reconnecting together spreads out.
 */
export function fullJitterDelay(attempt: number, random: () => number, baseMs = BACKOFF_BASE_MS, capMs = BACKOFF_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

export const toSeconds = (ms: number): number => Math.floor(ms / 1000);
