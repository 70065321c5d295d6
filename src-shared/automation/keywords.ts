// Keyword matching of chat text for automatic tagging: curated synonym lists (the customer who
// writes 「脸有点痒痒的」 matches 皮肤敏感), exact and fuzzy matches on the linter's normalised
// text (full-width, Traditional, inserted spaces and symbols do not hide a word), and runs of
// emoji as signals. Pure; the rules engine counts hits per day, week or month.
import { normalizeTerm } from '../compliance/normalize';

export interface SynonymList {
  id: string;
  name: string;
  /** The tag a rule using the list usually applies (documentation for the rule editor). */
  suggestedTag: { groupName: string; tagName: string };
  terms: readonly string[];
  /** Terms matched with up to two other characters between consecutive characters. */
  fuzzy: boolean;
  /** Emoji whose run (at least `minEmojiRun` in a row) counts as a hit. */
  emoji?: readonly string[];
  minEmojiRun?: number;
}

/** The curated lists shipped with Tagdesk; rules name one by id. */
export const SYNONYM_LISTS: readonly SynonymList[] = [
  {
    id: 'skin-sensitive', name: '皮肤敏感', suggestedTag: { groupName: '肌肤状况', tagName: '皮肤敏感' }, fuzzy: true,
    terms: ['皮肤敏感', '敏感肌', '皮肤过敏', '脸痒', '痒痒', '发痒', '起疹子', '起红疹', '泛红', '刺痛', '过敏'],
  },
  {
    id: 'price-sensitive', name: '价格敏感', suggestedTag: { groupName: '服务偏好', tagName: '价格敏感' }, fuzzy: true,
    terms: ['太贵', '便宜点', '便宜一点', '有优惠吗', '打折', '降价', '能不能便宜', '贵了', '优惠券', '最低价'],
  },
  {
    id: 'unhappy', name: '不满情绪', suggestedTag: { groupName: '售后状态', tagName: '待回访' }, fuzzy: true,
    terms: ['不满意', '投诉', '退货', '退款', '差评', '太差', '坑人', '骗人'],
    emoji: ['😡', '😠', '😤', '👎', '💢', '🙄'], minEmojiRun: 2,
  },
  {
    id: 'buying-intent', name: '购买意向', suggestedTag: { groupName: '购买意向', tagName: '高意向' }, fuzzy: true,
    terms: ['怎么买', '多少钱', '下单', '有货吗', '什么时候发货', '能送货吗', '想买', '链接发我'],
    emoji: ['👍', '❤️', '😍', '🥰', '💯'], minEmojiRun: 3,
  },
];

export const synonymList = (id: string): SynonymList | undefined => SYNONYM_LISTS.find((l) => l.id === id);

export interface KeywordHit {
  term: string;
  kind: 'exact' | 'fuzzy' | 'emoji';
}

const MAX_GAP = 2;

/** `term` as a subsequence of `text` with at most MAX_GAP other characters between its characters. */
function fuzzyIncludes(text: readonly string[], term: readonly string[]): boolean {
  if (term.length < 2) return false;
  for (let start = 0; start < text.length; start++) {
    if (text[start] !== term[0]) continue;
    let pos = start;
    let ok = true;
    for (let k = 1; k < term.length && ok; k++) {
      let found = -1;
      for (let j = pos + 1; j <= Math.min(text.length - 1, pos + 1 + MAX_GAP); j++) {
        if (text[j] === term[k]) { found = j; break; }
      }
      if (found < 0) ok = false;
      else pos = found;
    }
    if (ok) return true;
  }
  return false;
}

function longestEmojiRun(text: string, emoji: readonly string[]): number {
  const set = new Set(emoji.map((e) => e.replace(/\uFE0F/g, '')));
  let best = 0;
  let run = 0;
  // Variation selectors and spaces between emoji do not break a run.
  for (const ch of text.replace(/[\uFE0F\s]/g, '')) {
    if (set.has(ch)) best = Math.max(best, ++run);
    else run = 0;
  }
  return best;
}

/** Every way `text` matches the list: the exact terms found, else fuzzy ones, plus an emoji run. */
export function matchKeywords(text: string, list: SynonymList): KeywordHit[] {
  const norm = normalizeTerm(text);
  const hits: KeywordHit[] = [];
  const chars = [...norm];
  for (const raw of list.terms) {
    const term = normalizeTerm(raw);
    if (!term) continue;
    if (norm.includes(term)) hits.push({ term: raw, kind: 'exact' });
    else if (list.fuzzy && fuzzyIncludes(chars, [...term])) hits.push({ term: raw, kind: 'fuzzy' });
  }
  if (list.emoji && longestEmojiRun(text, list.emoji) >= (list.minEmojiRun ?? 2)) hits.push({ term: list.emoji.join(''), kind: 'emoji' });
  return hits;
}
