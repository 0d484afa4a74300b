// Learners with their registration reasons: each reason shows what it is about and its message, and selects its cell
// when clicked. A reason the whole cohort shares is said once above the list, and only named on each learner.
import {
  Badge,
  Caption1,
  Card,
  CardHeader,
  Link,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { RegistrationProblem, RegistrationResult } from '../../registration';
import { sentences } from '../announcer';
import { usePanelStyles } from '../panel-styles';
import { reasonLabel } from '../status-words';
import { VirtualList } from '../VirtualList';

const useStyles = makeStyles({
  reasons: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  reason: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'baseline', flexWrap: 'wrap', minWidth: 0 },
  // A reason's label ("unit not in qualification") wraps inside its chip in a narrow pane instead of running past it.
  code: {
    flexShrink: 1,
    minWidth: 0,
    maxWidth: '100%',
    height: 'auto',
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
  },
  // A long double-barrelled name breaks at the pane's edge rather than being cut by the list's box.
  name: { overflowWrap: 'anywhere' },
  message: { minWidth: 0, overflowWrap: 'anywhere', textAlign: 'left' },
});

function learnerName(result: RegistrationResult): string {
  const name = [result.learner.firstName, result.learner.lastName].filter((n) => n !== undefined).join(' ');
  return name === '' ? result.learnerId : `${result.learnerId} ${name}`;
}

function Reason({
  problem,
  shared,
  onGoTo,
}: {
  problem: RegistrationProblem;
  shared: boolean;
  onGoTo: (cell: string) => void;
}) {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { cell } = problem;
  const label = reasonLabel(problem.code);
  return (
    <li className={styles.reason} data-testid="reason" data-code={problem.code}>
      <Badge
        className={styles.code}
        size="small"
        appearance="tint"
        color={problem.severity === 'error' ? 'danger' : 'warning'}
      >
        {label}
      </Badge>
      {/* Said between the chip and its message, so "date" and "Date of birth …" are not heard as one phrase. */}
      <span className={panel.spokenOnly}> — </span>
      {shared ? (
        <Caption1>(said once above the list)</Caption1>
      ) : cell ? (
        <Link as="button" className={styles.message} onClick={() => onGoTo(cell)} title={`Select ${cell}`}>
          {sentences(problem.message)}
        </Link>
      ) : (
        <Caption1 className={styles.message}>{sentences(problem.message)}</Caption1>
      )}
    </li>
  );
}

export function LearnerList({
  title,
  results,
  isShared,
  onGoTo,
  testId,
  empty,
}: {
  title: string;
  results: readonly RegistrationResult[];
  isShared: (problem: RegistrationProblem) => boolean;
  onGoTo: (cell: string) => void;
  testId: string;
  empty: string;
}) {
  const styles = useStyles();
  return (
    <Card data-testid={testId}>
      <CardHeader header={<Subtitle2 as="h3">{title}</Subtitle2>} />
      {results.length === 0 ? (
        <Caption1>{empty}</Caption1>
      ) : (
        <VirtualList
          count={results.length}
          label={title}
          maxHeight={420}
          estimate={64}
          keyOf={(i) => results[i].row}
          itemProps={(i) => ({ 'data-testid': 'learner', 'data-learner': results[i].learnerId })}
          render={(i) => {
            const result = results[i];
            return (
              <>
                <Text weight="semibold" className={styles.name}>
                  {learnerName(result)}
                </Text>{' '}
                <Caption1>row {result.row}</Caption1>
                {result.problems.length > 0 && (
                  <ul className={styles.reasons}>
                    {result.problems.map((problem, k) => (
                      <Reason
                        key={`${problem.code}-${k}`}
                        problem={problem}
                        shared={isShared(problem)}
                        onGoTo={onGoTo}
                      />
                    ))}
                  </ul>
                )}
              </>
            );
          }}
        />
      )}
    </Card>
  );
}
