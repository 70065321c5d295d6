// A text field whose content survives a crash or reload: kept in Dexie under a key naming the
// member, the customer and the field, and cleared once it has been saved.
import { useCallback, useEffect, useState } from 'react';
import { readDraft, writeDraft } from '../cache/db';

export function useDraft(key: string | null, initial = ''): [string, (text: string) => void, () => void] {
  const [state, setState] = useState<{ key: string | null; text: string }>({ key, text: initial });
  // A different customer or field: start from its own draft, not the previous one's text.
  if (state.key !== key) setState({ key, text: initial });

  useEffect(() => {
    if (!key) return;
    let live = true;
    void readDraft(key).then((saved) => {
      if (live && saved !== undefined) setState((s) => (s.key === key && s.text === initial ? { key, text: saved } : s));
    });
    return () => {
      live = false;
    };
  }, [key, initial]);

  const set = useCallback(
    (text: string) => {
      setState({ key, text });
      if (key) void writeDraft(key, text === initial ? '' : text);
    },
    [key, initial],
  );
  const clear = useCallback(() => {
    setState({ key, text: initial });
    if (key) void writeDraft(key, '');
  }, [key, initial]);
  return [state.key === key ? state.text : initial, set, clear];
}
