// Customer search as staff expect it. Every tier is one range scan on the precomputed terms
// (kind, term) index, so a query costs a few index seeks regardless of the store's size.
// Ranking: exact name > name prefix > initials > full pinyin > part of the name > remark >
// company > mobile tail; within a tier, recent customers first, then shorter terms.
import type { Db } from './database';
import { MAX_TERM_CHARS, TermKind, digitsOnly, normalizeText } from './search-terms';
import { prepared } from './sql';

export type MatchKind = 'name-exact' | 'name-prefix' | 'initials' | 'pinyin' | 'name-part' | 'remark' | 'company' | 'mobile-tail';

/** Tier order; the index is the rank. */
export const MATCH_ORDER: readonly MatchKind[] = ['name-exact', 'name-prefix', 'initials', 'pinyin', 'name-part', 'remark', 'company', 'mobile-tail'];

export interface SearchHit {
  externalUserid: string;
  name: string;
  corpName: string | null;
  /** The member's own remark when `memberUserid` was given, else any remark. */
  remark: string | null;
  matchedBy: MatchKind;
  recent: boolean;
}

export interface SearchOptions {
  limit?: number;
  /** Recently opened customers (external_userid), most recent first; they lead their tier. */
  recent?: readonly string[];
  memberUserid?: string;
}

interface Probe { kind: TermKind; term: string }

/** The (kind, prefix) scans a query needs, in rank order. */
export function planQuery(query: string): Probe[] {
  const q = [...normalizeText(query)].slice(0, MAX_TERM_CHARS).join('');
  if (q.length === 0) return [];
  const probes: Probe[] = [{ kind: TermKind.name, term: q }];
  if (/^[a-z]+$/.test(q)) probes.push({ kind: TermKind.initials, term: q }, { kind: TermKind.pinyin, term: q });
  probes.push({ kind: TermKind.namePart, term: q }, { kind: TermKind.remark, term: q }, { kind: TermKind.company, term: q });
  const digits = /^[\d\s+\-()]+$/.test(query.normalize('NFKC')) ? digitsOnly(query.normalize('NFKC')) : '';
  if (digits.length >= 3) probes.push({ kind: TermKind.mobileReversed, term: [...digits].reverse().join('') });
  return probes;
}

function matchOf(kind: TermKind, term: string, probe: string): MatchKind {
  switch (kind) {
    case TermKind.name: return term === probe ? 'name-exact' : 'name-prefix';
    case TermKind.initials: return 'initials';
    case TermKind.pinyin: return 'pinyin';
    case TermKind.namePart: return 'name-part';
    case TermKind.remark: return 'remark';
    case TermKind.company: return 'company';
    default: return 'mobile-tail';
  }
}

// Largest code point: every string starting with the prefix sorts below prefix + this.
const TOP = '\u{10FFFF}';

const SCAN = `SELECT term, customer_id AS id FROM customer_search_terms
  WHERE kind = ? AND term >= ? AND term < ? ORDER BY term, customer_id LIMIT ?`;

const HYDRATE = `SELECT c.id, c.external_userid, c.name, c.corp_name,
    COALESCE((SELECT remark FROM follow_relations WHERE customer_id = c.id AND member_userid = ?),
             (SELECT remark FROM follow_relations WHERE customer_id = c.id AND remark <> '' LIMIT 1)) AS remark
  FROM customers c WHERE c.id IN (SELECT value FROM json_each(?))`;

/** Best tier per recent customer, computed from its own terms (so it is found however far down its tier it sits). */
function rankRecent(db: Db, probes: readonly Probe[], recent: readonly string[]): Map<number, { rank: number; match: MatchKind; order: number }> {
  const out = new Map<number, { rank: number; match: MatchKind; order: number }>();
  if (recent.length === 0) return out;
  const rows = prepared<[string], { id: number; ext: string; terms: string }>(db, `
    SELECT id, external_userid AS ext, search_terms AS terms FROM customers
    WHERE external_userid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(recent.slice(0, 100)));
  const order = new Map(recent.map((ext, i) => [ext, i]));
  for (const r of rows) {
    for (const [kind, term] of JSON.parse(r.terms) as Array<[TermKind, string]>) {
      for (const p of probes) {
        if (p.kind !== kind || !term.startsWith(p.term)) continue;
        const match = matchOf(kind, term, p.term);
        const rank = MATCH_ORDER.indexOf(match);
        const prev = out.get(r.id);
        if (!prev || rank < prev.rank) out.set(r.id, { rank, match, order: order.get(r.ext) ?? 0 });
      }
    }
  }
  return out;
}

export function searchCustomers(db: Db, query: string, opts: SearchOptions = {}): SearchHit[] {
  const limit = Math.max(1, Math.min(opts.limit ?? 20, 200));
  const probes = planQuery(query);
  if (probes.length === 0) return [];
  const recent = rankRecent(db, probes, opts.recent ?? []);
  const recentByRank = [...recent.entries()].sort((a, b) => a[1].rank - b[1].rank || a[1].order - b[1].order);

  const picked: Array<{ id: number; match: MatchKind; recent: boolean }> = [];
  const seen = new Set<number>();
  const take = (id: number, match: MatchKind, isRecent: boolean): void => {
    if (seen.has(id) || picked.length >= limit) return;
    seen.add(id);
    picked.push({ id, match, recent: isRecent });
  };
  const scan = prepared<[number, string, string, number], { term: string; id: number }>(db, SCAN);

  let nextRecent = 0;
  const flushRecentUpTo = (rank: number): void => {
    while (nextRecent < recentByRank.length && recentByRank[nextRecent]![1].rank <= rank) {
      const [id, r] = recentByRank[nextRecent++]!;
      take(id, r.match, true);
    }
  };
  for (const p of probes) {
    if (picked.length >= limit) break;
    const rows = scan.all(p.kind, p.term, p.term + TOP, (limit - picked.length) * 3 + 8);
    // One scan can span two tiers (exact and prefix name); recent customers go first in each.
    let currentRank = -1;
    for (const row of rows) {
      const match = matchOf(p.kind, row.term, p.term);
      const rank = MATCH_ORDER.indexOf(match);
      if (rank !== currentRank) { flushRecentUpTo(rank); currentRank = rank; }
      take(row.id, match, recent.has(row.id));
    }
    flushRecentUpTo(MATCH_ORDER.indexOf(p.kind === TermKind.name ? 'name-prefix' : matchOf(p.kind, '', '')));
  }
  flushRecentUpTo(MATCH_ORDER.length);
  if (picked.length === 0) return [];

  const rows = prepared<[string, string], { id: number; external_userid: string; name: string; corp_name: string | null; remark: string | null }>(db, HYDRATE)
    .all(opts.memberUserid ?? '', JSON.stringify(picked.map((p) => p.id)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return picked.flatMap((p) => {
    const r = byId.get(p.id);
    return r ? [{ externalUserid: r.external_userid, name: r.name, corpName: r.corp_name, remark: r.remark || null, matchedBy: p.match, recent: p.recent }] : [];
  });
}
