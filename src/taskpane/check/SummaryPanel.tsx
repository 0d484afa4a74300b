// After a check: how many learners have each status, the most common problems, and where the results were written.
import { Body1, Caption1, Card, CardHeader, Link, makeStyles, Subtitle2, tokens } from '@fluentui/react-components';
import { STATUS_STYLE, STATUSES } from '../../cohort/results';
import type { CheckOutcome } from '../../excel/check-sheet';
import { STATUS_WORDS } from '../status-words';

const useStyles = makeStyles({
  statuses: { display: 'grid', gridTemplateColumns: '1fr max-content', rowGap: tokens.spacingVerticalXXS, columnGap: tokens.spacingHorizontalM },
  chip: {
    display: 'inline-block',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
  },
  count: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});


export function SummaryPanel({ outcome, onGoTo }: { outcome: CheckOutcome; onGoTo: (sheet: string, range: string) => void }) {
  const styles = useStyles();
  const { summary, written } = outcome;
  return (
    <Card data-testid="summary">
      <CardHeader header={<Subtitle2>Checked {summary.learners.toLocaleString('en-GB')} learners</Subtitle2>} />
      <div className={styles.statuses}>
        {STATUSES.map((status) => (
          <div key={status} style={{ display: 'contents' }} data-testid={`status-${status}`}>
            <span>
              <span className={styles.chip} style={{ backgroundColor: STATUS_STYLE[status].fill, color: STATUS_STYLE[status].font }}>
                {STATUS_WORDS[status]}
              </span>
            </span>
            <span className={styles.count}>{summary.byStatus[status].toLocaleString('en-GB')}</span>
          </div>
        ))}
      </div>
      {summary.topViolations.length > 0 && (
        <>
          <Body1>Most common problems:</Body1>
          <ol className={styles.list} data-testid="top-violations">
            {summary.topViolations.map((v) => (
              <li key={v.code}>
                {v.message}: {v.count.toLocaleString('en-GB')} {v.count === 1 ? 'learner' : 'learners'}
              </li>
            ))}
          </ol>
        </>
      )}
      <Caption1 data-testid="written">
        Results written to{' '}
        <Link as="button" onClick={() => onGoTo(written.sheetName, written.range)}>
          {written.sheetName}!{written.range}
        </Link>
        {outcome.target === 'columns' ? ', in the columns headed “qualcheck: …”.' : '.'} A new check replaces them.
      </Caption1>
    </Card>
  );
}
