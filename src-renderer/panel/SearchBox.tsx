// Customer search: searched on every keystroke once IME composition ends; ↑/↓/Enter pick;
// recent customers while the box is empty. Picking opens the customer and frees the keys
// (t, p, ?) by leaving the box.
import type { Ref } from 'react';
import { useIme } from '../hooks/useIme';
import { t } from '../i18n/zh-CN';
import { useCustomerStore } from '../state/customer-store';
import { useSearchStore, type SearchItem } from '../state/search-store';
import { useSyncStore } from '../state/sync-store';
import { Icon } from './Icon';
import { InlineError } from '../ui/InlineError';

function Row({ item, active, index, onPick }: { item: SearchItem; active: boolean; index: number; onPick: () => void }) {
  const setActive = useSearchStore((s) => s.setActive);
  return (
    <li
      id={`search-opt-${index}`}
      role="option"
      aria-selected={active}
      className={`hit ${active ? 'active' : ''}`}
      data-testid="search-hit"
      onMouseEnter={() => setActive(index)}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPick}
    >
      <span className="avatar avatar-sm" aria-hidden="true">
        {item.name.slice(0, 1)}
      </span>
      <span className="hit-main">
        <span className="hit-name">{item.name}</span>
        {item.corpName ? <span className="hit-corp">{item.corpName}</span> : null}
        <span className="hit-sub">
          {item.mobileTail ? <span>{t.mobileTail(item.mobileTail)}</span> : null}
          {item.remark ? <span>{item.remark}</span> : null}
        </span>
      </span>
      {item.match ? (
        <span className="hit-match" data-testid="match-hint">
          {t.match[item.match]}
        </span>
      ) : null}
    </li>
  );
}

export function SearchBox({ disabled, inputRef }: { disabled: boolean; inputRef: Ref<HTMLInputElement> }) {
  const { query, total, active, open, error, setQuery, search, move, setOpen, clear } = useSearchStore();
  const items = useSearchStore((s) => s.items());
  const openCustomer = useCustomerStore((s) => s.open);
  const firstLoad = useSyncStore((s) => s.status?.loading ?? false);
  const { isComposing, handlers } = useIme((value) => void search(value));
  const pick = (item: SearchItem | undefined, input: HTMLInputElement | null) => {
    if (!item) return;
    clear();
    setOpen(false);
    input?.blur();
    void openCustomer(item.externalUserid);
  };
  const showList = open && !disabled && (query.trim() !== '' || items.length > 0);
  return (
    <div className="search" role="search">
      <div className="search-field">
        <Icon name="search" className="search-icon" />
        <input
          ref={inputRef}
          type="search"
          className="search-input"
          placeholder={disabled ? t.searchDisabled : t.searchPlaceholder}
          aria-label={t.searchPlaceholder}
          title={disabled ? t.searchDisabled : undefined}
          disabled={disabled}
          value={query}
          role="searchbox"
          aria-expanded={showList}
          aria-controls="search-list"
          aria-activedescendant={showList && items[active] ? `search-opt-${active}` : undefined}
          data-testid="search"
          onChange={(e) => setQuery(e.target.value, isComposing())}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing) return;
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              move(e.key === 'ArrowDown' ? 1 : -1);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              pick(items[active], e.currentTarget);
            }
          }}
          {...handlers}
        />
        <kbd className="search-kbd" aria-hidden="true">
          /
        </kbd>
      </div>
      {showList ? (
        <div className="search-pop" data-testid="search-results">
          <div className="search-pop-head">
            <span>{query.trim() ? t.searchResults : t.searchRecent}</span>
            {query.trim() && total > 0 ? <span>{t.searchTotal(total)}</span> : null}
          </div>
          <InlineError message={error} />
          <ul id="search-list" role="listbox" aria-label={query.trim() ? t.searchResults : t.searchRecent}>
            {items.map((item, i) => (
              <Row key={item.externalUserid} item={item} index={i} active={i === active} onPick={() => pick(item, null)} />
            ))}
          </ul>
          {query.trim() && items.length === 0 && !error ? <p className="search-none">{firstLoad ? t.firstLoad : t.searchNoHits}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
