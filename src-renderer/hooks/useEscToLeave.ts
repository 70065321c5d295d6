// Esc leaves an editor for its list — not from inside a field (the first Esc leaves the field),
// not mid-IME, not while the shortcuts overlay is open — so a stray key keeps the draft.
import { useEffect, useEffectEvent } from 'react';
import { useUiStore } from '../state/ui-store';

export function useEscToLeave(active: boolean, leave: () => void): void {
  const onLeave = useEffectEvent(leave);
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName);
      if (e.key === 'Escape' && !e.isComposing && !inField && !useUiStore.getState().help) onLeave();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
