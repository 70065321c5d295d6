// Pure helpers for the UI: cut a text into segments the renderer can underline (each with
// the strictest action covering it), and build the text with all suggested replacements applied.
import { stricter, type Finding, type Verdict } from './types';

export interface HighlightSegment {
  start: number;
  end: number;
  text: string;
  /** 'ok' for plain text; otherwise the strictest action of the findings covering it. */
  level: Verdict;
  /** Indexes into the findings array, for tooltips. */
  findings: number[];
}

export function highlightSegments(text: string, findings: readonly Finding[]): HighlightSegment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const f of findings) {
    cuts.add(Math.max(0, Math.min(text.length, f.span.start)));
    cuts.add(Math.max(0, Math.min(text.length, f.span.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: HighlightSegment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    let level: Verdict = 'ok';
    const covering: number[] = [];
    findings.forEach((f, k) => {
      if (f.span.start <= start && f.span.end >= end) {
        covering.push(k);
        level = stricter<Verdict>(level, f.action);
      }
    });
    const prev = segments.at(-1);
    // Merge neighbours with the same findings so the renderer draws one underline, not many.
    if (prev && prev.level === level && prev.findings.join() === covering.join()) {
      prev.end = end;
      prev.text = text.slice(prev.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), level, findings: covering });
    }
  }
  return segments;
}

/** The text with every `replace` finding's suggestion applied (overlapping ones: first wins). */
export function applyReplacements(text: string, findings: readonly Finding[]): string {
  const edits = findings
    .filter((f) => f.action === 'replace' && f.replacement !== undefined)
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  let out = '';
  let at = 0;
  for (const f of edits) {
    if (f.span.start < at) continue;
    out += text.slice(at, f.span.start) + f.replacement!;
    at = f.span.end;
  }
  return out + text.slice(at);
}
