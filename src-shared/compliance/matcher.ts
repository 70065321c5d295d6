// Multi-pattern matching behind a small interface, so the Aho-Corasick library can be swapped
// (reference §4: @monyone/aho-corasick is the planned fallback) without touching the linter.
import AhoCorasick from 'modern-ahocorasick';
import { CHUNK, unitsToString } from './units';

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
// path skips segmentation, so we scan a fixed-width ASCII encoding instead: each UTF-16 unit
// that occurs in some pattern gets a code (two printable ASCII characters, three for huge
// alphabets); every other unit becomes code 0, which no pattern contains. The text we scan is
// already normalised (no combining marks), so grapheme awareness buys nothing here.
const BASE = 95; // printable ASCII 0x20..0x7e

class Alphabet {
  readonly codes = new Uint16Array(65536);
  private size = 1;
  width = 2;
  private scratch = new Uint16Array(512);

  learn(pattern: string): void {
    for (let i = 0; i < pattern.length; i++) {
      const u = pattern.charCodeAt(i);
      if (this.codes[u] === 0) this.codes[u] = this.size++;
    }
    if (this.size > BASE * BASE) this.width = 3;
  }

  encode(text: string): string {
    const w = this.width;
    if (this.scratch.length < text.length * w) this.scratch = new Uint16Array(text.length * w * 2);
    const out = this.scratch;
    let at = 0;
    for (let i = 0; i < text.length; i++) {
      const code = this.codes[text.charCodeAt(i)]!;
      if (w === 3) out[at++] = 0x20 + Math.floor(code / (BASE * BASE));
      out[at++] = 0x20 + (Math.floor(code / BASE) % BASE);
      out[at++] = 0x20 + (code % BASE);
    }
    let s = '';
    for (let i = 0; i < at; i += CHUNK) s += unitsToString(out.subarray(i, Math.min(at, i + CHUNK)));
    return s;
  }
}

export function createMatcher<T>(entries: readonly MatcherEntry<T>[]): Matcher<T> {
  const usable = entries.filter((e) => e.pattern.length > 0);
  const alphabet = new Alphabet();
  for (const e of usable) alphabet.learn(e.pattern);
  const ac = new AhoCorasick<T>(usable.map((e) => ({ pattern: alphabet.encode(e.pattern), data: e.data })));
  const w = alphabet.width;
  return {
    size: usable.length,
    findAll(text) {
      if (text.length === 0 || usable.length === 0) return [];
      const hits: MatcherHit<T>[] = [];
      for (const m of ac.search(alphabet.encode(text))) {
        // A pattern could in principle align across two encoded units; such hits are not real.
        if (m.start % w !== 0) continue;
        hits.push({ start: m.start / w, end: m.end / w, data: m.data as T });
      }
      return hits;
    },
  };
}
