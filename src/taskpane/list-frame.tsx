// What a long list of the pane is framed with, plain or windowed: its styles, the cue under a list that scrolls (its
// length, and whether more is below), and the props both kinds of list take. Its own module so that the plain list
// (VirtualList.tsx) and the windowed one (WindowedList.tsx, loaded on demand) share it without importing each other.
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { figure } from './status-words';

export const useListStyles = makeStyles({
  // Positioned, so text kept for screen readers (absolutely placed) stays inside the box that scrolls it.
  scroller: { overflowY: 'auto', overflowX: 'hidden', maxWidth: '100%', position: 'relative' },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', position: 'relative', width: '100%' },
  plain: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column' },
  item: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box' },
  gap: { paddingBottom: tokens.spacingVerticalS },
  // Below a list that scrolls, a shadow on its lower edge while more is below, and the cue under it.
  more: { boxShadow: `inset 0 -12px 10px -10px ${tokens.colorNeutralShadowAmbient}` },
  framed: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalXS,
  },
  cue: { color: tokens.colorNeutralForeground3 },
});

/**
 * Whether a list's box scrolls and whether its end is in view, so the pane can say that it scrolls and how long it is:
 * a list cut at its box's edge otherwise looks complete.
 */
export function useScrollCue(): {
  ref: (element: HTMLElement | null) => void;
  scrolls: boolean;
  atEnd: boolean;
} {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [state, setState] = useState({ scrolls: false, atEnd: true });
  const measure = useCallback((box: HTMLElement) => {
    const scrolls = box.scrollHeight > box.clientHeight + 1;
    const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 2;
    setState((current) => (current.scrolls === scrolls && current.atEnd === atEnd ? current : { scrolls, atEnd }));
  }, []);
  useEffect(() => {
    if (!element) return;
    measure(element);
    const onScroll = () => measure(element);
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(() => measure(element));
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => {
      element.removeEventListener('scroll', onScroll);
      observer.disconnect();
    };
  }, [element, measure]);
  return { ref: setElement, ...state };
}

/** The line under a list that scrolls: its length, and whether more is below. */
export function ScrollCue({ count, scrolls, atEnd }: { count: number; scrolls: boolean; atEnd: boolean }) {
  const styles = useListStyles();
  if (!scrolls) return null;
  return (
    <Caption1 className={styles.cue} data-testid="scroll-cue">
      {atEnd ? `End of the list: ${figure(count)} in all.` : `${figure(count)} in all: scroll the list for more.`}
    </Caption1>
  );
}

export interface VirtualListProps {
  count: number;
  /** Stable key of entry `index`. */
  keyOf: (index: number) => string | number;
  /** The entry's content, inside its `<li>`. */
  render: (index: number) => ReactNode;
  /** Attributes of entry `index`'s `<li>` (test ids and the like). */
  itemProps?: (index: number) => Record<string, string>;
  /** What the list is, for a screen reader ("Held back learners"). */
  label: string;
  /** Height the list may take before it scrolls, in px. */
  maxHeight: number;
  /** A guess at an entry's height, in px, before it is measured. */
  estimate: number;
  testId?: string;
  className?: string;
}
