// The keytar driver against a real Secret Service: gnome-keyring inside a private D-Bus
// session with its own HOME, so the test never touches the developer's own keychain.
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const PROBE = path.join(import.meta.dirname, 'keychain-probe.ts');
const hasTools = ['dbus-run-session', 'gnome-keyring-daemon'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);

let home: string;

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.TAGDESK_SECRETS;
  return env;
}

/** Runs the probe inside a fresh D-Bus session with an unlocked gnome-keyring. */
function inKeyringSession(args: string[]): Record<string, unknown> {
  const probe = `node --import tsx ${PROBE} ${args.map((a) => `'${a}'`).join(' ')}`;
  const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', `echo test-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${probe}`], {
    cwd: ROOT,
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`probe printed nothing: ${r.stderr}`);
  return JSON.parse(line) as Record<string, unknown>;
}

describe.runIf(hasTools)('the OS keychain driver (gnome-keyring over D-Bus)', () => {
  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'tagdesk-keyring-home-'));
    mkdirSync(path.join(home, '.local', 'share', 'keyrings'), { recursive: true });
  });

  it('stores a device token in the keychain and reads it back; another data folder does not see it', () => {
    const r = inKeyringSession(['/data/member-a', 'roundtrip', 'tok-A-123']);
    expect(r.info).toEqual({ backend: 'keychain', persistent: true });
    expect(r.got).toBe('tok-A-123');
    expect(r.other).toBeNull();
  });

  it('keeps the token across restarts of the app and of the keyring, encrypted on disk', () => {
    inKeyringSession(['/data/member-b', 'write', 'tok-B-secret-value']);
    const later = inKeyringSession(['/data/member-b', 'read']);
    expect(later.value).toBe('tok-B-secret-value');
    const dir = path.join(home, '.local', 'share', 'keyrings');
    for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f)).includes('tok-B-secret-value')).toBe(false);
  });

  it('deletes a token on sign-out', () => {
    inKeyringSession(['/data/member-c', 'write', 'tok-C']);
    expect(inKeyringSession(['/data/member-c', 'delete']).deleted).toBe(true);
    expect(inKeyringSession(['/data/member-c', 'read']).value).toBeNull();
  });
});

describe('without any keychain', () => {
  it('falls back to memory only, says so in one line, and writes nothing to disk', () => {
    home = mkdtempSync(path.join(tmpdir(), 'tagdesk-nokeyring-home-'));
    const r = spawnSync(process.execPath, ['--import', 'tsx', PROBE, path.join(home, 'data'), 'roundtrip', 'tok-mem'], { cwd: ROOT, env: cleanEnv(), encoding: 'utf8', timeout: 30_000 });
    const out = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{'))!) as { info: { backend: string; persistent: boolean }; got: string };
    expect(out.info.backend).toBe('memory');
    expect(out.info.persistent).toBe(false);
    expect(out.got).toBe('tok-mem');
    const notices = r.stderr.split('\n').filter((l) => l.startsWith('tagdesk:'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/no OS keychain reachable/);
  });
});
