// Normalisation with an index map back to the original text (reference §3.5): one code point
// at a time — NFKC (full-width → half-width), a few stylised digits NFKC misses, Latin case
// folding, Traditional → Simplified — so every finding can point into what the user typed.
import { T2S_PAIRS } from './data/t2s';
import { CHUNK, unitsToString } from './units';

/**
 * One normalised view of a text. `text[i]` was produced by the original code point at
 * `[start[i], end[i])`; `flags[i]` says whether it is the FIRST and/or LAST unit that code
 * point produced (a code point such as `㎏` expands to several units). Typed arrays keep the
 * per-keystroke garbage low: array pushes here were the linter's p99.
 */
export interface NormalizedView {
  text: string;
  start: Int32Array;
  end: Int32Array;
  flags: Uint8Array;
}

export const FIRST = 1;
export const LAST = 2;

export interface NormalizedText {
  original: string;
  /** Words view: punctuation, symbols, spaces, emoji, marks and invisibles are skipped. */
  lexicon: NormalizedView;
  /** Detector view: invisibles and emoji dropped, punctuation kept, any space or control as ' '. */
  detector: NormalizedView;
  /** skippedPrefix[o] = number of original UTF-16 units in [0, o) skipped by the words view. */
  skippedPrefix: Int32Array;
}

// Dense table (0 = unchanged): one array read per ideograph on the hot path.
const T2S = new Uint16Array(65536);
for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) T2S[T2S_PAIRS.charCodeAt(i)] = T2S_PAIRS.charCodeAt(i + 1);

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
    for (const l of lower) out += l.length === 1 && T2S[l.charCodeAt(0)] ? String.fromCharCode(T2S[l.charCodeAt(0)]!) : l;
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
  private length = 0;
  private units: Uint16Array;
  private start: Int32Array;
  private end: Int32Array;
  private flags: Uint8Array;

  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
  }

  reset(capacity: number): void {
    this.length = 0;
    if (capacity > this.start.length) this.grow(capacity);
  }

  /** One unit produced by one whole code point (the common case). */
  unit(u: number, from: number, to: number): void {
    if (this.length === this.start.length) this.grow(this.length + 1);
    const at = this.length++;
    this.units[at] = u;
    this.start[at] = from;
    this.end[at] = to;
    this.flags[at] = FIRST | LAST;
  }

  push(s: string, from: number, to: number): void {
    const n = s.length;
    if (n === 0) return;
    if (this.length + n > this.start.length) this.grow(this.length + n);
    for (let k = 0; k < n; k++) {
      const at = this.length + k;
      this.units[at] = s.charCodeAt(k);
      this.start[at] = from;
      this.end[at] = to;
      this.flags[at] = (k === 0 ? FIRST : 0) | (k === n - 1 ? LAST : 0);
    }
    this.length += n;
  }

  private grow(min: number): void {
    const size = Math.max(min, this.start.length * 2);
    const units = new Uint16Array(size);
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    const flags = new Uint8Array(size);
    units.set(this.units);
    start.set(this.start);
    end.set(this.end);
    flags.set(this.flags);
    this.units = units;
    this.start = start;
    this.end = end;
    this.flags = flags;
  }

  build(): NormalizedView {
    const n = this.length;
    let text = '';
    for (let i = 0; i < n; i += CHUNK) text += unitsToString(this.units.subarray(i, Math.min(n, i + CHUNK)));
    return { text, start: this.start.subarray(0, n), end: this.end.subarray(0, n), flags: this.flags.subarray(0, n) };
  }
}

/**
 * A normaliser that reuses its buffers: the views it returns are valid until its next call.
 * The linter uses one per compiled pack so typing does not churn the garbage collector.
 */
export function createNormalizer(): (original: string) => NormalizedText {
  const lex = new ViewBuilder(160);
  const det = new ViewBuilder(160);
  let skippedPrefix = new Int32Array(160);
  return (original) => {
    lex.reset(original.length + 8);
    det.reset(original.length + 8);
    if (skippedPrefix.length < original.length + 1) skippedPrefix = new Int32Array(original.length * 2 + 1);
    let skipped = 0;
    for (let i = 0; i < original.length; ) {
      const cp = original.codePointAt(i)!;
      const next = i + (cp > 0xffff ? 2 : 1);
      let skip = false;
      if (cp >= 0x4e00 && cp <= 0x9fff) {
        // Fast path for unified ideographs: NFKC keeps them, only T2S applies.
        const u = T2S[cp] || cp;
        lex.unit(u, i, next);
        det.unit(u, i, next);
      } else if (cp < 0x80) {
        if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) {
          lex.unit(cp, i, next);
          det.unit(cp, i, next);
        } else if (cp >= 0x41 && cp <= 0x5a) {
          lex.unit(cp + 32, i, next);
          det.unit(cp + 32, i, next);
        } else {
          skip = true;
          det.unit(cp < 0x20 || cp === 0x7f ? 0x20 : cp, i, next);
        }
      } else {
        const forms = formsOf(cp, original.slice(i, next));
        skip = forms.lex.length === 0;
        lex.push(forms.lex, i, next);
        det.push(forms.det, i, next);
      }
      for (let k = i; k < next; k++) {
        skippedPrefix[k] = skipped;
        if (skip) skipped++;
      }
      i = next;
    }
    skippedPrefix[original.length] = skipped;
    return { original, lexicon: lex.build(), detector: det.build(), skippedPrefix: skippedPrefix.subarray(0, original.length + 1) };
  };
}

/** Normalises one text into fresh buffers (safe to keep). */
export function normalizeText(original: string): NormalizedText {
  return createNormalizer()(original);
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
