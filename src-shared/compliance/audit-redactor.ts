// The audit chain's redactor, from the linter: personal information it finds in a value
// (identifiers, property, sensitive categories) is cut out before the event is hashed, with
// its category kept. Wording and naming findings are not personal data and stay.
import { redactSpans, type Redactor } from '../audit/redact';
import type { Linter } from './linter';

const PERSONAL = /^(pii|fin|spi)\./;

export function auditRedactor(linter: Linter): Redactor {
  return (text) => {
    if (!text) return { text, redactions: [] };
    const spans = linter
      .lint(text, { field: 'note' })
      .findings.filter((f) => PERSONAL.test(f.category))
      .map((f) => ({ start: f.span.start, end: f.span.end, category: f.category }));
    return spans.length ? redactSpans(text, spans) : { text, redactions: [] };
  };
}
