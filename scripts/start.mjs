// `npm start`: installs what is missing, builds, and runs Tagdesk — the Electron shell where
// Electron's binary is installed, otherwise browser mode (saying why, in one line).
// Options after `--` pass through: npm start -- --port 47900 --data-dir ~/tagdesk-b
// (--team-server=URL uses a running team server instead of the embedded demo).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, ensureNpmDependencies, ensureSystemPackages } from './ensure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const say = (m) => process.stderr.write(`tagdesk: ${m}\n`);

if (!ensureSystemPackages(['build'])) process.exit(1);
ensureNpmDependencies(root);

say('building…');
const build = spawnSync(path.join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  say('the build failed (see above).');
  process.exit(1);
}

// Without a team server named, run the embedded demo (WeCom simulator + team server in the
// app's process); the demo keeps its data inside the checkout, apart from a real installation's.
const named = (flag) => args.some((a) => a === flag || a.startsWith(`${flag}=`));
if (!named('--team-server') && !named('--demo')) args.push('--demo');
// The demo's shop and chat archive post behaviour events over time, so automation rules visibly fire.
if (args.includes('--demo')) process.env.TAGDESK_DEMO_EVENTS ??= 'on';
if (!named('--data-dir')) args.push(`--data-dir=${path.join(root, '.tagdesk-data', 'demo')}`);

/**
 * better-sqlite3 in node_modules is built for Node (tests and browser mode need that build);
 * Electron's bundled Node has another ABI, so the shell gets its own copy in .electron-native/.
 */
function electronSqlite(electronVersion) {
  const out = path.join(root, '.electron-native', 'better_sqlite3.node');
  const stamp = path.join(root, '.electron-native', 'electron-version');
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return true;
  say(`building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const src = path.join(root, '.electron-native', 'better-sqlite3');
  rmSync(src, { recursive: true, force: true });
  mkdirSync(path.dirname(src), { recursive: true });
  cpSync(path.join(root, 'node_modules', 'better-sqlite3'), src, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  const gyp = [path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].find((p) => existsSync(p));
  const [cmd, gypArgs] = gyp ? [process.execPath, [gyp]] : ['npx', ['--yes', 'node-gyp']];
  const r = spawnSync(cmd, [...gypArgs, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
    cwd: src,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) return false;
  cpSync(path.join(src, 'build', 'Release', 'better_sqlite3.node'), out);
  spawnSync('sh', ['-c', `printf %s '${electronVersion}' > '${stamp}'`]);
  return true;
}

const electron = electronBinary(root);
if (electron.path) {
  const version = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  if (electronSqlite(version)) {
    const child = spawn(electron.path, [path.join(root, 'out', 'main', 'index.js'), ...args], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    process.on('SIGINT', () => child.kill('SIGINT'));
  } else {
    say('could not build better-sqlite3 for Electron; running in browser mode instead.');
    runBrowserMode();
  }
} else {
  say(`${electron.why}; running in browser mode.`);
  runBrowserMode();
}

function runBrowserMode() {
  ensureSystemPackages(['browser']);
  const child = spawn(process.execPath, [path.join(root, 'out', 'main', 'browser.js'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  process.on('SIGINT', () => child.kill('SIGINT'));
  process.on('SIGTERM', () => child.kill('SIGTERM'));
}
