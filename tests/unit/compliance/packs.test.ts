// Rule packs are data an admin edits: the schema rejects mistakes in Chinese naming the field,
// overlays add words, allow entries and replacements, and may change actions — but never
// below the floor the pack declares.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  applyOverlays,
  compileLinter,
  defaultRulePack,
  OverlayFloorError,
  parseRuleOverlay,
  parseRulePack,
  type RuleOverlay,
  type RulePack,
} from '../../../src-shared/compliance/index';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const shipped = (): Record<string, unknown> => JSON.parse(readFileSync(path.join(ROOT, 'resources/rule-packs/default.json'), 'utf8')) as Record<string, unknown>;
const overlay = (o: Partial<RuleOverlay>): RuleOverlay => ({ schema: 'tagdesk.rule-overlay/1', id: 'east-sales', version: '1.0.0', ...o });

describe('rule pack validation', () => {
  it('accepts the shipped default pack', () => {
    const r = parseRulePack(shipped());
    expect(r.ok).toBe(true);
  });

  it('names the offending field and the allowed values when an action is misspelt', () => {
    const pack = shipped() as { categories: Record<string, { actions: Record<string, string> }> };
    pack.categories['spi.health']!.actions.note = 'allow';
    const r = parseRulePack(pack);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toBe('字段 categories.spi.health.actions.note：取值应为 "warn" | "replace" | "approval" | "block" 之一，实际为 "allow"');
  });

  it('reports a missing category, an unknown field, an empty term and a bad version together', () => {
    const pack = shipped() as Record<string, unknown> & { categories: Record<string, unknown>; lexicon: Array<{ terms: string[] }> };
    delete pack.categories['pii.plate'];
    pack.colour = 'red';
    pack.lexicon[0]!.terms.push('  ');
    pack.version = 'v2';
    const r = parseRulePack(pack);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        '字段 categories.pii.plate：缺少此字段',
        '字段 （根）：未知字段 colour',
        expect.stringMatching(/^字段 lexicon\.0\.terms\.\d+：不能为空$/),
        '字段 version：格式不正确，应为“主.次.修订”形式，如 1.2.0（实际为 "v2"）',
      ]),
    );
  });

  it('rejects a pack whose own action is below the floor it declares', () => {
    const pack = shipped() as { categories: Record<string, { actions: Record<string, string> }> };
    pack.categories['pii.id_cn']!.actions.note = 'warn';
    const r = parseRulePack(pack);
    expect(r).toEqual({ ok: false, errors: ['字段 categories.pii.id_cn.actions.note：动作 warn 低于本类别声明的下限 block'] });
  });

  it('rejects an unknown category in a lexicon group', () => {
    const pack = shipped() as { lexicon: Array<{ category: string }> };
    pack.lexicon[0]!.category = 'spi.weather';
    const r = parseRulePack(pack);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^字段 lexicon\.0\.category：取值应为 .*"spi\.health".* 之一，实际为 "spi\.weather"$/);
  });
});

describe('the shipped pack', () => {
  it('tells the user in Chinese why and what to do instead, with a legal basis, for every category', () => {
    for (const [id, c] of Object.entries(defaultRulePack().categories)) {
      expect(c.message, id).toMatch(/[\u4e00-\u9fff]/);
      expect(c.message, id).toMatch(/请|可|只|需/);
      expect(c.legalBasis.length, id).toBeGreaterThan(0);
    }
  });

  it('still finds the right term at the right place with a 10,000-term company lexicon', () => {
    const terms = Array.from({ length: 10_000 }, (_, i) => `内部词${i.toString(36)}`);
    const linter = compileLinter(defaultRulePack(), [overlay({ words: [{ category: 'policy.wording', terms }] })]);
    expect(linter.lexiconSize).toBeGreaterThan(10_000);
    const text = '客户说内部词ya，另外患有乙肝';
    expect(linter.lint(text, { field: 'note' }).findings.map((f) => [f.category, text.slice(f.span.start, f.span.end)])).toEqual([
      ['policy.wording', '内部词ya'],
      ['spi.health', '患有'],
      ['spi.health', '乙肝'],
    ]);
  });
});

describe('admin overlays', () => {
  const base: RulePack = defaultRulePack();

  it('adds company words, allow entries and replacements', () => {
    const linter = compileLinter(base, [
      overlay({
        words: [{ category: 'content.illegal', terms: ['返现代充'] }],
        allow: ['乙肝疫苗采购'],
        replacements: [{ from: '大忽悠', to: '需核实承诺' }],
      }),
    ]);
    expect(linter.lint('可以返现代充', { field: 'note' }).verdict).toBe('block');
    expect(linter.lint('乙肝疫苗采购', { field: 'note' }).verdict).toBe('ok');
    expect(linter.lint('乙肝', { field: 'note' }).verdict).toBe('approval');
    expect(linter.lint('这人是大忽悠', { field: 'tag' }).findings).toEqual([
      expect.objectContaining({ category: 'policy.wording', action: 'replace', replacement: '需核实承诺', span: { start: 3, end: 6 }, message: '按企业用语规范，请改为“需核实承诺”。' }),
    ]);
  });

  it('raises or lowers an action within the floor and records the overlay in the pack version', () => {
    const o = overlay({ actions: { 'pii.plate': { tag: 'block' }, 'pii.email': { note: 'block' }, 'spi.marital_history': { tag: 'warn' } } });
    expect(parseRuleOverlay(o, base).ok).toBe(true);
    const linter = compileLinter(base, [o]);
    expect(linter.lint('京A12345', { field: 'tag' }).verdict).toBe('block');
    expect(linter.lint('zhang.san@163.com', { field: 'note' }).verdict).toBe('block');
    expect(linter.lint('二婚', { field: 'tag' }).verdict).toBe('warn');
    expect(linter.lint('二婚', { field: 'tag' }).findings[0]!.packVersion).toBe('tagdesk-default@1.0.0+east-sales@1.0.0');
  });

  it('refuses to go below a floor, with a clear Chinese error', () => {
    const o = overlay({ actions: { 'spi.health': { note: 'warn' } } });
    const r = parseRuleOverlay(o, base);
    expect(r).toEqual({ ok: false, errors: ['字段 actions.spi.health.note：「医疗健康」的动作不能低于规则包 tagdesk-default 1.0.0 设定的下限 approval（试图设为 warn）'] });
    expect(() => applyOverlays(base, [o])).toThrow(OverlayFloorError);
    expect(() => compileLinter(base, [o])).toThrow(/不能低于下限 approval/);
  });

  it('lets an overlay lower a category without a declared floor', () => {
    const linter = compileLinter(base, [overlay({ actions: { 'pii.long_number': { tag: 'warn', note: 'warn' }, 'policy.wording': { note: 'warn' } } })]);
    expect(linter.lint('备注 82345678901', { field: 'note' }).verdict).toBe('warn');
  });

  it('rejects an overlay with an unknown category or field', () => {
    const r = parseRuleOverlay({ ...overlay({}), actions: { 'spi.weather': { tag: 'block' } }, extra: true }, base);
    expect(r).toEqual({ ok: false, errors: ['字段 actions：未知字段 spi.weather', '字段 （根）：未知字段 extra'] });
  });

  it('does not change the base pack it was applied to', () => {
    const before = JSON.stringify(base);
    compileLinter(base, [overlay({ words: [{ category: 'spi.health', terms: ['新词'] }], actions: { 'pii.plate': { tag: 'block' } } })]);
    expect(JSON.stringify(base)).toBe(before);
  });
});
