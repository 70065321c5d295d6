// Which words go to WeCom as chat intercept rules: every term and variant of a category the
// rules in force block in free text (the note field), never a word the pack only warns about.
import { describe, expect, it } from 'vitest';
import { compileLinter, defaultRulePack } from '../../../src-shared/compliance/index';
import { blockedChatWords } from '../../../src-server/team/mute/intercept-sync';
import { monthKey } from '../../../src-server/team/mute/mass-messages';

describe('block-level chat words', () => {
  const pack = defaultRulePack();
  const words = blockedChatWords(compileLinter(pack));
  it('takes the lexicon of categories whose note action is block, and nothing else', () => {
    expect(words).toContain('指纹');
    const warnOnly = pack.lexicon.filter((g) => pack.categories[g.category].actions.note !== 'block').flatMap((g) => g.terms);
    for (const w of warnOnly) if (!pack.lexicon.some((g) => pack.categories[g.category].actions.note === 'block' && g.terms.includes(w))) expect(words).not.toContain(w);
    expect(new Set(words).size).toBe(words.length);
    expect(words.every((w) => [...w].length >= 1 && [...w].length <= 32)).toBe(true);
  });
  it('follows an overlay that adds a word to a blocked category', () => {
    const withOverlay = blockedChatWords(compileLinter(pack, [{ schema: 'tagdesk.rule-overlay/1', id: 'x', version: '1.0.0', words: [{ category: 'spi.biometric', terms: ['视网膜扫描'] }] }]));
    expect(withOverlay).toContain('视网膜扫描');
    expect(words).not.toContain('视网膜扫描');
  });
});

describe('the month WeCom counts mass messages in', () => {
  it('is the natural month in China time', () => {
    expect(monthKey(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03');
    expect(monthKey(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04');
  });
});
