// Properties over generated input (fast-check): valid resident IDs survive any evasion
// transform with the right original span; a wrong check digit is never an ID; normalising is
// idempotent; every lexicon hit's original slice normalises back to the matched term.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import isIdentityCard from 'validator/es/lib/isIdentityCard';
import { defaultLinter, defaultRulePack, normalizeTerm, normalizeText } from '../../../src-shared/compliance/index';
import { ID_PROVINCES, idCheckChar } from '../../../src-shared/compliance/detectors/checksums';

const NOW = new Date('2026-11-22T08:00:00Z');
const linter = defaultLinter([], { now: () => NOW });

const FULL_WIDTH = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const SEPARATORS = [' ', '-', '\u200b', '\u2060', '😀', '·', '\ufeff'];

/** A valid 18-character ID: real province, real past date, random sequence, computed check. */
const validId = fc
  .record({
    province: fc.constantFrom(...ID_PROVINCES),
    rest: fc.integer({ min: 1000, max: 9999 }),
    birth: fc.date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, rest, birth, seq }) => {
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `${province}${rest}${ymd}${String(seq).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  });

/** Evasion: separators between parts or between every digit, full width, lower-case x. */
const evasion = fc.record({
  between: fc.constantFrom('none', 'parts', 'every'),
  sep: fc.constantFrom(...SEPARATORS),
  fullWidth: fc.boolean(),
  lowerX: fc.boolean(),
});

function disguise(id: string, e: { between: string; sep: string; fullWidth: boolean; lowerX: boolean }): string {
  let s = e.lowerX ? id.toLowerCase() : id;
  if (e.between === 'parts') s = [s.slice(0, 6), s.slice(6, 14), s.slice(14)].join(e.sep);
  if (e.between === 'every') s = [...s].join(e.sep);
  return e.fullWidth ? FULL_WIDTH(s) : s;
}

const PREFIXES = ['', '客户', '身份证：', 'ok ', '备注😀'];
const SUFFIXES = ['', '。', ' 已核验', '，周五回访'];

describe('resident ID properties', () => {
  it('finds every valid ID under evasion transforms, spanning exactly the disguised number', () => {
    fc.assert(
      fc.property(validId, evasion, fc.constantFrom(...PREFIXES), fc.constantFrom(...SUFFIXES), (id, e, pre, post) => {
        // validator.js is the independent oracle: our generator must not share our bugs.
        expect(isIdentityCard(id, 'zh-CN')).toBe(true);
        const disguised = disguise(id, e);
        const text = pre + disguised + post;
        const ids = linter.lint(text, { field: 'note' }).findings.filter((f) => f.category === 'pii.id_cn');
        expect(ids).toHaveLength(1);
        expect(ids[0]!.action).toBe('block');
        expect(ids[0]!.span).toEqual({ start: pre.length, end: pre.length + disguised.length });
      }),
      { numRuns: 400 },
    );
  });

  it('never reports an ID whose check digit is wrong', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 1, max: 10 }), fc.constantFrom(...PREFIXES), (id, shift, pre) => {
        const check = '0123456789X';
        const wrong = id.slice(0, 17) + check.charAt((check.indexOf(id.charAt(17)) + shift) % 11);
        expect(isIdentityCard(wrong, 'zh-CN')).toBe(false);
        const findings = linter.lint(pre + wrong, { field: 'note' }).findings;
        expect(findings.some((f) => f.category === 'pii.id_cn')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('normalisation properties', () => {
  const anyText = fc.string({ unit: fc.oneof(fc.constantFrom(...'乙肝代開發票身份證ＡＢＣ１２３ 　-/😀\u200b\u0301㎏①⓿Ａａ'), fc.constantFrom('a', 'Z', '9', '，', '。')), maxLength: 30 });

  it('is idempotent: normalising a normalised text changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 })), (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once.lexicon.text).lexicon.text).toBe(once.lexicon.text);
        expect(normalizeText(once.detector.text).detector.text).toBe(once.detector.text);
      }),
      { numRuns: 1000 },
    );
  });

  it('maps every unit into the original text, in order', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary', maxLength: 20 })), (text) => {
        const { lexicon } = normalizeText(text);
        for (let i = 0; i < lexicon.text.length; i++) {
          expect(lexicon.start[i]!).toBeGreaterThanOrEqual(i > 0 ? lexicon.start[i - 1]! : 0);
          expect(lexicon.end[i]!).toBeLessThanOrEqual(text.length);
          expect(lexicon.start[i]!).toBeLessThan(lexicon.end[i]!);
        }
      }),
    );
  });
});

describe('lexicon hit properties', () => {
  const pack = defaultRulePack();
  const terms = pack.lexicon.flatMap((g) => g.terms.filter((t) => !/^[a-z]+$/i.test(t)).map((t) => ({ term: t, category: g.category })));
  const skip = fc.constantFrom(' ', '/', '*', '\u200b', '😷', '、', '　', '·');

  it('finds a term with characters inserted between its letters, and the slice normalises back to it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...terms), fc.array(skip, { minLength: 1, maxLength: 6 }), fc.constantFrom('', '客户', 'ok '), (entry, seps, pre) => {
        const chars = [...entry.term];
        const disguised = chars.map((c, i) => (i < chars.length - 1 ? c + seps[i % seps.length]! : c)).join('');
        const text = `${pre}${disguised}`;
        const findings = linter.lint(text, { field: 'note' }).findings.filter((f) => f.category === entry.category);
        // Allow entries may legitimately cancel a term inside a longer business word; not here.
        expect(findings.length).toBeGreaterThan(0);
        for (const f of findings) {
          const slice = text.slice(f.span.start, f.span.end);
          const matched = normalizeTerm(slice);
          expect(matched.length).toBeGreaterThan(0);
          expect(normalizeTerm(text)).toContain(matched);
        }
        expect(findings.some((f) => normalizeTerm(text.slice(f.span.start, f.span.end)) === normalizeTerm(entry.term))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('every lexicon finding in arbitrary text spans an original slice that normalises to a pack term', () => {
    const known = new Set(pack.lexicon.flatMap((g) => [...g.terms, ...(g.variants ?? [])]).concat(pack.replacements.map((r) => r.from)).map(normalizeTerm));
    const words = fc.constantFrom(...terms.map((t) => t.term), '客户', '意向', '华东', '-', ' ', '😀', '\u200b');
    fc.assert(
      fc.property(fc.array(words, { maxLength: 8 }), (parts) => {
        const text = parts.join('');
        for (const f of linter.lint(text, { field: 'note' }).findings) {
          if (!f.rule.startsWith('lexicon/') && !f.rule.startsWith('replacement/')) continue;
          expect(known.has(normalizeTerm(text.slice(f.span.start, f.span.end)))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
