// The second step of a decision that needs words: a rejection's reason (required) or the
// replacement wording an approval applies instead.
import { useState } from 'react';
import { t } from '../i18n/zh-CN';

export type DecisionMode = 'reject' | 'approve-with';

export function DecisionForm({ mode, busy, onSubmit, onCancel }: { mode: DecisionMode; busy: boolean; onSubmit: (text: string) => void; onCancel: () => void }) {
  const [text, setText] = useState('');
  const ok = mode === 'reject' ? text.trim().length >= 2 : text.trim().length >= 1;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) onSubmit(text.trim());
      }}
    >
      <input
        className="input"
        autoFocus
        maxLength={mode === 'reject' ? 500 : 30}
        aria-label={mode === 'reject' ? t.rejectReason : t.replacementName}
        placeholder={mode === 'reject' ? t.rejectReason : t.replacementName}
        value={text}
        data-testid={mode === 'reject' ? 'reject-reason' : 'replacement-name'}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      <button type="submit" className={`btn btn-small ${mode === 'reject' ? 'btn-danger' : 'btn-primary'}`} disabled={!ok || busy} data-testid="decision-confirm">
        {mode === 'reject' ? t.reject : t.approve}
      </button>
    </form>
  );
}
