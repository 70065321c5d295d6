// A text field that shows the linter's findings in place: a mirror behind the transparent
// field draws the exact spans underlined (UTF-16 offsets, as the linter reports them), and
// LintNotice below says why in one line and offers the action. Typing is never blocked.
import { useRef, type Ref } from 'react';
import type { FindingView, LintView } from '../../src-shared/ipc/index';
import type { ImeHandlers } from '../hooks/useIme';

export interface LintedInputProps {
  value: string;
  onChange: (value: string) => void;
  /** The lint of `value` (null while unknown); spans of an older text are not drawn. */
  lint: LintView | null;
  lintIsCurrent: boolean;
  ime: ImeHandlers;
  multiline?: boolean;
  maxLength?: number;
  placeholder?: string;
  label: string;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
  onKeyDown?: (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  describedBy?: string;
  testId?: string;
  /** Extra ARIA wiring, e.g. a combobox's role and active option. */
  fieldProps?: React.AriaAttributes & { role?: string };
}

interface Segment { text: string; finding: FindingView | null }

/** Splits the text into plain runs and finding spans (overlaps: the earlier span wins). */
export function segments(text: string, findings: FindingView[]): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    const start = Math.max(f.start, at);
    const end = Math.min(f.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), finding: null });
    out.push({ text: text.slice(start, end), finding: f });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), finding: null });
  return out;
}

export function LintedInput(props: LintedInputProps) {
  const { value, onChange, lint, lintIsCurrent, ime, multiline, maxLength, placeholder, label, autoFocus, inputRef, onKeyDown, describedBy, testId, fieldProps } = props;
  const mirror = useRef<HTMLDivElement>(null);
  const findings = lint && lintIsCurrent ? lint.findings : [];
  const syncScroll = (e: React.UIEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (!mirror.current) return;
    mirror.current.scrollLeft = e.currentTarget.scrollLeft;
    mirror.current.scrollTop = e.currentTarget.scrollTop;
  };
  const common = {
    className: 'lf-field',
    value,
    placeholder,
    maxLength,
    autoFocus,
    spellCheck: false,
    'aria-label': label,
    'aria-invalid': findings.some((f) => f.action === 'block') || undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
    onScroll: syncScroll,
    onKeyDown,
    ...ime,
    ...fieldProps,
  };
  return (
    <div className={`lf ${multiline ? 'lf-multi' : ''}`}>
      <div className="lf-mirror" ref={mirror} aria-hidden="true" data-testid={testId ? `${testId}-mirror` : undefined}>
        {segments(value, findings).map((s, i) =>
          s.finding ? (
            <mark key={i} className={`lf-mark lf-${s.finding.action}`} data-category={s.finding.category}>
              {s.text}
            </mark>
          ) : (
            <span key={i}>{s.text}</span>
          ),
        )}
        {multiline ? '\u200b' : null}
      </div>
      {multiline ? <textarea ref={inputRef} rows={3} {...common} /> : <input ref={inputRef} type="text" {...common} />}
    </div>
  );
}
