// What the add-in found on the sheet: where, which header row and layout, how many learners on which qualifications,
// and every reading warning with a link that selects its cell.
import { Body1, Caption1, Card, CardHeader, Link, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import type { SheetInspection } from '../../excel/check-sheet';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
  warnings: { margin: 0, paddingLeft: tokens.spacingHorizontalL, maxHeight: '220px', overflowY: 'auto' },
  warning: { marginBottom: tokens.spacingVerticalXS },
});

const SHOWN_WARNINGS = 100;

export function qualificationCounts(inspection: SheetInspection): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const learner of inspection.reading.learners) {
    const label = learner.qualification ? `${learner.qualification.id} ${learner.qualification.title}` : `${learner.qualificationText ?? 'none given'} (not recognised)`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count);
}

export function FoundPanel({ inspection, onGoTo }: { inspection: SheetInspection; onGoTo: (sheet: string, cell: string) => void }) {
  const styles = useStyles();
  const { read, reading } = inspection;
  const found = reading.headerRow > 0;
  const warnings = reading.warnings;
  return (
    <Card data-testid="found-panel">
      <CardHeader header={<Subtitle2>Found on sheet “{read.sheetName}”</Subtitle2>} description={<Caption1>Read: {read.source}</Caption1>} />
      <dl className={styles.facts}>
        <dt className={styles.term}>Header row</dt>
        <dd className={styles.detail}>{found ? `row ${reading.headerRow}` : 'not found'}</dd>
        <dt className={styles.term}>Layout</dt>
        <dd className={styles.detail}>
          {found ? (reading.layout === 'matrix' ? `one column per unit (${reading.unitColumns.length} unit columns)` : 'units listed in a cell') : '—'}
        </dd>
        <dt className={styles.term}>Learners</dt>
        <dd className={styles.detail} data-testid="learner-count">
          {reading.learners.length}
          {reading.hiddenRows > 0 ? ` (${reading.hiddenRows} in hidden rows)` : ''}
        </dd>
        <dt className={styles.term}>Qualifications</dt>
        <dd className={styles.detail}>
          {qualificationCounts(inspection).map((q) => (
            <div key={q.label}>
              {q.label}: {q.count}
            </div>
          ))}
          {reading.learners.length === 0 && '—'}
        </dd>
      </dl>
      {warnings.length > 0 && (
        <>
          <Body1>
            {warnings.length} {warnings.length === 1 ? 'thing' : 'things'} to look at:
          </Body1>
          <ul className={styles.warnings} data-testid="warnings">
            {warnings.slice(0, SHOWN_WARNINGS).map((w, i) => (
              <li key={`${w.cell}-${i}`} className={styles.warning}>
                <Link as="button" onClick={() => onGoTo(read.sheetName, w.cell)} title={`Select ${w.cell}`}>
                  {w.cell}
                </Link>{' '}
                <Caption1>{w.message}</Caption1>
              </li>
            ))}
          </ul>
          {warnings.length > SHOWN_WARNINGS && <Caption1>…and {warnings.length - SHOWN_WARNINGS} more.</Caption1>}
        </>
      )}
    </Card>
  );
}
