#!/usr/bin/env node
// The `tagdesk` command line. In a checkout it runs the TypeScript sources through tsx, so
// `npm run --silent tagdesk -- <subcommand>` always reflects the code as it is.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(path.join(root, 'node_modules', 'tsx'))) {
  process.stderr.write('tagdesk: dependencies are not installed yet; run `npm install` (or `npm test` / `npm start`, which install them) first.\n');
  process.exit(2);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
