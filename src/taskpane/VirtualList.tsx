// A list that may hold tens of thousands of entries (held-back learners, reading warnings): past a few hundred, only
// the entries in view are in the page, so showing it costs the same at 20,000 learners as at 50, and a keyboard user
// Tabs through what is in view, not through every link of the list. Entries may wrap to any height: each is measured.
import { mergeClasses } from '@fluentui/react-components';
import { lazy, Suspense } from 'react';
import { ScrollCue, useListStyles, useScrollCue, type VirtualListProps } from './list-frame';
import { figure } from './status-words';

// The windowed list and its virtualiser come in a chunk of their own, the first time a list is that long.
const Windowed = lazy(() =>
  import(/* webpackChunkName: "windowed-list" */ './WindowedList.js').then((m) => ({ default: m.WindowedList })),
);

/** Up to this many entries a list is plain (all in the page, found by the browser's find); beyond it, windowed. */
export const PLAIN_LIMIT = 200;

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
  const cue = useScrollCue();
  return (
    <>
      {/* A region that scrolls is a tab stop, so a keyboard user can scroll it with the arrow keys. */}
      <div
        ref={cue.ref}
        className={mergeClasses(styles.scroller, cue.scrolls && styles.framed, !cue.atEnd && styles.more)}
        style={{ maxHeight }}
        tabIndex={cue.scrolls ? 0 : undefined}
        role="region"
        aria-label={cue.scrolls ? `${label}, ${figure(count)} in all, scrolls` : label}
      >
        <ul className={className ?? styles.plain} data-testid={testId}>
          {Array.from({ length: count }, (_, index) => (
            <li key={keyOf(index)} className={styles.gap} {...itemProps?.(index)}>
              {render(index)}
            </li>
          ))}
        </ul>
      </div>
      <ScrollCue count={count} {...cue} />
    </>
  );
}
