// `tagdesk audit verify FILE` as an auditor runs it on an export the team server handed over.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportAuditJsonl } from '../../../src-shared/audit';
import { enterpriseDay } from './fixtures';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-audit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tagdesk = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
const write = (name: string, text: string) => { const f = path.join(dir, name); writeFileSync(f, text); return f; };

describe('tagdesk audit verify', () => {
  const events = enterpriseDay(12);
  const good = write('good.jsonl', exportAuditJsonl(events, 'enterprise'));

  it('exits 0 on an intact chain with a one-line summary', () => {
    const r = tagdesk('audit', 'verify', good);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^ok: enterprise chain, 12 events \(seq 1-12, head [0-9a-f]{12}\)/);
  });

  it('prints JSON with --json', () => {
    const r = tagdesk('audit', 'verify', good, '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, chain: 'enterprise', count: 12, lastSeq: 12, headHash: events[11]!.hash });
  });

  it('exits 1 and names seq 7 when the seventh event was edited by hand', () => {
    const lines = exportAuditJsonl(events, 'enterprise').split('\n');
    lines[7] = lines[7]!.replace('"actor":"lina"', '"actor":"zhaolei"').replace('"actor":"chenjing"', '"actor":"zhaolei"').replace('"actor":"system"', '"actor":"zhaolei"');
    const r = tagdesk('audit', 'verify', write('edited.jsonl', lines.join('\n')));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED at seq 7');
    expect(r.stdout).toContain('hash_mismatch');
    const j = tagdesk('audit', 'verify', path.join(dir, 'edited.jsonl'), '--json');
    expect(JSON.parse(j.stdout)).toMatchObject({ ok: false, firstBadSeq: 7, code: 'hash_mismatch' });
  });

  it('exits 1 naming the gap when an event was deleted', () => {
    const lines = exportAuditJsonl(events, 'enterprise').split('\n');
    lines.splice(4, 1); // the header is line 0, so this drops seq 4
    const r = tagdesk('audit', 'verify', write('deleted.jsonl', lines.join('\n')));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FAILED at seq 4: expected seq 4, found 5');
  });

  it('exits 2 on a file that cannot be read', () => {
    const r = tagdesk('audit', 'verify', path.join(dir, 'missing.jsonl'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cannot read');
    expect(r.stderr).toContain('ENOENT');
  });

  it('exits 2 with usage on a wrong subcommand', () => {
    const r = tagdesk('audit', 'check', good);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: tagdesk audit verify');
  });
});
