// Progress of a running check, with Cancel: the check stops between two chunks and says what was written.
import { Button, Field, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useEffect } from 'react';
import type { Progress } from '../../excel';
import { usePaneAnnounce } from '../announcer';
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
  name,
  label,
  onCancel,
}: {
  progress: Progress | null;
  /** What the bar measures, as a screen reader names it ("Progress of the check"). */
  name: string;
  label: string;
  onCancel?: () => void;
}) {
  const styles = useStyles();
  const value = progress && progress.total > 0 ? progress.done / progress.total : undefined;
  // The live region hears each step once (reading, checking, writing), not every figure of the bar, and only a step that
  // lasts: the result of a quick check is said alone, with no step before it that is already over.
  const { progress: sayStep } = usePaneAnnounce();
  const step = progress
    ? progress.phase === 'checking' && progress.done >= progress.total
      ? 'writing'
      : progress.phase
    : null;
  useEffect(() => {
    if (step) sayStep(`${PHASE_WORDS[step]}…`);
  }, [step, sayStep]);
  return (
    <div className={styles.row} data-testid="progress">
      <Field className={styles.bar} validationMessage={progressText(progress, label)} validationState="none">
        <ProgressBar value={value} thickness="large" aria-label={name} aria-valuetext={progressText(progress, label)} />
      </Field>
      {onCancel && (
        <Button onClick={onCancel} data-testid="cancel">
          Cancel
        </Button>
      )}
    </div>
  );
}
