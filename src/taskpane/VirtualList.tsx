// A list that may hold tens of thousands of entries (held-back learners, reading warnings): past a few hundred, only
// the entries in view are in the page, so showing it costs the same at 20,000 learners as at 50, and a keyboard user
// Tabs through what is in view, not through every link of the list. Entries may wrap to any height: each is measured.
import { makeStyles, tokens } from '@fluentui/react-components';
import { lazy, Suspense, type ReactNode } from 'react';

// The windowed list and its virtualiser come in a chunk of their own, the first time a list is that long.
const Windowed = lazy(() =>
  import(/* webpackChunkName: "windowed-list" */ './WindowedList.js').then((m) => ({ default: m.WindowedList })),
);

/** Up to this many entries a list is plain (all in the page, found by the browser's find); beyond it, windowed. */
export const PLAIN_LIMIT = 200;

export const useListStyles = makeStyles({
  scroller: { overflowY: 'auto', overflowX: 'hidden', maxWidth: '100%' },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', position: 'relative', width: '100%' },
  plain: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column' },
  item: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box' },
  gap: { paddingBottom: tokens.spacingVerticalS },
});

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

export function VirtualList(props: VirtualListProps) {
  if (props.count <= PLAIN_LIMIT) return <Plain {...props} />;
  return (
    <Suspense fallback={<div style={{ height: props.maxHeight }} />}>
      <Windowed {...props} />
    </Suspense>
  );
}

function Plain({ count, keyOf, render, itemProps, label, maxHeight, testId, className }: VirtualListProps) {
  const styles = useListStyles();
  return (
    // A region that scrolls is a tab stop, so a keyboard user can scroll it with the arrow keys.
    <div className={styles.scroller} style={{ maxHeight }} tabIndex={0} role="region" aria-label={label}>
      <ul className={className ?? styles.plain} data-testid={testId}>
        {Array.from({ length: count }, (_, index) => (
          <li key={keyOf(index)} className={styles.gap} {...itemProps?.(index)}>
            {render(index)}
          </li>
        ))}
      </ul>
    </div>
  );
}
