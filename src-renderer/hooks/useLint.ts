// Live compliance check of a text as the member types: after IME composition ends, debounced,
// the latest answer wins. Typing is never blocked; only saving looks at the verdict.
import { useEffect, useState } from 'react';
import type { LintView } from '../../src-shared/ipc/index';
import { getApi } from '../api/client';

export type LintField = 'tagName' | 'personalTag' | 'remark' | 'description';

const DEBOUNCE_MS = 120;

/** The lint of `text`, or null while it is empty; `forText` tells which text it belongs to. */
export function useLint(text: string, field: LintField, composing: boolean): { lint: LintView | null; forText: string | null } {
  const [result, setResult] = useState<{ lint: LintView | null; forText: string | null }>({ lint: null, forText: null });

  useEffect(() => {
    if (composing) return;
    if (text.trim() === '') {
      const clear = setTimeout(() => setResult({ lint: null, forText: text }), 0);
      return () => clearTimeout(clear);
    }
    let live = true;
    const timer = setTimeout(() => {
      void getApi()
        .call['lint.check']({ text, field })
        .then((r) => {
          if (live && r.ok) setResult({ lint: r.value, forText: text });
        });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, field, composing]);

  return result;
}
