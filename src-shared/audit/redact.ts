// Redaction before hashing: sensitive values found by the linter are replaced in before/after
// so the log never holds them, while the categories stay as evidence of what was there.
// The redactor is passed in, so the audit chain does not depend on the linter's code.
import type { AuditRedaction, AuditValue } from './event';

export interface RedactorResult {
  text: string;
  redactions: readonly { category: string }[];
}
export type Redactor = (text: string) => RedactorResult;

export interface CategorizedSpan {
  start: number;
  end: number;
  category: string;
}

/** Builds a redactor result from finding spans: each span becomes `〔已脱敏:category〕`. */
export function redactSpans(text: string, spans: readonly CategorizedSpan[]): RedactorResult {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  const redactions: { category: string }[] = [];
  for (const s of sorted) {
    if (s.end <= at) continue; // inside a span already redacted
    out += text.slice(at, Math.max(at, s.start)) + `〔已脱敏:${s.category}〕`;
    at = s.end;
    redactions.push({ category: s.category });
  }
  return { text: out + text.slice(at), redactions };
}

/** Applies the redactor to every string in a value; returns the new value and where it cut. */
export function redactValue(value: AuditValue, redactor: Redactor, path: string, found: AuditRedaction[]): AuditValue {
  if (typeof value === 'string') {
    const r = redactor(value);
    if (r.redactions.length === 0) return value;
    found.push({ path, categories: [...new Set(r.redactions.map((x) => x.category))].sort() });
    return r.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => redactValue(v, redactor, `${path}[${i}]`, found));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: AuditValue } = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, redactor, `${path}.${k}`, found);
    return out;
  }
  return value;
}
