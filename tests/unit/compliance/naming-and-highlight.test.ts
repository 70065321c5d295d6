// Tag names follow WeCom's rules (30 characters, a safe character set) and get a nudge towards
// "核心特征-细分维度"; notes do not. The renderer gets plain segments to underline and a
// one-click text with all suggested replacements applied.
import { describe, expect, it } from 'vitest';
import { applyReplacements, defaultLinter, highlightSegments } from '../../../src-shared/compliance/index';

const linter = defaultLinter([], { now: () => new Date('2026-11-22T08:00:00Z') });

describe('tag naming rules', () => {
  it('blocks a tag name over 30 characters and underlines the overflow', () => {
    const name = '一'.repeat(28) + '客户意向';
    const r = linter.lint(name, { field: 'tag' });
    expect(r.verdict).toBe('block');
    expect(r.findings).toEqual([expect.objectContaining({ category: 'naming.length', span: { start: 30, end: 32 } })]);
    expect(r.findings[0]!.message).toContain('30');
  });

  it('counts characters, not UTF-16 units, towards the limit', () => {
    expect(linter.lint('𠀀'.repeat(30), { field: 'tag' }).findings.filter((f) => f.category === 'naming.length')).toEqual([]);
  });

  it('suggests "-" for a colon or slash, and deleting emoji or zero-width characters', () => {
    const r = linter.lint('渠道来源:抖音😀', { field: 'tag' });
    expect(r.findings.map((f) => [f.category, f.span, f.replacement])).toEqual([
      ['naming.charset', { start: 4, end: 5 }, '-'],
      ['naming.charset', { start: 7, end: 9 }, ''],
    ]);
    expect(applyReplacements('渠道来源:抖音😀', r.findings)).toBe('渠道来源-抖音');
  });

  it('applies naming rules to tag names only', () => {
    expect(linter.lint('渠道来源:抖音', { field: 'note' }).verdict).toBe('ok');
    expect(linter.lint('一'.repeat(40), { field: 'note' }).verdict).toBe('ok');
  });

  it('hints at the "核心特征-细分维度" structure without changing the verdict', () => {
    const r = linter.lint('抖音广告投放来的北京客户', { field: 'tag' });
    expect(r.verdict).toBe('ok');
    expect(r.hints.map((h) => h.rule)).toEqual(['naming.hint/structure']);
    expect(r.hints[0]!.message).toContain('核心特征-细分维度');
    expect(linter.lint('抖音广告-北京', { field: 'tag' }).hints).toEqual([]);
    expect(linter.lint('付费客户', { field: 'tag' }).hints).toEqual([]);
    expect(linter.lint('抖音广告投放来的北京客户', { field: 'note' }).hints).toEqual([]);
  });
});

describe('highlighting for the renderer', () => {
  it('cuts the text into segments with the strictest covering action', () => {
    const text = '二婚，电话13812345678';
    const r = linter.lint(text, { field: 'note' });
    const segments = highlightSegments(text, r.findings);
    expect(segments.map((s) => [s.text, s.level])).toEqual([
      ['二婚', 'warn'],
      ['，电话', 'ok'],
      ['13812345678', 'replace'],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('keeps overlapping findings apart and points each segment at its findings', () => {
    const findings = [
      { category: 'spi.health', rule: 'x', action: 'approval', span: { start: 0, end: 4 }, legalBasis: [], packVersion: 'p', message: 'm' },
      { category: 'pii.long_number', rule: 'y', action: 'warn', span: { start: 2, end: 6 }, legalBasis: [], packVersion: 'p', message: 'm' },
    ] as const;
    const segments = highlightSegments('abcdefgh', [...findings]);
    expect(segments.map((s) => [s.start, s.end, s.level, s.findings])).toEqual([
      [0, 2, 'approval', [0]],
      [2, 4, 'approval', [0, 1]],
      [4, 6, 'warn', [1]],
      [6, 8, 'ok', []],
    ]);
  });

  it('builds the suggested text from every replace finding', () => {
    const text = '穷鬼，住朝阳区建国路88号，电话13812345678';
    const r = linter.lint(text, { field: 'note' });
    expect(applyReplacements(text, r.findings)).toBe('预算有限，住朝阳区，电话138****5678');
  });
});
