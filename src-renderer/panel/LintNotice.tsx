// One line under a linted field: the strictest finding's reason in plain Chinese, the legal
// basis on hover or focus, and its action as a button (replace, request approval).
import type { FindingView, LintView } from '../../src-shared/ipc/index';
import { t } from '../i18n/zh-CN';
import { Icon } from './Icon';

const RANK = { block: 4, approval: 3, replace: 2, warn: 1 } as const;

export function strictest(lint: LintView | null): FindingView | null {
  if (!lint) return null;
  return [...lint.findings].sort((a, b) => RANK[b.action] - RANK[a.action])[0] ?? null;
}

/** The text with every `replace` finding applied: main's `replaced`, or the finding's own. */
export function replacedText(text: string, lint: LintView, f: FindingView): string {
  if (lint.replaced) return lint.replaced;
  return f.replacement === null ? text : text.slice(0, f.start) + f.replacement + text.slice(f.end);
}

export function LintNotice({ id, lint, text, onReplace, onRequestApproval }: {
  id: string;
  lint: LintView | null;
  text: string;
  onReplace: (next: string) => void;
  /** Where approval is a way forward (a tag); absent where it is not (the remark). */
  onRequestApproval?: () => void;
}) {
  const f = strictest(lint);
  if (!lint || !f) return <div id={id} className="lint-line lint-empty" aria-live="polite" />;
  const basis = f.legalBasis.join('；');
  return (
    <div id={id} className={`lint-line lint-${f.action}`} role="status" aria-live="polite" data-testid="lint-notice" data-action={f.action}>
      <Icon name={f.action === 'warn' ? 'alert' : f.action === 'block' ? 'x' : f.action === 'approval' ? 'hourglass' : 'refresh'} />
      <span className="lint-msg">{f.message}</span>
      {basis ? (
        <span className="lint-basis tip" tabIndex={0} data-tip={basis} aria-label={`${t.lintLegalBasis}：${basis}`}>
          {t.lintLegalBasis}
        </span>
      ) : null}
      {f.action === 'replace' && f.replacement !== null ? (
        <button type="button" className="lint-action" data-testid="lint-replace" onClick={() => onReplace(replacedText(text, lint, f))}>
          {t.lintReplace(f.replacement)}
        </button>
      ) : null}
      {f.action === 'approval' && onRequestApproval ? (
        <button type="button" className="lint-action" data-testid="lint-approval" onClick={onRequestApproval}>
          {t.approvalSubmit}
        </button>
      ) : null}
    </div>
  );
}
