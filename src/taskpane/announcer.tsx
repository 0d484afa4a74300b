// The pane's one live region. Every action says what it came to through it, once, in words made for it: a title and its
// body as two sentences, never the run-together text of a MessageBar (whose title and body have no space between them
// in the page). Fluent's MessageBar announces its own text through the announcer provider; the pane silences that and
// says each outcome itself, so nothing is said twice and nothing is said that the pane did not word.
import { AnnounceProvider, makeStyles } from '@fluentui/react-components';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';

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

/** How long a step of a running job must last before it is said: a quick check says only its result. */
export const PROGRESS_DELAY_MS = 1000;

export interface PaneAnnounce {
  /** Says an outcome; a step of progress still waiting to be said is dropped, as the outcome overtakes it. */
  say: (text: string) => void;
  /** Says a step of a running job if it is still the latest thing to say after PROGRESS_DELAY_MS. */
  progress: (text: string) => void;
}

const AnnounceContext = createContext<PaneAnnounce>({ say: () => undefined, progress: () => undefined });

export function usePaneAnnounce(): PaneAnnounce {
  return useContext(AnnounceContext);
}

/** A title and its body as sentences a screen reader reads apart: "Nothing was applied. Sheet … is protected." */
export function sentences(...parts: (string | null | undefined)[]): string {
  return parts
    .map((p) => (p ?? '').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .map((p) => (/[.!?…:]$|[.!?]["”’)]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

const FLUENT_SILENCED = { announce: () => undefined };

export function PaneAnnouncer({ children }: { children: ReactNode }) {
  const styles = useStyles();
  const [message, setMessage] = useState('');
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const step = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Outcomes of one update (a summary and the notice beside it) are said together, in the order they came.
  const say = useCallback((text: string) => {
    const said = text.replace(/\s+/g, ' ').trim();
    if (said === '') return;
    if (step.current !== null) clearTimeout(step.current);
    step.current = null;
    pending.current.push(said);
    if (timer.current !== null) return;
    setMessage('');
    timer.current = setTimeout(() => {
      timer.current = null;
      setMessage(pending.current.join(' '));
      pending.current = [];
    }, 50);
  }, []);
  const progress = useCallback((text: string) => {
    if (step.current !== null) clearTimeout(step.current);
    step.current = setTimeout(() => {
      step.current = null;
      setMessage(text);
    }, PROGRESS_DELAY_MS);
  }, []);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      if (step.current !== null) clearTimeout(step.current);
    },
    [],
  );
  const value = useMemo(() => ({ say, progress }), [say, progress]);
  return (
    <AnnounceProvider value={FLUENT_SILENCED}>
      <AnnounceContext.Provider value={value}>
        {children}
        <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="announcer">
          {message}
        </div>
      </AnnounceContext.Provider>
    </AnnounceProvider>
  );
}

/** Results already focused once: a panel shown again (another learner and back) does not take the focus again. */
const focused = new WeakSet<object>();

/**
 * After an action: focus moves to what shows its result (a summary's heading, a notice, an error) and the live region
 * says it, each time `result` becomes a new value. The element needs `tabIndex={-1}`; `say` gives the words (called
 * once the result is in the page), else the element's own text is said.
 */
export function useResultFocus<T extends HTMLElement>(
  result: unknown,
  say?: string | ((element: T) => string),
): RefObject<T> {
  const ref = useRef<T>(null);
  const announce = usePaneAnnounce();
  const words = useRef(say);
  words.current = say;
  useEffect(() => {
    if (result === null || result === undefined || result === false || !ref.current) return;
    if (typeof result === 'object' && focused.has(result)) return;
    // In a task after the render's: focusing lays the page out, which in the render's task made it a long one (a
    // learner's view of What-if after Apply).
    const later = setTimeout(() => {
      const element = ref.current;
      if (!element) return;
      if (typeof result === 'object') {
        if (focused.has(result)) return;
        focused.add(result);
      }
      element.focus();
      const given = words.current;
      announce.say(typeof given === 'function' ? given(element) : (given ?? element.textContent ?? ''));
    }, 0);
    return () => clearTimeout(later);
  }, [result, announce]);
  return ref;
}
