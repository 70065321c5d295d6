// People type around filters: full-width digits, Traditional characters, spaces, slashes,
// emoji and zero-width characters between the characters, curated variants. The linter still
// finds them, and every span points into exactly what the user typed.
import { describe, expect, it } from 'vitest';
import { defaultLinter, normalizeText } from '../../../src-shared/compliance/index';

const linter = defaultLinter([], { now: () => new Date('2026-11-22T08:00:00Z') });
const lint = (text: string) => linter.lint(text, { field: 'note' });
const slices = (text: string) => lint(text).findings.map((f) => [f.category, text.slice(f.span.start, f.span.end)]);

describe('evasion variants are caught with spans into the original text', () => {
  it.each([
    ['１１０１０５１９４９１２３１００２Ｘ', 'pii.id_cn'],
    ['１３８１２３４５６７８', 'pii.mobile_cn'],
    ['138\u200b1234\u200b5678', 'pii.mobile_cn'],
    ['zhangsan＠qq.com', 'pii.email'],
    ['代開發票', 'content.illegal'],
    ['代/开/发/票', 'content.illegal'],
    ['代 开 发 票', 'content.illegal'],
    ['乙 肝', 'spi.health'],
    ['乙😷肝', 'spi.health'],
    ['乙\u200b肝', 'spi.health'],
    ['乙\u0301肝', 'spi.health'],
    ['YiGan', 'spi.health'],
    ['ＹＩＧＡＮ', 'spi.health'],
    ['徵信黑名單', 'spi.credit_record'],
    ['同性戀', 'spi.sexual_orientation'],
    ['傻Ｘ', 'content.abusive'],
    ['煞笔', 'content.abusive'],
  ])('%s → %s, the whole evasive text underlined', (text, category) => {
    expect(slices(text)).toContainEqual([category, text]);
  });

  it('reads Traditional context words, so 護照 and 身份證 confirm a number like their Simplified forms', () => {
    expect(lint('護照號E12345678').findings[0]).toMatchObject({ category: 'pii.passport', action: 'block' });
    expect(lint('E12345678').findings[0]).toMatchObject({ category: 'pii.passport', action: 'warn' });
    // A 15-digit pre-1999 ID has no checksum, so it is only reported next to an ID word.
    expect(slices('身份證110105491231002')).toEqual([['pii.id_cn', '110105491231002']]);
    expect(lint('110105491231002').findings.map((f) => f.category)).toEqual(['pii.long_number']);
  });

  it('reads phone numbers spelled with Chinese numerals, including 幺 and financial numerals', () => {
    expect(slices('电话幺三八一二三四五六七八')).toEqual([['pii.mobile_cn', '幺三八一二三四五六七八']]);
    expect(lint('壹叁捌 壹贰叁肆 伍陆柒捌').findings[0]).toMatchObject({ category: 'pii.mobile_cn', action: 'replace', replacement: '138****5678' });
    expect(lint('一二三四五六七八九十').verdict).toBe('ok');
    expect(lint('二〇二六年三月').verdict).toBe('ok');
  });

  it('marks hits found only by skipping inserted characters as evasion', () => {
    expect(lint('代/开/发/票').findings[0]).toMatchObject({ category: 'content.illegal', evasion: true });
    expect(lint('代开发票').findings[0]!.evasion).toBeUndefined();
    expect(lint('138\u200b1234\u200b5678').findings[0]).toMatchObject({ category: 'pii.mobile_cn', evasion: true });
  });

  it('keeps the span exact around surrounding text and surrogate pairs', () => {
    const text = '😀😀客户说自己乙 😷 肝，已康复';
    const f = lint(text).findings.find((x) => x.category === 'spi.health')!;
    expect(text.slice(f.span.start, f.span.end)).toBe('乙 😷 肝');
    expect(f.span).toEqual({ start: 9, end: 15 });
  });

  it('does not let skipping join neighbouring words into a false hit covered by an allow entry', () => {
    // "指纹/锁" normalises to 指纹锁, which is an allowlisted product, not biometrics.
    expect(lint('指纹/锁意向').verdict).toBe('ok');
  });

  it('matches Latin terms only as whole Latin runs', () => {
    expect(slices('客户是gay')).toContainEqual(['spi.sexual_orientation', 'gay']);
    expect(lint('gaylord酒店').findings.some((f) => f.category === 'spi.sexual_orientation')).toBe(false);
    expect(lint('usb接口').verdict).toBe('ok');
  });
});

describe('normalisation', () => {
  it('folds width, case and Traditional characters and drops what nobody can see', () => {
    const n = normalizeText('Ａb\u200b發 票！⓿');
    expect(n.lexicon.text).toBe('ab发票0');
    expect(n.detector.text).toBe('ab发 票!0');
  });

  it('maps every normalised unit back to the code point that produced it', () => {
    const n = normalizeText('x😀㎏發');
    // '㎏' (U+338F) expands to "kg"; both units point at the one original character.
    expect(n.lexicon.text).toBe('xkg发');
    expect(Array.from(n.lexicon.start)).toEqual([0, 3, 3, 4]);
    expect(Array.from(n.lexicon.end)).toEqual([1, 4, 4, 5]);
  });
});
