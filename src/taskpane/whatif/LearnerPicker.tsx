// Choosing the learner: the row selected in Excel, or a searchable list of the cohort's learners.
import { Button, Caption1, Combobox, Field, makeStyles, Option, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { LearnerRecord } from '../../cohort/types';
import type { Following } from './useWhatIfSheet';
import { figure } from '../status-words';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // Fluent's combobox is at least 250 px wide; a pane at 200 % zoom is narrower.
  picker: { minWidth: 0, maxWidth: '100%', width: '100%', boxSizing: 'border-box' },
  pickerInput: { minWidth: 0, width: '100%' },
});

/** Options shown at once: a large cohort is narrowed by typing, not scrolled. */
const SHOWN = 50;

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
        >
          {found.slice(0, SHOWN).map((learner) => (
            <Option key={learner.row} value={String(learner.row)}>
              {learnerLabel(learner)}
            </Option>
          ))}
          {found.length === 0 && (
            <Option disabled value="" text="">
              No learner matches “{typed}”
            </Option>
          )}
        </Combobox>
      </Field>
      <div className={styles.row}>
        {found.length > SHOWN && (
          <Caption1>{figure(found.length - SHOWN)} more: type more of the name to narrow the list.</Caption1>
        )}
        {following !== 'on' && (
          <Button size="small" onClick={onUseSelection} data-testid="whatif-use-selection">
            Use the selected row
          </Button>
        )}
      </div>
    </div>
  );
}
