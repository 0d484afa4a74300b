// The pane's one live region. Every tab says what an action came to through it, and Fluent's own components (a
// MessageBar that appears) announce through it too, as its announcer provider: a screen reader hears the summary after
// Check, the error when one stops it, the message after Apply, from whichever tab the action was on.
import { AnnounceProvider, makeStyles, useAnnounce } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0px, 0px, 0px, 0px)',
    whiteSpace: 'nowrap',
  },
});

export function PaneAnnouncer({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [message, setMessage] = useState('');
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Messages of one update (a summary and the notice beside it) are said together, in the order they came.
  const announce = useCallback((text: string) => {
    const said = text.trim();
    if (said === '') return;
    pending.current.push(said);
    if (timer.current !== null) return;
    setMessage('');
    timer.current = setTimeout(() => {
      timer.current = null;
      setMessage(pending.current.join(' '));
      pending.current = [];
    }, 50);
  }, []);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  const value = useMemo(() => ({ announce }), [announce]);
  return (
    <AnnounceProvider value={value}>
      {children}
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="announcer">
        {message}
      </div>
    </AnnounceProvider>
  );
}

/** Results already focused once: a panel shown again (another learner and back) does not take the focus again. */
const focused = new WeakSet<object>();

/**
 * After an action: focus moves to what shows its result (a summary's heading, an error) and the live region says it,
 * each time `result` becomes a new value. The element needs `tabIndex={-1}`; `say` is the text to announce when it
 * is not the element's own.
 */
export function useResultFocus<T extends HTMLElement>(result: unknown, say?: string): RefObject<T> {
  const ref = useRef<T>(null);
  const { announce } = useAnnounce();
  const words = useRef(say);
  words.current = say;
  useEffect(() => {
    const element = ref.current;
    if (result === null || result === undefined || !element) return;
    if (typeof result === 'object') {
      if (focused.has(result)) return;
      focused.add(result);
    }
    element.focus();
    announce(words.current ?? element.textContent ?? '');
  }, [result, announce]);
  return ref;
}
