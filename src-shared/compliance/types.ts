// The vocabulary of the compliance linter: categories, actions, findings and verdicts.
// Everything here is plain data so findings can cross IPC, go into approval requests and
// be redacted in the audit log without carrying the matched value itself.

/** What happens to a text with a finding, from mildest to strictest. */
export const ACTIONS = ['warn', 'replace', 'approval', 'block'] as const;
export type Action = (typeof ACTIONS)[number];

/** The overall verdict of a text: `ok` or its strictest action. */
export const VERDICTS = ['ok', ...ACTIONS] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Tag names are short, shared and used for bulk targeting, so they are linted stricter. */
export const FIELDS = ['tag', 'note'] as const;
export type Field = (typeof FIELDS)[number];

/**
 * The closed set of categories. Detector categories are found by code, lexicon categories by
 * word lists from the rule pack; a pack configures the action, message and legal basis of each.
 */
export const CATEGORY_IDS = [
  // identifiers — minimisation (PIPL Art. 6, GB/T 35273-2020 App. A/B)
  'pii.id_cn',
  'pii.mobile_cn',
  'pii.bank_card',
  'fin.account_no',
  'fin.credential',
  'pii.passport',
  'pii.email',
  'pii.im_account',
  'pii.plate',
  'pii.address_precise',
  'pii.dob',
  'pii.long_number',
  'pii.body_features',
  // property (GB/T 35273-2020 B.1, company policy)
  'fin.income_asset',
  // sensitive personal information (PIPL Art. 28, GB/T 45574-2025 App. A)
  'spi.health',
  'spi.biometric',
  'spi.religion',
  'spi.specific_identity',
  'spi.sexual_orientation',
  'spi.criminal_record',
  'spi.credit_record',
  'spi.marital_history',
  'spi.whereabouts',
  'spi.minor_u14',
  // content (网络信息内容生态治理规定 Art. 6, 7)
  'content.illegal',
  'content.abusive',
  // company wording rules added by admins (forbidden wording → approved wording)
  'policy.wording',
  // WeCom tag naming rules (tag names only)
  'naming.length',
  'naming.charset',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** Half-open UTF-16 range [start, end) into the text exactly as the user typed it. */
export interface Span {
  start: number;
  end: number;
}

export interface Finding {
  category: CategoryId;
  /** Which rule produced it, e.g. `pii.id_cn/checksum` or `lexicon/spi.health`. */
  rule: string;
  action: Action;
  span: Span;
  /** Legal or platform basis, e.g. "PIPL 第28条", "GB/T 45574-2025 §6.4". */
  legalBasis: readonly string[];
  /** Version of the rule pack (and overlay) that produced the finding. */
  packVersion: string;
  /** Chinese message for the user: why, and what to write instead. */
  message: string;
  /** For `replace`: the wording to put in place of the span ('' = delete it). */
  replacement?: string;
  /** True when the hit was only found after skipping inserted characters (evidence of intent). */
  evasion?: boolean;
}

/** Advice that never changes the verdict, e.g. the "核心特征-细分维度" naming hint. */
export interface LintHint {
  rule: string;
  message: string;
}

export interface LintResult {
  verdict: Verdict;
  findings: Finding[];
  hints: LintHint[];
  packVersion: string;
}

export interface LintOptions {
  field: Field;
}

const RANK: Record<Verdict, number> = { ok: 0, warn: 1, replace: 2, approval: 3, block: 4 };

export function verdictRank(v: Verdict): number {
  return RANK[v];
}

/** The stricter of two verdicts (ok < warn < replace < approval < block). */
export function stricter<V extends Verdict>(a: V, b: V): V {
  return RANK[a] >= RANK[b] ? a : b;
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  let v: Verdict = 'ok';
  for (const f of findings) v = stricter<Verdict>(v, f.action);
  return v;
}
