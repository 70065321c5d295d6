// The seeded simulation of many working days (tests/sim): several desktops editing offline and
// online, colleagues in WeCom, tags deleted/renamed/rebuilt, faults and crashes. 500 seeds must
// hold every invariant; a seed replays identically; deliberately broken engines must be caught.
import { describe, expect, it } from 'vitest';
import { runSeed, runSeeds } from '../../src-main/cli/sync-sim/scenario';
import type { EngineVariant } from '../../src-main/sync/pair-sync';

const SEEDS = Number(process.env.SYNC_SIM_SEEDS ?? 500);

describe('sync simulation', () => {
  it(`holds every invariant over ${SEEDS} seeded schedules`, async () => {
    const t0 = performance.now();
    const sum = await runSeeds(1, SEEDS);
    console.log(`sync-sim: ${sum.seeds} seeds, ${sum.ops} ops in ${Math.round(performance.now() - t0)} ms`);
    expect(sum.ops).toBeGreaterThan(SEEDS * 30);
    expect(sum).toMatchObject({ lost: 0, duplicated: 0, diverged: 0, untouchedChanged: 0, failures: [] });
  }, 300_000);

  it('replays a seed identically (same requests, same outcome)', async () => {
    const a = await runSeed(4242);
    const b = await runSeed(4242);
    expect(b.trace).toBe(a.trace);
    expect(b).toEqual(a);
    const c = await runSeed(4243);
    expect(c.trace).not.toBe(a.trace);
  });

  // Each broken engine must fail some seed soon; searching stops at the first failure.
  const broken: Array<[EngineVariant, string]> = [
    ['resend-without-readback', 'duplicated'],
    ['full-set', 'untouchedChanged'],
    ['wall-clock-order', 'diverged'],
  ];
  for (const [variant, metric] of broken) {
    it(`catches a broken engine: ${variant}`, async () => {
      let caught: Awaited<ReturnType<typeof runSeed>> | undefined;
      for (let seed = 1; seed <= 300 && !caught; seed++) {
        const r = await runSeed(seed, { variant, steps: 25 });
        if (!r.ok) caught = r;
      }
      expect(caught, `${variant} passed 300 seeds`).toBeDefined();
      expect(caught![metric as 'duplicated']).toBeGreaterThan(0);
      // And the failing seed replays to the same failure.
      const again = await runSeed(caught!.seed, { variant, steps: 25 });
      expect(again.trace).toBe(caught!.trace);
      expect(again.ok).toBe(false);
    }, 120_000);
  }
});
