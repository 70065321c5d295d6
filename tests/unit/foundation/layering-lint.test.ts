// The layering rules are enforced by ESLint, not by habit: these tests feed the project's
// own lint config code that breaks a rule, at the path where it would be a violation.
import { describe, it, expect } from 'vitest';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

// Type information is not needed for import rules; parsing without it keeps the test fast
// and independent of whether the probe file exists on disk.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ languageOptions: { parserOptions: { projectService: false, project: null } } }, tseslint.configs.disableTypeChecked],
});

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('the pure core (src-shared)', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';\nexport const x = readFileSync;", 'node: built-in'],
    ["import fs from 'fs';\nexport const x = fs;", 'bare fs'],
    ["import path from 'path';\nexport const x = path;", 'bare path'],
    ["import { app } from 'electron';\nexport const x = app;", 'electron'],
    ["import React from 'react';\nexport const x = React;", 'react'],
    ["import { createRoot } from 'react-dom/client';\nexport const x = createRoot;", 'react-dom/client'],
    ["import { x } from '../src-main/app/services';\nexport const y = x;", 'another src folder'],
  ])('rejects %s (%s)', async (code) => {
    expect(await ruleIds(code, 'src-shared/probe/probe.ts')).toContain('no-restricted-imports');
  });

  it.each([
    ['export const el = document.body;', 'document'],
    ['export const w = window.innerWidth;', 'window'],
    ["export const m = require('x');", 'require'],
    ['export const e = process.env.X;', 'process'],
    ["export const b = Buffer.from('x');", 'Buffer'],
  ])('rejects the runtime global in %s (%s)', async (code) => {
    expect(await ruleIds(code, 'src-shared/probe/probe.ts')).toContain('no-restricted-globals');
  });

  it('accepts plain TypeScript with zod', async () => {
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();", 'src-shared/probe/probe.ts')).toEqual([]);
  });
});

describe('electron stays in the shell', () => {
  it('rejects electron in a main-process service, the server and the renderer', async () => {
    for (const file of ['src-main/store/probe.ts', 'src-main/host/probe.ts', 'src-server/probe.ts', 'src-renderer/probe.tsx']) {
      expect(await ruleIds("import { app } from 'electron';\nexport const x = app;", file)).toContain('no-restricted-imports');
    }
  });

  it('allows electron in the shell and the preload', async () => {
    for (const file of ['src-main/shell/probe.ts', 'src-preload/probe.ts']) {
      expect(await ruleIds("import { app } from 'electron';\nexport const x = app;", file)).toEqual([]);
    }
  });

  it('keeps src-server out of main services and main out of the renderer', async () => {
    expect(await ruleIds("import { x } from '../../src-server/demo/seed';\nexport const y = x;", 'src-main/store/probe.ts')).toContain('no-restricted-imports');
    expect(await ruleIds("import { x } from '../../src-main/app/services';\nexport const y = x;", 'src-renderer/panel/probe.tsx')).toContain('no-restricted-imports');
    expect(await ruleIds("import { x } from '../../src-server/demo/seed';\nexport const y = x;", 'src-main/cli/probe.ts')).toEqual([]);
  });
});
