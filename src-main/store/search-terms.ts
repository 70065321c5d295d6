// Derives a customer's search terms at write time: normalised name, pinyin spellings and
// initials (several candidates for polyphonic surnames such as 单/曾/解), suffixes of name,
// remarks and company (so "contains" is an index prefix scan) and reversed mobile numbers
// (so a mobile tail is a prefix too). Pure apart from pinyin-pro.
import { pinyin } from 'pinyin-pro';

/** Term kinds, stored as integers; the search tiers are listed in search.ts. */
export const TermKind = {
  name: 1,
  initials: 2,
  pinyin: 3,
  namePart: 4,
  remark: 5,
  company: 6,
  mobileReversed: 7,
} as const;
export type TermKind = (typeof TermKind)[keyof typeof TermKind];

/** Suffixes longer than this are cut: a query longer than it is matched on its first part. */
export const MAX_TERM_CHARS = 16;

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** NFKC (full-width to half-width), lower case, no spaces or separators. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\u00b7·'’\-_.,，。()（）]/gu, '');
}

export function digitsOnly(s: string): string {
  return s.replace(/\D/g, '');
}

export interface Spellings {
  /** Full pinyin candidates, e.g. ['shantianfang', 'dantianfang']. */
  full: string[];
  /** Initials candidates, e.g. ['stf', 'dtf']. */
  initials: string[];
}

const spellingCache = new Map<string, Spellings>();
const SPELLING_CACHE_MAX = 50_000;

/**
 * Pinyin spellings of a name. The surname reading comes first (单 → shan, 曾 → zeng,
 * 解 → xie), then the ordinary reading, because staff type either; ü is typed as v.
 */
export function nameSpellings(name: string): Spellings {
  const hit = spellingCache.get(name);
  if (hit) return hit;
  const result = CJK.test(name) ? spell(name) : { full: [], initials: [] };
  if (spellingCache.size >= SPELLING_CACHE_MAX) spellingCache.clear();
  spellingCache.set(name, result);
  return result;
}

function spell(text: string): Spellings {
  const readings = [
    pinyin(text, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' }),
    pinyin(text, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' }),
  ];
  const full = new Set<string>();
  const initials = new Set<string>();
  for (const syllables of readings) {
    const parts = syllables.map((p) => normalizeText(p)).filter((p) => p.length > 0);
    if (parts.length === 0) continue;
    full.add(parts.join(''));
    initials.add(parts.map((p) => p[0]).join(''));
  }
  return { full: [...full], initials: [...initials] };
}

export interface SearchableCustomer {
  name: string;
  corpName?: string | null;
  corpFullName?: string | null;
  relations: ReadonlyArray<{ remark?: string | null; remarkCorpName?: string | null; remarkMobiles?: readonly string[] }>;
}

const cut = (s: string): string => [...s].slice(0, MAX_TERM_CHARS).join('');

function suffixes(s: string, includeWhole: boolean): string[] {
  const chars = [...s];
  const out: string[] = [];
  for (let i = includeWhole ? 0 : 1; i < chars.length; i++) out.push(chars.slice(i, i + MAX_TERM_CHARS).join(''));
  return out;
}

/** All (kind, term) pairs for one customer, deduplicated. */
export function customerSearchTerms(c: SearchableCustomer): Array<[TermKind, string]> {
  const seen = new Set<string>();
  const out: Array<[TermKind, string]> = [];
  const add = (kind: TermKind, term: string): void => {
    if (term.length === 0) return;
    const key = `${kind}\u0000${term}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push([kind, term]);
  };

  const name = normalizeText(c.name);
  add(TermKind.name, cut(name));
  for (const part of suffixes(name, false)) add(TermKind.namePart, part);
  const spelled = nameSpellings(name);
  for (const f of spelled.full) add(TermKind.pinyin, cut(f));
  for (const i of spelled.initials) add(TermKind.initials, cut(i));

  for (const r of c.relations) {
    const remark = normalizeText(r.remark ?? '');
    if (remark.length > 0 && remark !== name) {
      for (const s of suffixes(remark, true)) add(TermKind.remark, s);
      const rs = nameSpellings(remark);
      for (const f of rs.full) add(TermKind.remark, cut(f));
      for (const i of rs.initials) add(TermKind.remark, cut(i));
    }
    const company = normalizeText(r.remarkCorpName ?? '');
    for (const s of suffixes(company, true)) add(TermKind.company, s);
    for (const m of r.remarkMobiles ?? []) {
      const digits = digitsOnly(m);
      if (digits.length >= 3) add(TermKind.mobileReversed, [...digits].reverse().join(''));
    }
  }
  for (const corp of [c.corpName, c.corpFullName]) {
    for (const s of suffixes(normalizeText(corp ?? ''), true)) add(TermKind.company, s);
  }
  return out;
}
