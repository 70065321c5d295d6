// Quick add (`t` enterprise, `p` personal): completion from main as the member types (pinyin
// and initials too), ↑/↓/Enter to pick. A pick applies, removes an applied tag, opens the
// approval form for a sensitive one, or creates a personal tag; disabled picks say why.
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { Suggestion } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';
import { draftKey } from '../cache/db';
import { useDraft } from '../hooks/useDraft';
import { useIme } from '../hooks/useIme';
import { useLint } from '../hooks/useLint';
import { t } from '../i18n/zh-CN';
import { useAppStore } from '../state/app-store';
import { useCustomerStore } from '../state/customer-store';
import { useUiStore, type Column } from '../state/ui-store';
import { userMessageOf } from '../util/errors';
import { Icon } from './Icon';
import { LintedInput } from './LintedInput';
import { LintNotice, strictest } from './LintNotice';
import { InlineError } from '../ui/InlineError';

type Item = { kind: 'suggestion'; s: Suggestion } | { kind: 'request-new'; name: string };

export function QuickAdd({ column }: { column: Column }) {
  const personal = column === 'personal';
  const externalUserid = useCustomerStore((s) => s.currentId);
  const member = useAppStore((s) => s.member?.userid ?? null);
  const { applyTag, removeTag, assignPersonal, unassignPersonal, createPersonal } = useCustomerStore();
  const { openQuickAdd, openApprovalForm } = useUiStore();
  // Only the personal tag being typed is a draft worth keeping; enterprise picks are lookups.
  const [query, setQuery, clearQuery] = useDraft(personal && member && externalUserid ? draftKey(member, externalUserid, 'personal-tag') : null);
  const { composing, handlers } = useIme();
  const { lint, forText } = useLint(personal ? query : '', 'personalTag', composing);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  /** The text the suggestions were made for: until they catch up with what is typed, Enter waits for them. */
  const [suggestedFor, setSuggestedFor] = useState<string | null>(null);
  const enterWaitingFor = useRef<string | null>(null);
  const [active, setActive] = useState(0);
  const [why, setWhy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Enter was pressed before these suggestions arrived: it meant the first of them.
  const onSuggestions = useEffectEvent((list: Suggestion[], asked: string) => {
    if (enterWaitingFor.current !== asked) return;
    enterWaitingFor.current = null;
    void pick(itemsFor(list, asked)[0]);
  });

  useEffect(() => {
    if (composing || !externalUserid) return;
    let live = true;
    const asked = query.trim();
    void getApi()
      .call['tags.suggest']({ externalUserid, column, query: asked, limit: 8 })
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setSuggestions(r.value.suggestions);
          setSuggestedFor(asked);
          setActive(0);
          setError(null);
          onSuggestions(r.value.suggestions, asked);
        } else {
          enterWaitingFor.current = null;
          setError(userMessageOf(r.error));
        }
      });
    return () => {
      live = false;
    };
  }, [query, composing, externalUserid, column]);

  const name = query.trim();
  const lintNow = forText === query ? lint : null;
  const finding = strictest(lintNow);
  // Personal tags never leave the device, so nothing can approve them: approval-level text is refused like blocked text.
  const createRefusal = finding && (finding.action === 'block' || finding.action === 'approval') ? finding.message : null;
  const itemsFor = (list: Suggestion[], typed: string): Item[] => {
    const out: Item[] = list.map((s) => ({ kind: 'suggestion', s }));
    // A new tag is offered for a typed name, not for pinyin letters that merely found nothing yet.
    const looksLikeName = /[^\u0020-\u007e]/.test(typed) || list.length === 0;
    if (!personal && typed && looksLikeName && !list.some((s) => s.name === typed)) out.push({ kind: 'request-new', name: typed });
    return out;
  };
  const items = itemsFor(suggestions, name);

  // Suggestions made for what was typed before are never picked: Enter waits for the current ones.
  const current = suggestedFor === name;

  const close = () => {
    clearQuery();
    openQuickAdd(null);
  };

  async function pick(item: Item | undefined) {
    if (!item) return;
    setError(null);
    if (item.kind === 'request-new') return openApprovalForm({ proposedName: item.name, label: item.name });
    const s = item.s;
    const disabled = s.disabledReason ?? (s.kind === 'create-personal' ? createRefusal : null);
    if (disabled) return setWhy(disabled);
    let done: boolean;
    if (s.kind === 'enterprise') {
      if (s.applied) done = await removeTag(s.id);
      else if (s.requiresApproval) return openApprovalForm({ tagId: s.id, label: s.name });
      else done = await applyTag(s.id);
    } else if (s.kind === 'personal') {
      done = s.applied ? await unassignPersonal(Number(s.id)) : await assignPersonal(Number(s.id));
    } else {
      done = await createPersonal(s.name || name);
    }
    if (done) close();
    else setError(useCustomerStore.getState().actionError?.message ?? t.genericError);
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = items.length;
      if (n) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
      setWhy(null);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (current) void pick(items[active]);
      else enterWaitingFor.current = name;
    }
  };

  const listId = `qa-${column}-list`;
  const noticeId = `qa-${column}-lint`;
  return (
    <div className="popover quickadd" role="dialog" aria-label={personal ? t.addPersonal : t.addEnterprise} data-testid={`quickadd-${column}`}>
      <LintedInput
        value={query}
        onChange={(v) => {
          setQuery(v);
          setWhy(null);
        }}
        lint={lintNow}
        lintIsCurrent={forText === query}
        ime={handlers}
        maxLength={30}
        placeholder={personal ? t.quickAddPersonal : t.quickAddEnterprise}
        label={personal ? t.addPersonal : t.addEnterprise}
        autoFocus
        onKeyDown={onKeyDown}
        describedBy={noticeId}
        testId={`quickadd-${column}-input`}
        fieldProps={{ role: 'combobox', 'aria-expanded': items.length > 0, 'aria-controls': listId, 'aria-activedescendant': items[active] ? `${listId}-${active}` : undefined }}
      />
      {personal ? <LintNotice id={noticeId} lint={lintNow} text={query} onReplace={setQuery} onRequestApproval={() => openApprovalForm({ proposedName: name, label: name })} /> : null}
      <ul className="suggestions" role="listbox" id={listId} aria-label={personal ? t.personalTags : t.enterpriseTags}>
        {items.map((item, i) => {
          const s = item.kind === 'suggestion' ? item.s : null;
          const disabled = s ? (s.disabledReason ?? (s.kind === 'create-personal' ? createRefusal : null)) : null;
          const label = !s ? t.suggestRequestNew(item.kind === 'request-new' ? item.name : '') : s.kind === 'create-personal' ? t.suggestCreatePersonal(s.name || name) : s.name;
          return (
            <li
              key={s ? `${s.kind}:${s.id}:${s.name}` : 'request-new'}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              aria-disabled={disabled ? true : undefined}
              className={`suggestion ${i === active ? 'active' : ''} ${disabled ? 'disabled' : ''}`}
              data-testid="suggestion"
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void pick(item)}
            >
              <span className="sg-icon" aria-hidden="true">
                <Icon name={!s || s.kind === 'create-personal' ? 'plus' : s.applied ? 'check' : s.requiresApproval ? 'hourglass' : 'plus'} size={11} />
              </span>
              <span className="sg-name">{label}</span>
              {s?.groupName ? <span className="sg-group">{s.groupName}</span> : null}
              {s?.applied ? <span className="sg-note">{t.suggestApplied}</span> : null}
              {s?.requiresApproval && !s.applied ? <span className="sg-badge">{t.suggestNeedsApproval}</span> : null}
              {!s ? <span className="sg-badge">{t.suggestNeedsApproval}</span> : null}
              {disabled ? (
                <button
                  type="button"
                  className="sg-why"
                  tabIndex={-1}
                  onClick={(e) => {
                    e.stopPropagation();
                    setWhy(why === disabled ? null : disabled);
                  }}
                >
                  {t.whyNot}
                </button>
              ) : null}
            </li>
          );
        })}
        {items.length === 0 && !composing ? <li className="suggestion empty">{t.suggestNone}</li> : null}
      </ul>
      {why ? (
        <p className="qa-why" role="status" data-testid="why-not">
          {why}
        </p>
      ) : null}
      <InlineError message={error} />
      <div className="qa-foot" aria-hidden="true">
        <span><kbd>↑</kbd><kbd>↓</kbd> {t.qaPick}</span>
        <span><kbd>Enter</kbd> {t.qaConfirm}</span>
        <span><kbd>Esc</kbd> {t.close}</span>
      </div>
      <button type="button" className="sr-only" onClick={close}>
        {t.close}
      </button>
    </div>
  );
}
