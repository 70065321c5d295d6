// WeCom tag-name rules, applied to the `tag` field only: the 30-character limit of the
// corp-tag API, a conservative character set (so names survive WeCom, CSV export and the
// tag-set query language, where ':' qualifies a group), and a hint towards "核心特征-细分维度".
import type { CategoryId, LintHint } from './types';

export interface NamingHit {
  category: Extract<CategoryId, 'naming.length' | 'naming.charset'>;
  rule: string;
  start: number;
  end: number;
  replacement?: string;
}

// Han, letters, digits, spaces and the few separators tag names conventionally use.
const ALLOWED = /^[\p{Script=Han}\p{L}\p{N} \-_·()（）【】[\]&+.%]$/u;
// Separators people reach for instead of '-'; rewriting them keeps the name's structure.
const DASHLIKE = /^[—–―－~～/／\\|｜:：,，;；、]$/u;

export function checkTagName(text: string, maxLength: number): NamingHit[] {
  const hits: NamingHit[] = [];
  let count = 0;
  let run: NamingHit | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    count++;
    if (count === maxLength + 1) {
      hits.push({ category: 'naming.length', rule: 'naming.length/max', start: i, end: text.length });
    }
    if (ALLOWED.test(ch)) {
      run = undefined;
    } else if (run && run.end === i) {
      run.end = next;
      if (DASHLIKE.test(ch) && run.replacement === '') run.replacement = '-';
    } else {
      run = { category: 'naming.charset', rule: 'naming.charset/allowed', start: i, end: next, replacement: DASHLIKE.test(ch) ? '-' : '' };
      hits.push(run);
    }
    i = next;
  }
  return hits;
}

const STRUCTURE_HINT = '建议采用“核心特征-细分维度”结构，例如“意向客户-高”“渠道来源-抖音”，便于筛选和统计。';

export function tagNameHints(text: string): LintHint[] {
  const name = text.trim();
  const hints: LintHint[] = [];
  if (name !== text) hints.push({ rule: 'naming.hint/trim', message: '标签名首尾的空格会被去掉。' });
  if (name.length === 0) return hints;
  if (/^-|-$/.test(name)) hints.push({ rule: 'naming.hint/dangling-dash', message: '“-”两侧都应有内容，例如“渠道来源-抖音”。' });
  else if (!name.includes('-') && ([...name].length >= 8 || name.includes(' '))) hints.push({ rule: 'naming.hint/structure', message: STRUCTURE_HINT });
  return hints;
}
