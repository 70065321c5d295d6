// The `tagdesk` command line as a user runs it: `npm run --silent tagdesk -- <subcommand>`,
// which is `node bin/tagdesk.mjs`. Every registered subcommand shows in --help.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { commands } from '../../../src-main/cli/commands/index';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const tagdesk = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });

describe('tagdesk CLI', () => {
  it('lists every registered subcommand in --help and exits 0', () => {
    const r = tagdesk('--help');
    expect(r.status).toBe(0);
    for (const c of commands) expect(r.stdout).toContain(`  ${c.name}`);
  });

  it('prints usage and exits 2 without a subcommand', () => {
    const r = tagdesk();
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('Usage: tagdesk <command>');
  });

  it('names an unknown subcommand and exits 2', () => {
    const r = tagdesk('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('gives each subcommand its own --help', () => {
    for (const c of commands) {
      const r = tagdesk(c.name, '--help');
      expect(r.status, c.name).toBe(0);
      expect(r.stdout, c.name).toMatch(/Usage: tagdesk /);
    }
  });

  it('prints the version from package.json', () => {
    const r = tagdesk('version', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ version: (JSON.parse(spawnSync('cat', [path.join(ROOT, 'package.json')], { encoding: 'utf8' }).stdout) as { version: string }).version });
  });

  it('has unique subcommand names', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
