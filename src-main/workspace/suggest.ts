// Tag completion for quick add: the typed text against tag names, full pinyin and initials
// (the same spellings customer search uses), ranked exact > prefix > pinyin/initials > part.
import { nameSpellings, normalizeText } from '../store/search-terms';

export interface Candidate { name: string }

/** Rank of a match (lower is better), or null when the query does not match. */
export function matchRank(query: string, name: string): number | null {
  const q = normalizeText(query);
  if (!q) return 4;
  const n = normalizeText(name);
  if (n === q) return 0;
  if (n.startsWith(q)) return 1;
  const sp = nameSpellings(name);
  if (sp.initials.some((i) => i.startsWith(q)) || sp.full.some((f) => f.startsWith(q))) return 2;
  if (n.includes(q)) return 3;
  return null;
}

export function rankCandidates<T extends Candidate>(query: string, items: readonly T[], limit: number): T[] {
  const ranked: Array<{ item: T; rank: number; i: number }> = [];
  items.forEach((item, i) => {
    const rank = matchRank(query, item.name);
    if (rank !== null) ranked.push({ item, rank, i });
  });
  ranked.sort((a, b) => a.rank - b.rank || [...a.item.name].length - [...b.item.name].length || a.i - b.i);
  return ranked.slice(0, limit).map((r) => r.item);
}
