// `npm run bench`: runs every tests/bench/*.bench.ts (or those named on the command line)
// one after another in its own process and prints one JSON document with all results.
// Benchmarks are not tests: nothing here fails on a slow machine; targets are reported.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNpmDependencies } from './ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureNpmDependencies(root);
const dir = path.join(root, 'tests', 'bench');
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const results = [];
const failures = [];
for (const f of files) {
  const t0 = Date.now();
  process.stderr.write(`bench: ${f} …\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(dir, f)], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const line of r.stdout.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try { results.push({ file: f, ...JSON.parse(line) }); } catch { /* not a result line */ }
  }
  if (r.status !== 0) failures.push({ file: f, status: r.status });
  process.stderr.write(`bench: ${f} done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
const summary = {
  machine: { node: process.version, platform: process.platform, arch: process.arch },
  at: new Date().toISOString(),
  results,
  failures,
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exitCode = failures.length ? 1 : 0;
