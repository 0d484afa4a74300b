// After a check: how many learners have each status, the most common problems, and where the results were written.
import { Body1, Caption1, Card, CardHeader, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { STATUS_STYLE, STATUSES } from '../../cohort/verdict';
import type { CheckOutcome } from '../../excel';
import type { Ref } from 'react';
import { counted, figure, STATUS_LABEL, STATUS_WORDS } from '../status-words';
import type { Status } from '../../rules/model';

/** The order in which a learner's status is decided (README, Statuses). */
const DECIDING_ORDER: readonly Status[] = ['invalid', 'achieved', 'incomplete', 'on-track', 'needs-data'];

const useStyles = makeStyles({
  statuses: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) max-content',
    rowGap: tokens.spacingVerticalXXS,
    columnGap: tokens.spacingHorizontalM,
  },
  chip: {
    display: 'inline-block',
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
  },
  count: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  heading: { margin: 0 },
  written: { overflowWrap: 'anywhere' },
});

/** The summary as the live region says it after a check: the count, then each status that some learner has. */
export function summaryWords(outcome: CheckOutcome): string {
  const { summary } = outcome;
  const statuses = STATUSES.filter((s) => summary.byStatus[s] > 0).map(
    (s) => `${figure(summary.byStatus[s])} ${STATUS_LABEL[s]}`,
  );
  return `Checked ${counted(summary.learners, 'learner')}: ${statuses.join(', ')}.`;
}

export function SummaryPanel({
  outcome,
  onGoTo,
  headingRef,
}: {
  outcome: CheckOutcome;
  onGoTo: (sheet: string, range: string) => void;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const styles = useStyles();
  const { summary, written } = outcome;
  return (
    <Card data-testid="summary">
      <CardHeader
        header={
          <Text
            as="h2"
            size={400}
            weight="semibold"
            className={styles.heading}
            tabIndex={-1}
            ref={headingRef}
            data-testid="summary-heading"
          >
            Checked {counted(summary.learners, 'learner')}
          </Text>
        }
      />
      <div className={styles.statuses}>
        {STATUSES.map((status) => (
          <div key={status} style={{ display: 'contents' }} data-testid={`status-${status}`}>
            <span>
              <span
                className={styles.chip}
                style={{ backgroundColor: STATUS_STYLE[status].fill, color: STATUS_STYLE[status].font }}
              >
                {STATUS_WORDS[status]}
              </span>
            </span>
            <span className={styles.count}>{figure(summary.byStatus[status])}</span>
          </div>
        ))}
      </div>
      {summary.topViolations.length > 0 && (
        <>
          <Body1>
            Most common problems, in learners. A learner may have several; their status is the first that applies (
            {DECIDING_ORDER.map((s) => STATUS_LABEL[s]).join(', ')}).
          </Body1>
          <ol className={styles.list} data-testid="top-violations">
            {summary.topViolations.map((v) => (
              <li key={v.code}>
                {v.message}: {counted(v.count, 'learner')}
              </li>
            ))}
          </ol>
        </>
      )}
      <Caption1 data-testid="written" className={styles.written}>
        Results written to{' '}
        <Link as="button" onClick={() => onGoTo(written.sheetName, written.range)}>
          {written.sheetName}!{written.range}
        </Link>
        {outcome.target === 'columns' ? ', in the columns headed “qualcheck: …”.' : '.'} A new check replaces them.
      </Caption1>
    </Card>
  );
}
