// Recursive-descent parser for tag-set expressions: `not` binds tightest, then `and`, then
// `or`. Errors name the position and what was expected there, in Chinese with a machine code.
import { TagQueryError, type TagQueryNode, type TagRef } from './ast';
import { column, tokenize, type Token } from './lexer';

const OPERAND = ['标签名', '组名:标签名', '(', '非 / !'];
const OPERATOR = ['且 / &', '或 / |', ')'];

const describe = (t: Token, text: string): string =>
  t.kind === 'eof' ? '表达式结尾' : `「${text.slice(t.start, t.end)}」`;

export function parseTagQuery(text: string): TagQueryNode {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): Token => tokens[i]!;
  const next = (): Token => tokens[i++]!;
  const fail = (code: 'expected_operand' | 'expected_operator' | 'unclosed_paren' | 'unexpected_close_paren' | 'empty_name', t: Token, what: string, expected: readonly string[]): never => {
    throw new TagQueryError(code, t.start, `第 ${column(text, t.start)} 列：${what}，但遇到了${describe(t, text)}`, expected);
  };

  if (tokens.length === 1) throw new TagQueryError('empty_query', 0, '表达式为空：请输入标签名，例如 VIP 且 华东', OPERAND);

  function parseOr(): TagQueryNode {
    const first = parseAnd();
    const operands = [first];
    while (peek().kind === 'or') { next(); operands.push(parseAnd()); }
    return operands.length === 1 ? first : { kind: 'or', operands, start: first.start, end: operands.at(-1)!.end };
  }
  function parseAnd(): TagQueryNode {
    const first = parseUnary();
    const operands = [first];
    while (peek().kind === 'and') { next(); operands.push(parseUnary()); }
    return operands.length === 1 ? first : { kind: 'and', operands, start: first.start, end: operands.at(-1)!.end };
  }
  function parseUnary(): TagQueryNode {
    const t = peek();
    if (t.kind === 'not') {
      next();
      const operand = parseUnary();
      return { kind: 'not', operand, start: t.start, end: operand.end };
    }
    if (t.kind === 'lparen') {
      next();
      const inner = parseOr();
      const close = peek();
      if (close.kind !== 'rparen') fail('unclosed_paren', close, `应为「)」来闭合第 ${column(text, t.start)} 列的「(」`, [')', ...OPERATOR.slice(0, 2)]);
      next();
      return { ...inner, start: t.start, end: close.end };
    }
    if (t.kind === 'name') return parseTag();
    if (t.kind === 'rparen') return fail('unexpected_close_paren', t, '应为标签名或「(」', OPERAND);
    return fail('expected_operand', t, '应为标签名、「(」或「非」', OPERAND);
  }
  function parseTag(): TagRef {
    const first = next();
    if (peek().kind !== 'colon') return leaf(undefined, first, first);
    next();
    const second = peek();
    if (second.kind !== 'name') return fail('expected_operand', second, `应为组「${first.text ?? ''}」里的标签名（可用 * 表示全部）`, ['标签名', '*']);
    next();
    if (first.prefix) throw new TagQueryError('misplaced_wildcard', first.end - 1, `第 ${column(text, first.end - 1)} 列：组名不能用通配符`, []);
    return leaf(first, second, first);
  }
  function leaf(group: Token | undefined, name: Token, startTok: Token): TagRef {
    if (group !== undefined && (group.text ?? '') === '') fail('empty_name', group, '组名不能为空', ['组名']);
    if ((name.text ?? '') === '' && !name.prefix) fail('empty_name', name, '标签名不能为空', ['标签名']);
    return {
      kind: 'tag',
      ...(group ? { group: group.text! } : {}),
      name: name.text ?? '',
      prefix: name.prefix ?? false,
      start: startTok.start,
      end: name.end,
    };
  }

  const root = parseOr();
  const rest = peek();
  if (rest.kind === 'rparen') fail('unexpected_close_paren', rest, '多了一个「)」，前面没有对应的「(」', OPERATOR.slice(0, 2));
  if (rest.kind !== 'eof') fail('expected_operator', rest, '两个标签之间应有运算符（且 / 或，或 & / |）', OPERATOR);
  return root;
}
