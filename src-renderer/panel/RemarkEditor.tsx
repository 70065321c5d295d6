// Editing the remark (≤ 20) and description (≤ 150) of the member's relation, both linted as
// typed. Both are drafts kept across reloads until saved.
import { draftKey } from '../cache/db';
import { useDraft } from '../hooks/useDraft';
import { useIme } from '../hooks/useIme';
import { useLint } from '../hooks/useLint';
import { t } from '../i18n/zh-CN';
import { useAppStore } from '../state/app-store';
import { useCustomerStore } from '../state/customer-store';
import { useUiStore } from '../state/ui-store';
import { LintedInput } from './LintedInput';
import { LintNotice, strictest } from './LintNotice';
import { InlineError } from '../ui/InlineError';

const REMARK_MAX = 20;
const DESCRIPTION_MAX = 150;

function useLintedDraft(key: string | null, initial: string, field: 'remark' | 'description') {
  const [text, setText, clear] = useDraft(key, initial);
  const ime = useIme();
  const { lint, forText } = useLint(text, field, ime.composing);
  const current = forText === text ? lint : null;
  const f = strictest(current);
  // Remarks go to WeCom as they are: text that would need approval cannot be saved there.
  const refusal = f && (f.action === 'block' || f.action === 'approval') ? f.message : null;
  return { text, setText, clear, ime, lint: current, refusal };
}

export function RemarkEditor() {
  const panel = useCustomerStore((s) => s.panel);
  const { setRemark, busy } = useCustomerStore();
  const error = useCustomerStore((s) => (s.actionError?.place === 'remark' ? s.actionError.message : null));
  const member = useAppStore((s) => s.member?.userid ?? null);
  const openDrawer = useUiStore((s) => s.openDrawer);
  const id = panel?.customer.externalUserid ?? null;
  const own = panel?.own;
  const initialRemark = own?.pendingRemark?.remark ?? own?.remark ?? '';
  const initialDescription = own?.pendingRemark?.description ?? own?.description ?? '';
  const remark = useLintedDraft(member && id ? draftKey(member, id, 'remark') : null, initialRemark, 'remark');
  const description = useLintedDraft(member && id ? draftKey(member, id, 'description') : null, initialDescription, 'description');
  if (!panel || !own) return null;

  const changed = remark.text !== initialRemark || description.text !== initialDescription;
  const refused = remark.refusal ?? description.refusal;
  async function save(e: React.FormEvent) {
    e.preventDefault();
    const ok = await setRemark({
      ...(remark.text !== initialRemark ? { remark: remark.text } : {}),
      ...(description.text !== initialDescription ? { description: description.text } : {}),
    });
    if (ok) {
      remark.clear();
      description.clear();
      openDrawer(null);
    }
  }
  return (
    <form className="remark-editor" aria-label={t.editRemark} data-testid="remark-editor" onSubmit={(e) => void save(e)}>
      <div className="field-row">
        <span className="field-label">{t.remark}</span>
        <span className={`counter ${remark.text.length > REMARK_MAX ? 'over' : ''}`}>{t.remarkLimit(remark.text.length, REMARK_MAX)}</span>
      </div>
      <LintedInput value={remark.text} onChange={remark.setText} lint={remark.lint} lintIsCurrent ime={remark.ime.handlers} label={t.remark} describedBy="remark-lint" testId="remark-input" autoFocus />
      <LintNotice id="remark-lint" lint={remark.lint} text={remark.text} onReplace={remark.setText} />
      <div className="field-row">
        <span className="field-label">{t.description}</span>
        <span className={`counter ${description.text.length > DESCRIPTION_MAX ? 'over' : ''}`}>{t.remarkLimit(description.text.length, DESCRIPTION_MAX)}</span>
      </div>
      <LintedInput value={description.text} onChange={description.setText} lint={description.lint} lintIsCurrent ime={description.ime.handlers} label={t.description} multiline describedBy="description-lint" testId="description-input" />
      <LintNotice id="description-lint" lint={description.lint} text={description.text} onReplace={description.setText} />
      {refused ? <p className="inline-error" data-testid="remark-refused">{t.remarkRefused}</p> : null}
      <InlineError message={error} />
      <div className="sheet-actions">
        <button type="button" className="btn" onClick={() => openDrawer(null)}>
          {t.cancel}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="remark-save"
          disabled={!changed || Boolean(refused) || remark.text.length > REMARK_MAX || description.text.length > DESCRIPTION_MAX || busy.includes('remark')}
        >
          {busy.includes('remark') ? t.saving : t.save}
        </button>
      </div>
    </form>
  );
}
