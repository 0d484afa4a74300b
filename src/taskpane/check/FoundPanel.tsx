// What the add-in found on the sheet: where, which header row and layout, how many learners on which qualifications,
// and every reading warning with a link that selects its cell.
import { Body1, Caption1, Card, CardHeader, Link, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { memo, useMemo } from 'react';
import type { SheetInspection } from '../../excel';
import { counted, figure, readingProblemWords } from '../status-words';
import { VirtualList } from '../VirtualList';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
  warnings: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column' },
  message: { overflowWrap: 'anywhere' },
  plain: { margin: 0, padding: 0, listStyleType: 'none' },
});

export function qualificationCounts(inspection: SheetInspection): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const learner of inspection.reading.learners) {
    const label = learner.qualification
      ? `${learner.qualification.id} ${learner.qualification.title}`
      : `${learner.qualificationText ?? 'none given'} (not recognised)`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
}

// Memo: the Check tab renders again on every progress step of a check, and this panel depends on the reading only.
export const FoundPanel = memo(function FoundPanel({
  inspection,
  notCohort,
  onGoTo,
}: {
  inspection: SheetInspection;
  /** Why the sheet is not a cohort (reading-words.ts), said instead of the facts of a reading that found none. */
  notCohort: string | null;
  onGoTo: (sheet: string, cell: string) => void;
}) {
  const styles = useStyles();
  const qualifications = useMemo(() => qualificationCounts(inspection), [inspection]);
  const { read, reading } = inspection;
  const found = reading.headerRow > 0;
  // The reading's "no header row" warning is what `notCohort` says, in the pane's words.
  const warnings = notCohort ? reading.warnings.filter((w) => w.code !== 'no-header') : reading.warnings;
  if (notCohort)
    return (
      <Card data-testid="found-panel">
        <CardHeader header={<Subtitle2 as="h2">Nothing to check on sheet “{read.sheetName}”</Subtitle2>} />
        <Body1 data-testid="not-a-cohort">{notCohort}</Body1>
      </Card>
    );
  return (
    <Card data-testid="found-panel">
      <CardHeader
        header={<Subtitle2 as="h2">Found on sheet “{read.sheetName}”</Subtitle2>}
        description={<Caption1>Read: {read.source}</Caption1>}
      />
      <dl className={styles.facts}>
        <dt className={styles.term}>Header row</dt>
        <dd className={styles.detail}>{found ? `row ${reading.headerRow}` : 'not found'}</dd>
        <dt className={styles.term}>Layout</dt>
        <dd className={styles.detail}>
          {found
            ? reading.layout === 'matrix'
              ? `one column per unit (${reading.unitColumns.length} unit columns)`
              : 'units listed in a cell'
            : '—'}
        </dd>
        <dt className={styles.term}>Learners</dt>
        <dd className={styles.detail} data-testid="learner-count">
          {figure(reading.learners.length)}
          {reading.hiddenRows > 0 ? ` (${figure(reading.hiddenRows)} in hidden rows)` : ''}
        </dd>
        <dt className={styles.term}>Qualifications</dt>
        <dd className={styles.detail}>
          {/* A list, so a screen reader (and a copy) keeps each qualification's count apart from the next. */}
          <ul className={styles.plain}>
            {qualifications.map((q) => (
              <li key={q.label}>
                {q.label}: {figure(q.count)}
              </li>
            ))}
          </ul>
          {reading.learners.length === 0 && '—'}
        </dd>
      </dl>
      {warnings.length > 0 && (
        <>
          <Body1 id="found-warnings-count">{counted(warnings.length, 'thing')} to look at:</Body1>
          <VirtualList
            count={warnings.length}
            label={`Things to look at (${figure(warnings.length)})`}
            maxHeight={220}
            estimate={40}
            className={styles.warnings}
            testId="warnings"
            keyOf={(i) => `${warnings[i].cell}-${i}`}
            render={(i) => (
              <>
                <Link
                  as="button"
                  onClick={() => onGoTo(read.sheetName, warnings[i].cell)}
                  title={`Select ${warnings[i].cell}`}
                >
                  {warnings[i].cell}
                </Link>{' '}
                <Caption1 className={styles.message}>{readingProblemWords(warnings[i])}</Caption1>
              </>
            )}
          />
        </>
      )}
    </Card>
  );
});
