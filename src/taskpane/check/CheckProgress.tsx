// Progress of a running check, with Cancel: the check stops between two chunks and says what was written.
import { Button, Field, makeStyles, ProgressBar, tokens, useAnnounce } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Progress } from '../../excel/progress';
import { counted, figure } from '../status-words';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  bar: { flexGrow: 1 },
});

const PHASE_WORDS: Record<Progress['phase'], string> = {
  reading: 'Reading rows',
  checking: 'Checking learners',
  writing: 'Writing results',
  formatting: 'Colouring the status column',
};

export function progressText(progress: Progress | null, fallback: string): string {
  if (!progress) return fallback;
  if (progress.phase === 'formatting') return PHASE_WORDS.formatting;
  // The engine is done; the first chunk of results is on its way to Excel, which reports writing when it lands.
  if (progress.phase === 'checking' && progress.done >= progress.total)
    return `Checked ${counted(progress.total, 'learner')}; writing the results…`;
  return `${PHASE_WORDS[progress.phase]}: ${figure(progress.done)} of ${figure(progress.total)}`;
}

export function CheckProgress({
  progress,
  label,
  onCancel,
}: {
  progress: Progress | null;
  label: string;
  onCancel?: () => void;
}) {
  const styles = useStyles();
  const value = progress && progress.total > 0 ? progress.done / progress.total : undefined;
  // The live region hears each step once (reading, checking, writing), not every figure of the bar.
  const { announce } = useAnnounce();
  const step = progress
    ? progress.phase === 'checking' && progress.done >= progress.total
      ? 'writing'
      : progress.phase
    : null;
  useEffect(() => {
    if (step) announce(`${PHASE_WORDS[step]}…`);
  }, [step, announce]);
  return (
    <div className={styles.row} data-testid="progress">
      <Field className={styles.bar} validationMessage={progressText(progress, label)} validationState="none">
        <ProgressBar value={value} thickness="large" />
      </Field>
      {onCancel && (
        <Button onClick={onCancel} data-testid="cancel">
          Cancel
        </Button>
      )}
    </div>
  );
}
