// Splits a tag-set expression into tokens. Operators come as ASCII symbols, set symbols
// (∩ ∪ ¬) and the Chinese words 且 / 或 / 非; the words count as operators only when they
// stand alone, so tag names such as 非会员 or 或有需求 stay names.
import { TagQueryError } from './ast';

export type TokenKind = 'and' | 'or' | 'not' | 'lparen' | 'rparen' | 'colon' | 'name' | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** For names: the text (unquoted). */
  text?: string;
  /** For names: a trailing `*` made it a prefix. */
  prefix?: boolean;
  quoted?: boolean;
}

const SYMBOLS: Readonly<Record<string, TokenKind>> = {
  '&': 'and', '∩': 'and', '＆': 'and',
  '|': 'or', '∪': 'or', '｜': 'or',
  '!': 'not', '¬': 'not', '！': 'not',
  '(': 'lparen', '（': 'lparen',
  ')': 'rparen', '）': 'rparen',
  ':': 'colon', '：': 'colon',
};
const WORDS: Readonly<Record<string, TokenKind>> = { 且: 'and', 或: 'or', 非: 'not' };
const CLOSING_QUOTE: Readonly<Record<string, string>> = { '"': '"', "'": "'", '“': '”', '「': '」' };

const isSpace = (c: string): boolean => /\s/u.test(c);
/** Characters that end a bare name. */
const isDelimiter = (c: string | undefined): boolean =>
  c === undefined || isSpace(c) || c in SYMBOLS || c in CLOSING_QUOTE;

export const column = (text: string, pos: number): number => Array.from(text.slice(0, pos)).length + 1;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isSpace(c)) { i++; continue; }
    const symbol = SYMBOLS[c];
    if (symbol) { tokens.push({ kind: symbol, start: i, end: i + 1 }); i++; continue; }
    const word = WORDS[c];
    if (word && isDelimiter(text[i + 1])) { tokens.push({ kind: word, start: i, end: i + 1 }); i++; continue; }
    const close = CLOSING_QUOTE[c];
    if (close) {
      const endQuote = text.indexOf(close, i + 1);
      if (endQuote < 0) {
        throw new TagQueryError('unterminated_quote', i, `第 ${column(text, i)} 列：引号没有闭合，应以 ${close} 结束`, [close]);
      }
      const name = text.slice(i + 1, endQuote);
      let end = endQuote + 1;
      const prefix = text[end] === '*';
      if (prefix) end++;
      tokens.push({ kind: 'name', start: i, end, text: name, prefix, quoted: true });
      i = end;
      continue;
    }
    let j = i;
    while (!isDelimiter(text[j])) j++;
    const raw = text.slice(i, j);
    const star = raw.indexOf('*');
    if (star >= 0 && star !== raw.length - 1) {
      throw new TagQueryError('misplaced_wildcard', i + star, `第 ${column(text, i + star)} 列：通配符 * 只能放在标签名末尾（前缀匹配，如 抖音*）`, ['*']);
    }
    tokens.push({ kind: 'name', start: i, end: j, text: star >= 0 ? raw.slice(0, -1) : raw, prefix: star >= 0 });
    i = j;
  }
  tokens.push({ kind: 'eof', start: text.length, end: text.length });
  return tokens;
}
