// `tagdesk sync-sim`: runs the seeded sync simulation (desktops, colleagues, catalog edits,
// faults, crashes against the in-process WeCom simulator) and reports the invariants. A failing
// seed replays identically: rerun it with --from <seed> --seeds 1 --verbose.
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { runSeeds, type SeedResult } from '../sync-sim/scenario';
import type { EngineVariant } from '../../sync/pair-sync';

const VARIANTS: readonly EngineVariant[] = ['correct', 'resend-without-readback', 'full-set', 'wall-clock-order'];

function intArg(args: string[], name: string, dflt: number): number {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new UsageError(`${name} needs a whole number`);
  return v;
}

export const syncSimCommand: CliCommand = {
  name: 'sync-sim',
  summary: 'run the seeded sync-engine simulation and check its invariants',
  usage: [
    'Usage: tagdesk sync-sim --seeds N [--from S] [--steps K] [--variant V] [--json] [--verbose]',
    '  Prints {"seeds","ops","lost","duplicated","diverged","untouchedChanged","failures":[seeds]} with --json;',
    '  exits 1 when any seed fails. --variant runs a deliberately broken engine (' + VARIANTS.join(', ') + ').',
  ].join('\n'),
  async run(args, io) {
    const seeds = intArg(args, '--seeds', 100);
    const from = intArg(args, '--from', 1);
    const steps = intArg(args, '--steps', 40);
    const vi = args.indexOf('--variant');
    const variant = (vi >= 0 ? args[vi + 1] : 'correct') as EngineVariant;
    if (!VARIANTS.includes(variant)) throw new UsageError(`--variant must be one of ${VARIANTS.join(', ')}`);
    const verbose = args.includes('--verbose');
    const t0 = performance.now();
    const sum = await runSeeds(from, seeds, { variant, steps }, (r: SeedResult) => {
      if (verbose || !r.ok) io.err(`seed ${r.seed}: ${r.ok ? 'ok' : 'FAIL'} ops=${r.ops} trace=${r.trace}${r.notes.length ? ` ${r.notes.slice(0, 5).join('; ')}` : ''}\n`);
    });
    if (args.includes('--json')) io.out(`${JSON.stringify(sum)}\n`);
    else io.out(`${sum.seeds} seeds, ${sum.ops} ops in ${Math.round(performance.now() - t0)} ms: lost ${sum.lost}, duplicated ${sum.duplicated}, diverged ${sum.diverged}, untouched changed ${sum.untouchedChanged}; failing seeds: ${sum.failures.join(', ') || 'none'}\n`);
    return sum.failures.length === 0 ? 0 : 1;
  },
};
