// Normalisation with an index map back to the original text (reference §3.5): one code point
// at a time — NFKC (full-width → half-width), a few stylised digits NFKC misses, Latin case
// folding, Traditional → Simplified — so every finding can point into what the user typed.
import { T2S_PAIRS } from './data/t2s';

/**
 * One normalised view of a text. `text[i]` was produced by the original code point at
 * `[start[i], end[i])`; `first[i]`/`last[i]` say whether it is the first/last unit that code
 * point produced (a code point such as `㎏` expands to several units).
 */
export interface NormalizedView {
  text: string;
  start: number[];
  end: number[];
  first: boolean[];
  last: boolean[];
}

export interface NormalizedText {
  original: string;
  /** Words view: punctuation, symbols, spaces, emoji, marks and invisibles are skipped. */
  lexicon: NormalizedView;
  /** Detector view: invisibles and emoji dropped, punctuation kept, any space or control as ' '. */
  detector: NormalizedView;
  /** skippedPrefix[o] = number of original UTF-16 units in [0, o) skipped by the words view. */
  skippedPrefix: Int32Array;
}

const T2S = new Map<number, string>();
for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) T2S.set(T2S_PAIRS.charCodeAt(i), T2S_PAIRS.charAt(i + 1));

// Stylised digits NFKC leaves alone (houbb's ignoreNumStyle example uses them).
const EXTRA = new Map<number, string>([[0x24ff, '0'], [0x24ea, '0']]);
for (let d = 1; d <= 9; d++) {
  for (const base of [0x2776, 0x2780, 0x278a]) EXTRA.set(base + d - 1, String(d));
}

// Skipped in the words view: inserted punctuation, symbols, spaces, controls, marks, emoji.
const SKIP_LEX = /^[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\p{M}\p{Extended_Pictographic}]$/u;
// Dropped from the detector view: things nobody sees, so they can only be there to evade.
const DROP_DET = /^[\p{Cf}\p{M}\p{Extended_Pictographic}]$/u;
// Every kind of space or line break becomes ' ', so detector regexes need one space class.
const SPACE = /^[\p{Z}\p{Cc}]$/u;

interface CharForms {
  lex: string;
  det: string;
}

function foldOnce(ch: string): string {
  let out = '';
  for (const c of ch.normalize('NFKC')) {
    const lower = (EXTRA.get(c.codePointAt(0)!) ?? c).toLowerCase();
    for (const l of lower) out += T2S.get(l.charCodeAt(0)) ?? l;
  }
  return out;
}

/** The per-code-point pipeline applied until stable, so normalising twice changes nothing. */
function fold(ch: string): string {
  let prev = ch;
  for (let i = 0; i < 4; i++) {
    let next = '';
    for (const c of prev) next += foldOnce(c);
    if (next === prev) return next;
    prev = next;
  }
  return prev;
}

const cache = new Map<number, CharForms>();

function formsOf(cp: number, ch: string): CharForms {
  const hit = cache.get(cp);
  if (hit) return hit;
  const folded = fold(ch);
  let lex = '';
  let det = '';
  for (const c of folded) {
    if (!SKIP_LEX.test(c)) lex += c;
    if (DROP_DET.test(c)) continue;
    det += SPACE.test(c) ? ' ' : c;
  }
  const forms = { lex, det };
  if (cache.size < 20_000) cache.set(cp, forms);
  return forms;
}

class ViewBuilder {
  private parts: string[] = [];
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly first: boolean[] = [];
  readonly last: boolean[] = [];

  push(s: string, from: number, to: number): void {
    if (s.length === 0) return;
    this.parts.push(s);
    for (let k = 0; k < s.length; k++) {
      this.start.push(from);
      this.end.push(to);
      this.first.push(k === 0);
      this.last.push(k === s.length - 1);
    }
  }

  build(): NormalizedView {
    return { text: this.parts.join(''), start: this.start, end: this.end, first: this.first, last: this.last };
  }
}

export function normalizeText(original: string): NormalizedText {
  const lex = new ViewBuilder();
  const det = new ViewBuilder();
  const skippedPrefix = new Int32Array(original.length + 1);
  let skipped = 0;
  for (let i = 0; i < original.length; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const next = i + width;
    let l: string;
    let d: string;
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      // Fast path for unified ideographs: NFKC keeps them, only T2S applies.
      l = d = T2S.get(cp) ?? original.charAt(i);
    } else if (cp < 0x80) {
      const c = original.charAt(i);
      if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) l = d = c;
      else if (cp >= 0x41 && cp <= 0x5a) l = d = c.toLowerCase();
      else {
        l = '';
        d = cp < 0x20 || cp === 0x7f ? ' ' : c;
      }
    } else {
      const forms = formsOf(cp, original.slice(i, next));
      l = forms.lex;
      d = forms.det;
    }
    lex.push(l, i, next);
    det.push(d, i, next);
    for (let k = i; k < next; k++) {
      skippedPrefix[k] = skipped;
      if (l.length === 0) skipped++;
    }
    i = next;
  }
  skippedPrefix[original.length] = skipped;
  return { original, lexicon: lex.build(), detector: det.build(), skippedPrefix };
}

/** The words view as a plain string: how lexicon terms are stored and compared. */
export function normalizeTerm(text: string): string {
  return normalizeText(text).lexicon.text;
}

/** Maps a range of a view back to the original text. */
export function originalSpan(view: NormalizedView, from: number, to: number): { start: number; end: number } {
  return { start: view.start[from]!, end: view.end[to - 1]! };
}

/** Whether the original text inside [start, end) had characters the words view skipped. */
export function hasSkipsInside(n: NormalizedText, start: number, end: number): boolean {
  return n.skippedPrefix[end]! - n.skippedPrefix[start]! > 0;
}
