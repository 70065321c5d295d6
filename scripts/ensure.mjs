// Installs what a fresh machine lacks before `npm start`, `npm test` or `npm run bench`:
// Debian packages (through apt when root, otherwise it prints the one command to run) and
// the npm packages. Plain Node with no dependencies, because it runs before npm install.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** Debian packages by purpose. keytar builds against libsecret during npm install. */
export const SYSTEM_PACKAGES = {
  build: ['libsecret-1-dev', 'python3', 'make', 'g++'],
  browser: ['chromium', 'fonts-noto-cjk'],
  test: ['xvfb', 'gnome-keyring', 'dbus'],
};

const log = (msg) => process.stderr.write(`tagdesk: ${msg}\n`);

function missingDebianPackages(names) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...names], { encoding: 'utf8' });
  const installed = new Set(
    (r.stdout ?? '')
      .split('\n')
      .filter((l) => l.endsWith('install ok installed'))
      .map((l) => l.split(' ')[0]),
  );
  return names.filter((n) => !installed.has(n));
}

/**
 * Makes sure the Debian packages for the given purposes are installed. Returns false (after
 * printing the command to run) when they are missing and we may not install them.
 */
export function ensureSystemPackages(purposes) {
  if (process.platform !== 'linux') return true;
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    log('not a Debian-like system; install Chromium, libsecret, gnome-keyring, dbus and Xvfb with your package manager if something below fails.');
    return true;
  }
  const wanted = [...new Set(purposes.flatMap((p) => SYSTEM_PACKAGES[p] ?? []))];
  const missing = missingDebianPackages(wanted);
  if (missing.length === 0) return true;
  const cmd = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    log(`installing Debian packages: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const upd = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    const inst = upd.status === 0
      ? spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env })
      : upd;
    if (inst.status !== 0) {
      log(`apt-get failed (exit ${inst.status}); run this and try again:\n  ${cmd}`);
      return false;
    }
    return true;
  }
  log(`missing Debian packages: ${missing.join(' ')}. Run this once, then try again:\n  sudo sh -c '${cmd}'`);
  return false;
}

/** Runs npm install when node_modules is missing or older than package-lock.json. */
export function ensureNpmDependencies(root) {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.package-lock.json');
  const fresh = existsSync(stamp) && existsSync(lock) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs
    && existsSync(path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))
    && existsSync(path.join(root, 'node_modules', 'keytar', 'build', 'Release', 'keytar.node'));
  if (fresh) return;
  const ci = !existsSync(path.join(root, 'node_modules'));
  log(ci ? 'installing npm packages (first run; native modules build from source, about 2 minutes)…' : 'package-lock.json changed; updating npm packages…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, [ci ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    log(`npm ${ci ? 'ci' : 'install'} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

/** The Electron binary's path, or null with the reason it is not usable. */
export function electronBinary(root) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(dir, 'path.txt');
  if (!existsSync(dir)) return { path: null, why: 'the electron package is not installed' };
  if (!existsSync(pathTxt)) return { path: null, why: "Electron's binary is not installed (its download did not succeed on this machine)" };
  const bin = path.join(dir, 'dist', readFileSync(pathTxt, 'utf8').trim());
  if (!existsSync(bin)) return { path: null, why: `Electron's binary is missing at ${bin}` };
  return { path: bin, why: null };
}
