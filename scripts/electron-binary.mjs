// Tries to fetch Electron's binary after install. npm skips electron's own postinstall
// (see "allowScripts" in package.json) so that an install on a machine that cannot reach
// the binary's download host still succeeds; here we try once and carry on either way.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // electron not installed (e.g. a production install of the server)
}
if (existsSync(path.join(electronDir, 'path.txt'))) process.exit(0);
if (process.env.TAGDESK_SKIP_ELECTRON_DOWNLOAD === '1') {
  console.log('tagdesk: skipping the Electron binary download (TAGDESK_SKIP_ELECTRON_DOWNLOAD=1); npm start will use browser mode.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 120_000,
  env: { ...process.env },
});
if (r.status === 0 && existsSync(path.join(electronDir, 'path.txt'))) {
  console.log('tagdesk: Electron binary installed.');
} else {
  const why = (r.stderr?.toString() ?? '').split('\n').find((l) => l.trim()) ?? (r.error?.message ?? 'unknown error');
  console.log(`tagdesk: Electron binary could not be downloaded (${why.trim().slice(0, 160)}); npm start will use browser mode.`);
}
