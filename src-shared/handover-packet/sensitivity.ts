// Which hand-over packet entries may travel, and which need the successor's explicit
// confirmation. The company's linter decides what cannot go at all (block, or a required
// rewording); a small curated list of risk and refusal meanings — plus the linter's approval
// and warning categories — marks what a successor must read and confirm one by one, so a note
// such as 讨厌销售跟进 is never silently dropped, nor silently inverted into a follow-up plan.
import type { Linter } from '../compliance/linter';
import { applyReplacements } from '../compliance/highlight';

export interface RiskTerm {
  term: string;
  /** The reason shown to the supervisor and the successor. */
  label: string;
}

/** Kept as data: terms whose meaning is a risk or a refusal the successor must respect. */
export const PACKET_RISK_TERMS: readonly RiskTerm[] = [
  ...['投诉', '举报', '维权', '12315', '律师', '起诉', '曝光', '差评', '纠纷', '退款', '退货'].map((term) => ({ term, label: '投诉或纠纷风险' })),
  ...['讨厌', '反感', '拉黑', '黑名单', '勿扰', '别打扰', '不要联系', '不要打', '骚扰', '拒绝跟进', '不想被', '不接电话', '难缠'].map((term) => ({ term, label: '客户反感联系或跟进' })),
  ...['欠款', '拖欠', '逾期', '赖账'].map((term) => ({ term, label: '付款风险' })),
];

/** Negations that flip a note's meaning if misread (「不喜欢电话」 is not 「喜欢电话」). */
const NEGATIONS = ['不要', '不喜欢', '不接受', '别', '勿', '拒绝', '禁止'];

export type PacketField = 'tag' | 'note';

export interface PacketCheck {
  /** ok: may go; sensitive: may go, successor confirms; blocked: cannot go as written. */
  status: 'ok' | 'sensitive' | 'blocked';
  /** Why, in Chinese (the linter's message for a blocked text; the risk labels otherwise). */
  reasons: string[];
  /** A rewording the linter offers for a blocked text, when it has one. */
  suggestion: string | null;
}

export function checkPacketEntry(linter: Linter, text: string, field: PacketField): PacketCheck {
  const result = linter.lint(text, { field });
  const stop = result.findings.filter((f) => f.action === 'block' || f.action === 'replace');
  if (stop.length > 0) {
    const replaceable = stop.every((f) => f.action === 'replace' && f.replacement !== undefined);
    return { status: 'blocked', reasons: [...new Set(stop.map((f) => f.message))], suggestion: replaceable ? applyReplacements(text, result.findings) : null };
  }
  const reasons = new Set<string>();
  const label = (id: string): string => (linter.pack.categories as Record<string, { label?: string } | undefined>)[id]?.label ?? id;
  for (const f of result.findings) if (f.action === 'approval' || f.action === 'warn') reasons.add(label(f.category));
  for (const r of PACKET_RISK_TERMS) if (text.includes(r.term)) reasons.add(r.label);
  if (NEGATIONS.some((n) => text.includes(n))) reasons.add('含否定意思，请按原意理解');
  return { status: reasons.size > 0 ? 'sensitive' : 'ok', reasons: [...reasons], suggestion: null };
}
