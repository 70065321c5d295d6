// Facts about this build of the app, read once from package.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

let cached: string | undefined;

/** The app version from package.json (found by walking up from this module). */
export function readAppVersion(): string {
  if (cached) return cached;
  if (typeof __TAGDESK_VERSION__ === 'string') return (cached = __TAGDESK_VERSION__);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'tagdesk' && pkg.version) return (cached = pkg.version);
    } catch {
      /* keep walking up */
    }
    dir = path.dirname(dir);
  }
  return (cached = '0.0.0');
}

declare const __TAGDESK_VERSION__: string | undefined;
