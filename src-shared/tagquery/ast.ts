// The syntax tree of a tag-set expression and the parse error it can raise. Positions are
// UTF-16 offsets into the expression as typed, so an editor can underline the exact spot.

export interface TagRef {
  kind: 'tag';
  /** Group qualifier (`组名:标签名`); absent = any group. */
  group?: string;
  /** Tag name, or the prefix when `prefix` is set. */
  name: string;
  /** `抖音*`: every tag whose name starts with `name`. */
  prefix: boolean;
  start: number;
  end: number;
}

export type TagQueryNode =
  | TagRef
  | { kind: 'not'; operand: TagQueryNode; start: number; end: number }
  | { kind: 'and' | 'or'; operands: TagQueryNode[]; start: number; end: number };

/** Machine codes of parse and resolve errors; the UI picks its wording by code when it wants to. */
export const TAG_QUERY_ERROR_CODES = [
  'empty_query',
  'expected_operand',
  'expected_operator',
  'unclosed_paren',
  'unexpected_close_paren',
  'unterminated_quote',
  'empty_name',
  'misplaced_wildcard',
  'unknown_tag',
  'unknown_group',
] as const;
export type TagQueryErrorCode = (typeof TAG_QUERY_ERROR_CODES)[number];

export class TagQueryError extends Error {
  override name = 'TagQueryError';
  constructor(
    readonly code: TagQueryErrorCode,
    /** UTF-16 offset where the problem starts. */
    readonly position: number,
    /** Chinese message for the user, including the 1-based column. */
    message: string,
    /** What the parser would have accepted here, as shown to the user. */
    readonly expected: readonly string[] = [],
  ) {
    super(message);
  }
}
