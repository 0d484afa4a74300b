// Learners with their registration reasons: each reason shows its code and message, and selects its cell when clicked.
import { Badge, Caption1, Card, CardHeader, Link, makeStyles, Subtitle2, Text, tokens } from '@fluentui/react-components';
import type { RegistrationProblem, RegistrationResult } from '../../registration/check';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxHeight: '420px', overflowY: 'auto' },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  reason: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'baseline' },
  code: { flexShrink: 0 },
});

function learnerName(result: RegistrationResult): string {
  const name = [result.learner.firstName, result.learner.lastName].filter((n) => n !== undefined).join(' ');
  return name === '' ? result.learnerId : `${result.learnerId} ${name}`;
}

function Reason({ problem, onGoTo }: { problem: RegistrationProblem; onGoTo: (cell: string) => void }) {
  const styles = useStyles();
  const { cell } = problem;
  return (
    <li className={styles.reason} data-testid="reason" data-code={problem.code}>
      <Badge className={styles.code} size="small" appearance="tint" color={problem.severity === 'error' ? 'danger' : 'warning'}>
        {problem.code}
      </Badge>
      {cell ? (
        <Link as="button" onClick={() => onGoTo(cell)} title={`Select ${cell}`}>
          {problem.message}
        </Link>
      ) : (
        <Caption1>{problem.message}</Caption1>
      )}
    </li>
  );
}

export function LearnerList({
  title,
  results,
  onGoTo,
  testId,
  empty,
}: {
  title: string;
  results: readonly RegistrationResult[];
  onGoTo: (cell: string) => void;
  testId: string;
  empty: string;
}) {
  const styles = useStyles();
  return (
    <Card data-testid={testId}>
      <CardHeader header={<Subtitle2>{title}</Subtitle2>} />
      {results.length === 0 ? (
        <Caption1>{empty}</Caption1>
      ) : (
        <ul className={styles.list}>
          {results.map((result) => (
            <li key={result.row} data-testid="learner" data-learner={result.learnerId}>
              <Text weight="semibold">{learnerName(result)}</Text> <Caption1>row {result.row}</Caption1>
              {result.problems.length > 0 && (
                <ul className={styles.reasons}>
                  {result.problems.map((problem, i) => (
                    <Reason key={`${problem.code}-${i}`} problem={problem} onGoTo={onGoTo} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
