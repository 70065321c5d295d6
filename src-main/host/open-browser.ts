// Opens the browser-mode URL in a Chromium "app" window (no tabs or address bar), with a
// profile inside the data folder so the renderer's IndexedDB survives restarts.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

export function findChromium(): string | null {
  if (process.env.TAGDESK_CHROMIUM && existsSync(process.env.TAGDESK_CHROMIUM)) return process.env.TAGDESK_CHROMIUM;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

/** Returns a reason when nothing was opened. */
export function openAppWindow(url: string, dataDir: string): string | null {
  if (!hasDisplay()) return 'no display ($DISPLAY is not set)';
  const chromium = findChromium();
  if (!chromium) return 'no Chromium found';
  const args = [
    `--app=${url}`,
    `--user-data-dir=${path.join(dataDir, 'browser-profile')}`,
    '--window-size=380,680',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(chromium, args, { detached: true, stdio: 'ignore' });
  child.unref();
  return null;
}
