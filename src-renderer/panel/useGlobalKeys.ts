// The panel's keys outside text fields: `t`/`p` quick add, `/` search, `?` the key list, and
// Esc closing the innermost layer (then clearing the search).
import { useEffect, type RefObject } from 'react';
import { useCustomerStore } from '../state/customer-store';
import { useSearchStore } from '../state/search-store';
import { useUiStore } from '../state/ui-store';

const isTextTarget = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);

export function useGlobalKeys(searchRef: RefObject<HTMLInputElement | null>, enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      const ui = useUiStore.getState();
      if (e.key === 'Escape') {
        if (ui.closeTop()) return e.preventDefault();
        const search = useSearchStore.getState();
        if (search.query) return search.clear();
        if (isTextTarget(e.target)) (e.target as HTMLElement).blur();
        return;
      }
      if (isTextTarget(e.target)) return;
      const panel = useCustomerStore.getState().panel;
      if (e.key === '?') {
        e.preventDefault();
        ui.toggleHelp();
      } else if (e.key === '/') {
        e.preventDefault();
        searchRef.current?.focus();
      } else if ((e.key === 't' || e.key === 'T') && panel?.own && ui.view === 'customer') {
        e.preventDefault();
        ui.openQuickAdd('enterprise');
      } else if ((e.key === 'p' || e.key === 'P') && panel?.personalEnabled.enabled && ui.view === 'customer') {
        e.preventDefault();
        ui.openQuickAdd('personal');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [searchRef, enabled]);
}
