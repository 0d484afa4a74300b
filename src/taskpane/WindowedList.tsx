// A long list (VirtualList.tsx) windowed: only the entries in view are in the page, each measured as it renders.
import { useVirtualizer } from '@tanstack/react-virtual';
import { mergeClasses } from '@fluentui/react-components';
import { useCallback, useRef } from 'react';
import { figure } from './status-words';
import { ScrollCue, useListStyles, useScrollCue, type VirtualListProps } from './list-frame';

export function WindowedList({
  count,
  keyOf,
  render,
  itemProps,
  label,
  maxHeight,
  estimate,
  testId,
}: VirtualListProps) {
  const styles = useListStyles();
  const scroller = useRef<HTMLDivElement | null>(null);
  const cue = useScrollCue();
  const cueRef = cue.ref;
  const setScroller = useCallback(
    (element: HTMLDivElement | null) => {
      scroller.current = element;
      cueRef(element);
    },
    [cueRef],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimate,
    getItemKey: keyOf,
    overscan: 6,
  });
  return (
    <>
      <div
        ref={setScroller}
        className={mergeClasses(styles.scroller, styles.framed, !cue.atEnd && styles.more)}
        style={{ height: maxHeight }}
        tabIndex={0}
        role="region"
        aria-label={`${label}: ${figure(count)}, scroll to see more`}
      >
        <ul className={styles.list} style={{ height: virtualizer.getTotalSize() }} data-testid={testId}>
          {virtualizer.getVirtualItems().map((item) => (
            <li
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className={`${styles.item} ${styles.gap}`}
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={count}
              aria-posinset={item.index + 1}
              {...itemProps?.(item.index)}
            >
              {render(item.index)}
            </li>
          ))}
        </ul>
      </div>
      <ScrollCue count={count} {...cue} />
    </>
  );
}
