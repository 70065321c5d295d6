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

describe('tagdesk server --config', () => {
  it('says what is wrong with a missing or invalid config file and exits 2', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-cfg-'));
    const missing = tagdesk('server', '--config', path.join(dir, 'nope.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read config/);
    const both = path.join(dir, 'both.json');
    writeFileSync(both, JSON.stringify({ corpid: 'ww1', agentid: 1000002, corpsecret: 's', corpsecretEnv: 'X', dataDir: dir }));
    const r = tagdesk('server', '--config', both);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exactly one of corpsecret and corpsecretEnv/);
    expect(r.stderr).not.toContain('"s"');
    const noEnv = path.join(dir, 'env.json');
    writeFileSync(noEnv, JSON.stringify({ corpid: 'ww1', agentid: 1000002, corpsecretEnv: 'TAGDESK_TEST_UNSET_SECRET', dataDir: dir }));
    const r2 = tagdesk('server', '--config', noEnv);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/TAGDESK_TEST_UNSET_SECRET is empty/);
  });

  it('refuses --demo together with --config', () => {
    const r = tagdesk('server', '--demo', '--config', 'x.json');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/exactly one of --demo and --config/);
  });
});
