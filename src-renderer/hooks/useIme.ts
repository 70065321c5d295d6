// Tracks IME composition on a text field, so searches and lint checks wait for the
// characters the member means instead of the pinyin letters in between.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';

export interface ImeHandlers {
  onCompositionStart: () => void;
  onCompositionEnd: (e: React.CompositionEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
}

export function useIme(onCommit?: (value: string) => void): { composing: boolean; isComposing: () => boolean; handlers: ImeHandlers } {
  const [composing, setComposing] = useState(false);
  const ref = useRef(false);
  const commit = useRef(onCommit);
  useLayoutEffect(() => {
    commit.current = onCommit;
  });
  const handlers = useMemo<ImeHandlers>(
    () => ({
      onCompositionStart: () => {
        ref.current = true;
        setComposing(true);
      },
      onCompositionEnd: (e) => {
        ref.current = false;
        setComposing(false);
        commit.current?.(e.currentTarget.value);
      },
    }),
    [],
  );
  return { composing, isComposing: () => ref.current, handlers };
}
