// `tagdesk lint` as an admin or a script uses it: texts on stdin, one JSON verdict per line,
// exit 2 with the file named when a rule pack or overlay cannot be used.
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const lint = (args: string[], input: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tagdesk.mjs'), 'lint', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
const lines = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { text: string; verdict: string; findings: Array<Record<string, unknown>> });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tagdesk-lint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const writePack = (name: string, content: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};
const defaultPack = () => JSON.parse(readFileSync(path.join(ROOT, 'resources/rule-packs/default.json'), 'utf8')) as {
  version: string;
  categories: Record<string, { actions: Record<string, string> }>;
};

describe('tagdesk lint --json', () => {
  it('writes one JSON line per input line with verdict and findings in original offsets', () => {
    const r = lint(['--json'], '付费客户\n身份证11010519491231002X\n代/开/发/票\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({ text: '付费客户', verdict: 'ok', findings: [] });
    expect(out[1]).toMatchObject({ text: '身份证11010519491231002X', verdict: 'block' });
    expect(out[1]!.findings).toEqual([
      { category: 'pii.id_cn', action: 'block', start: 3, end: 21, rule: 'pii.id_cn/gb11643', message: expect.stringContaining('身份证号') as string },
    ]);
    expect(out[2]!.findings[0]).toMatchObject({ category: 'content.illegal', start: 0, end: 7 });
  });

  it('lints tag names by default and notes with --field note', () => {
    const input = '电话13812345678\n';
    expect(lines(lint(['--json'], input).stdout)[0]!.verdict).toBe('block');
    const note = lines(lint(['--json', '--field', 'note'], input).stdout)[0]!;
    expect(note.verdict).toBe('replace');
    expect(note.findings[0]).toMatchObject({ category: 'pii.mobile_cn', action: 'replace', start: 2, end: 13 });
  });

  it('uses the pack given with --pack', () => {
    const pack = defaultPack();
    pack.version = '9.9.9';
    pack.categories['pii.long_number']!.actions = { tag: 'block', note: 'block' };
    const file = writePack('strict.json', JSON.stringify(pack));
    const out = lines(lint(['--json', '--pack', file], '编号 82345678901\n').stdout);
    expect(out[0]).toMatchObject({ verdict: 'block', findings: [{ category: 'pii.long_number', action: 'block' }] });
  });

  it('prints nothing and exits 0 on empty input', () => {
    const r = lint(['--json'], '');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('tagdesk lint errors', () => {
  it('exits 2 naming a pack file that does not exist', () => {
    const missing = path.join(dir, 'missing.json');
    const r = lint(['--json', '--pack', missing], 'x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tagdesk lint: cannot read rule pack ${missing}: file not found\n`);
    expect(r.stdout).toBe('');
  });

  it('exits 2 naming a pack path that cannot be read as a file', () => {
    // A directory is unreadable as a file for every user, root included (unlike chmod 000).
    const r = lint(['--json', '--pack', dir], 'x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tagdesk lint: cannot read rule pack ${dir}: is a directory\n`);
  });

  it('exits 2 naming a pack file that is not JSON', () => {
    const file = writePack('broken.json', '{"schema": "tagdesk.rule-pack/1",');
    const r = lint(['--json', '--pack', file], 'x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^tagdesk lint: rule pack ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: `));
  });

  it('exits 2 with the offending field when a pack does not match the schema', () => {
    const pack = defaultPack();
    pack.categories['spi.health']!.actions.tag = 'ignore';
    const file = writePack('invalid.json', JSON.stringify(pack));
    const r = lint(['--json', '--pack', file], 'x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`tagdesk lint: rule pack ${file} is invalid:\n  字段 categories.spi.health.actions.tag：取值应为 "warn" | "replace" | "approval" | "block" 之一，实际为 "ignore"\n`);
  });

  it('exits 2 when an overlay goes below the pack floor', () => {
    const file = writePack('overlay.json', JSON.stringify({ schema: 'tagdesk.rule-overlay/1', id: 'lax', version: '1.0.0', actions: { 'pii.id_cn': { tag: 'warn' } } }));
    const r = lint(['--json', '--overlay', file], 'x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`overlay ${file} is invalid`);
    expect(r.stderr).toContain('不能低于规则包 tagdesk-default 1.0.0 设定的下限 block');
  });

  it('exits 2 on an unknown field value', () => {
    const r = lint(['--json', '--field', 'remark'], 'x\n');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--field must be tag or note, not "remark"');
  });
});
