// The 群发 view: a tag-targeted mass message. The text is linted as it is typed; 预览收件人
// counts the member's customers the expression takes in, minus the suppressed and those at
// WeCom's monthly cap, with samples; submitting sends exactly what was previewed (a changed
// count comes back as conflict and the preview is redone).
import { useState } from 'react';
import type { MessagePreviewResult } from '../../../src-shared/team-api/mute';
import { getApi } from '../../api/client';
import { useIme } from '../../hooks/useIme';
import { useLint } from '../../hooks/useLint';
import { t } from '../../i18n/zh-CN';
import { Icon } from '../../panel/Icon';
import { LintedInput } from '../../panel/LintedInput';
import { LintNotice } from '../../panel/LintNotice';
import { userMessageOf } from '../../util/errors';

const TEXT_MAX = 1300;

interface Submitted { recipients: number; failed: number }

export function MassMessageView() {
  const [expression, setExpression] = useState('');
  const [text, setText] = useState('');
  const ime = useIme();
  const { lint, forText } = useLint(text, 'description', ime.composing);
  const [preview, setPreview] = useState<{ key: string; value: MessagePreviewResult } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'submit' | null>(null);
  const [error, setError] = useState<{ where: 'expression' | 'text' | 'submit'; message: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const key = JSON.stringify([expression.trim(), text.trim()]);
  const current = preview !== null && preview.key === key;

  const runPreview = async (): Promise<MessagePreviewResult | null> => {
    setBusy('preview');
    setSubmitted(null);
    const r = await getApi().call['messages.preview']({ expression, text, sampleSize: 20 });
    setBusy(null);
    if (!r.ok) {
      const path = r.error.issues?.[0]?.path ?? '';
      setError({ where: path === 'text' ? 'text' : 'expression', message: userMessageOf(r.error) });
      return null;
    }
    setError(null);
    setPreview({ key, value: r.value });
    return r.value;
  };

  const submit = async () => {
    if (!preview || !current) return;
    setBusy('submit');
    setNote(null);
    const r = await getApi().call['messages.submit']({ expression, text, expectedRecipients: preview.value.recipients });
    setBusy(null);
    if (!r.ok) {
      if (r.error.code === 'conflict') {
        // The recipients changed since the preview: show the new count and let them confirm again.
        await runPreview();
        setNote(t.mass.conflict);
        return;
      }
      setError({ where: 'submit', message: userMessageOf(r.error) });
      return;
    }
    setError(null);
    setSubmitted({ recipients: r.value.recipients, failed: r.value.failed.length });
  };

  const p = preview?.value;
  return (
    <form
      className="admin mass"
      data-testid="mass-message"
      aria-labelledby="mass-h"
      onSubmit={(e) => {
        e.preventDefault();
        void runPreview();
      }}
    >
      <div className="ahead">
        <h2 id="mass-h" className="ahead-title">
          {t.mass.title}
        </h2>
      </div>
      <div className="efields">
        <label className="efield">
          <span className="field-label">{t.mass.expression}</span>
          <input
            className="input mono"
            data-testid="mass-expression"
            value={expression}
            placeholder={t.mass.expressionPlaceholder}
            maxLength={500}
            aria-invalid={error?.where === 'expression' || undefined}
            aria-describedby="mass-expression-err"
            onChange={(e) => setExpression(e.target.value)}
          />
          {error?.where === 'expression' ? (
            <p id="mass-expression-err" className="field-error" role="alert" data-testid="mass-expression-error">
              {error.message}
            </p>
          ) : null}
        </label>
        <div className="efield">
          <div className="field-row">
            <span className="field-label">{t.mass.text}</span>
            <span className={`counter ${text.length > TEXT_MAX ? 'over' : ''}`}>{t.mass.textCount(text.length)}</span>
          </div>
          <LintedInput value={text} onChange={setText} lint={lint} lintIsCurrent={forText === text} ime={ime.handlers} multiline label={t.mass.text} placeholder={t.mass.textPlaceholder} describedBy="mass-lint" testId="mass-text" />
          <LintNotice id="mass-lint" lint={forText === text ? lint : null} text={text} onReplace={setText} />
          {error?.where === 'text' ? (
            <p className="field-error" role="alert">
              {error.message}
            </p>
          ) : null}
        </div>
        <div className="eactions-row mass-actions">
          <span className="eactions-note" aria-live="polite">
            {p && !current ? t.mass.stale : ''}
          </span>
          <button type="submit" className="btn btn-small" data-testid="mass-preview" disabled={busy !== null || !expression.trim() || !text.trim()}>
            {busy === 'preview' ? t.mass.previewing : t.mass.preview}
          </button>
        </div>
      </div>

      {p ? (
        <section className={`mass-result ${current ? '' : 'stale'}`} data-testid="mass-result" aria-label={t.mass.recipients}>
          <dl className="stats">
            <div>
              <dt>{t.mass.matched}</dt>
              <dd data-testid="mass-matched">{p.matched}</dd>
            </div>
            <div className="stat-main">
              <dt>{t.mass.recipients}</dt>
              <dd data-testid="mass-recipients">{p.recipients}</dd>
            </div>
            <div>
              <dt>{t.mass.excludedSuppressed}</dt>
              <dd data-testid="mass-suppressed">{p.excluded.suppressed}</dd>
            </div>
            <div>
              <dt>{t.mass.excludedCap}</dt>
              <dd data-testid="mass-capped">{p.excluded.monthlyCap}</dd>
            </div>
          </dl>
          {p.lint.findings.length > 0 ? (
            <ul className={`mass-lint ${p.sendable ? '' : 'bad'}`} aria-label={t.mass.lintTitle}>
              {p.lint.findings.map((f, i) => (
                <li key={i}>
                  <Icon name="alert" size={11} /> {f.message}
                </li>
              ))}
            </ul>
          ) : null}
          {p.excludedSample.length > 0 ? (
            <div className="mass-list">
              <div className="field-label">{t.mass.excluded}</div>
              <ul data-testid="mass-excluded">
                {p.excludedSample.map((x) => (
                  <li key={x.externalUserid} className="xrow">
                    <span className="xrow-name">{x.name}</span>
                    <span className="xrow-why">{x.reason}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {p.sample.length > 0 ? (
            <div className="mass-list">
              <div className="field-label">{t.mass.sample}</div>
              <p className="names" data-testid="mass-sample">
                {p.sample.map((x) => x.name).join('、')}
              </p>
            </div>
          ) : (
            <p className="muted">{t.mass.none}</p>
          )}
        </section>
      ) : null}

      {p ? (
        <div className="eactions">
          {note ? (
            <p className="notice-line" role="status">
              {note}
            </p>
          ) : null}
          {error?.where === 'submit' ? (
            <p className="inline-error" role="alert" data-testid="mass-submit-error">
              {error.message}
            </p>
          ) : null}
          {submitted ? (
            <p className="ok-line" role="status" data-testid="mass-submitted">
              <Icon name="check" size={11} /> {t.mass.submitted(submitted.recipients)}
              {submitted.failed > 0 ? ` · ${t.mass.failed(submitted.failed)}` : ''}
            </p>
          ) : null}
          <div className="eactions-row">
            <span className="eactions-note">{current && !p.sendable ? t.mass.notSendable : ''}</span>
            <button type="button" className="btn btn-small btn-primary" data-testid="mass-submit" disabled={!current || !p.sendable || p.recipients === 0 || busy !== null || submitted !== null} onClick={() => void submit()}>
              {busy === 'submit' ? t.mass.submitting : t.mass.submit(p.recipients)}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}
