// Choosing the learner: the row selected in Excel, or a searchable list of every learner of the cohort. Past
// PLAIN_LIMIT learners the list is windowed as VirtualList's are (@tanstack/react-virtual): only the options in view
// are in the page, the one the arrow keys reached and the one chosen always among them, so aria-activedescendant never
// points at an option that is not there.
import { Button, Combobox, Field, makeStyles, Option, tokens } from '@fluentui/react-components';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useMemo, useState } from 'react';
import type { LearnerRecord } from '../../sheet';
import type { Following } from './useWhatIfSheet';
import { PLAIN_LIMIT } from '../VirtualList';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Fluent's combobox is at least 250 px wide; a pane at 200 % zoom is narrower.
  picker: { minWidth: 0, maxWidth: '100%', width: '100%', boxSizing: 'border-box' },
  pickerInput: { minWidth: 0, width: '100%' },
  // The listbox is a flex column that scrolls; the window keeps the whole list's height inside it.
  window: { position: 'relative', flexShrink: 0, width: '100%' },
  windowed: { position: 'absolute', top: 0, left: 0, width: '100%', boxSizing: 'border-box' },
});

/** An option's height before it is measured, in px. */
const OPTION_HEIGHT = 32;

export function learnerLabel(record: LearnerRecord): string {
  const name = record.fullName ? ` ${record.fullName}` : '';
  return `${record.learnerId}${name} (row ${record.row})`;
}

function matches(record: LearnerRecord, query: string): boolean {
  if (query === '') return true;
  return learnerLabel(record).toLowerCase().includes(query);
}

export function LearnerPicker({
  learners,
  selected,
  following,
  onPick,
  onUseSelection,
}: {
  learners: readonly LearnerRecord[];
  selected: LearnerRecord | null;
  following: Following;
  onPick: (row: number) => void;
  onUseSelection: () => void;
}) {
  const styles = useStyles();
  const selectedLabel = selected ? learnerLabel(selected) : '';
  const [typed, setTyped] = useState<string | null>(null);
  const query = (typed ?? '').trim().toLowerCase();
  const found = useMemo(() => learners.filter((l) => matches(l, query)), [learners, query]);
  const windowed = found.length > PLAIN_LIMIT;
  const [listbox, setListbox] = useState<HTMLDivElement | null>(null);
  const [activeRow, setActiveRow] = useState<string | undefined>(undefined);
  // Compared as numbers: formatting every learner's row number on each render was a long task at 20,000 learners.
  const keep = useMemo(() => {
    const rows = [Number(activeRow), selected?.row];
    const indexes: number[] = [];
    for (let i = 0; i < found.length; i++) if (rows.includes(found[i].row)) indexes.push(i);
    return indexes;
  }, [found, activeRow, selected]);
  const rangeExtractor = useCallback(
    (range: Range) => [...new Set([...defaultRangeExtractor(range), ...keep])].sort((a, b) => a - b),
    [keep],
  );
  const virtualizer = useVirtualizer({
    count: windowed ? found.length : 0,
    getScrollElement: () => listbox,
    estimateSize: () => OPTION_HEIGHT,
    getItemKey: (i) => found[i].row,
    overscan: 8,
    rangeExtractor,
  });
  const option = (learner: LearnerRecord, index: number, place?: { start: number }) => (
    <Option
      key={learner.row}
      value={String(learner.row)}
      aria-setsize={found.length}
      aria-posinset={index + 1}
      {...(place && {
        'data-index': index,
        ref: virtualizer.measureElement,
        className: styles.windowed,
        style: { transform: `translateY(${place.start}px)` },
      })}
    >
      {learnerLabel(learner)}
    </Option>
  );
  const hint =
    following === 'on'
      ? 'Select a learner’s row in Excel, or type a name or id here.'
      : 'Type a name or id, or select a learner’s row in Excel and press “Use the selected row”.';

  return (
    <div className={styles.column}>
      <Field label="Learner" hint={hint}>
        <Combobox
          data-testid="whatif-learner"
          className={styles.picker}
          input={{ className: styles.pickerInput }}
          placeholder="Type a name or learner id"
          value={typed ?? selectedLabel}
          selectedOptions={selected ? [String(selected.row)] : []}
          onChange={(event) => {
            // Typing into the box that shows the followed learner starts a new search, not one after their name.
            const value = event.target.value;
            setTyped(
              typed === null && selectedLabel !== '' && value.startsWith(selectedLabel)
                ? value.slice(selectedLabel.length)
                : value,
            );
          }}
          onOptionSelect={(_, data) => {
            // Typing past the chosen learner's name clears the selection (no option value): keep what was typed.
            if (!data.optionValue) return;
            setTyped(null);
            onPick(Number(data.optionValue));
          }}
          onBlur={() => setTyped(null)}
          onActiveOptionChange={(_, data) => {
            setActiveRow(data.nextOption?.value);
            // The arrow keys reach the last option in the page: bring it into view, so the next ones are rendered.
            const index = found.findIndex((l) => String(l.row) === data.nextOption?.value);
            if (windowed && index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
          }}
          listbox={{ ref: setListbox }}
          // In the page rather than in a layer at the body's end: the open list stays inside the pane's main landmark.
          inlinePopup
        >
          {windowed ? (
            <div className={styles.window} style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => option(found[item.index], item.index, item))}
            </div>
          ) : (
            found.map((learner, index) => option(learner, index))
          )}
          {found.length === 0 && (
            <Option disabled value="" text="">
              No learner matches “{typed}”
            </Option>
          )}
        </Combobox>
      </Field>
      <div className={styles.row}>
        {following !== 'on' && (
          <Button size="small" onClick={onUseSelection} data-testid="whatif-use-selection">
            Use the selected row
          </Button>
        )}
      </div>
    </div>
  );
}
