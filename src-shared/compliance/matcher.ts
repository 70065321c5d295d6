// Multi-pattern matching behind a small interface, so the Aho-Corasick library can be swapped
// (reference §4: @monyone/aho-corasick is the planned fallback) without touching the linter.
import AhoCorasick from 'modern-ahocorasick';

export interface MatcherHit<T> {
  /** Range in the scanned string, UTF-16, end exclusive. */
  start: number;
  end: number;
  data: T;
}

export interface Matcher<T> {
  /** Every occurrence, overlaps included. */
  findAll(text: string): MatcherHit<T>[];
  readonly size: number;
}

export interface MatcherEntry<T> {
  pattern: string;
  data: T;
}

// modern-ahocorasick segments non-ASCII input into graphemes with Intl.Segmenter, which costs
// ~50 µs per 150 Chinese characters (measured) — half the whole per-keystroke budget. Its ASCII
// path skips segmentation, so we feed it a fixed-width ASCII encoding of each code point. The
// text we scan is already normalised (no combining marks), so grapheme awareness buys nothing.
const WIDTH = 3;
const OUT_OF_RANGE = '~~~'; // '~' is outside the digit alphabet, so it never matches a pattern

function encodeCodePoint(cp: number): string {
  if (cp > 0x3ffff) return OUT_OF_RANGE;
  return String.fromCharCode(0x21 + ((cp >> 12) & 63), 0x21 + ((cp >> 6) & 63), 0x21 + (cp & 63));
}

const encodeCache = new Map<number, string>();

/** Encodes UTF-16 units one by one (surrogates too), so offsets divide exactly by WIDTH. */
function encode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    let e = encodeCache.get(u);
    if (e === undefined) {
      e = encodeCodePoint(u);
      encodeCache.set(u, e);
    }
    out += e;
  }
  return out;
}

export function createMatcher<T>(entries: readonly MatcherEntry<T>[]): Matcher<T> {
  const usable = entries.filter((e) => e.pattern.length > 0);
  const ac = new AhoCorasick<T>(usable.map((e) => ({ pattern: encode(e.pattern), data: e.data })));
  return {
    size: usable.length,
    findAll(text) {
      if (text.length === 0 || usable.length === 0) return [];
      const hits: MatcherHit<T>[] = [];
      for (const m of ac.search(encode(text))) {
        // A pattern could in principle align across two encoded units; such hits are not real.
        if (m.start % WIDTH !== 0) continue;
        hits.push({ start: m.start / WIDTH, end: m.end / WIDTH, data: m.data as T });
      }
      return hits;
    },
  };
}
