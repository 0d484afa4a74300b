// The "Check cohort" tab: what was found, settings, the Check button with progress and Cancel, and the summary.
import { Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens } from '@fluentui/react-components';
import { RulesSheetNotice } from '../rules/RulesSheetNotice';
import { usePanelStyles } from '../panel-styles';
import { CheckProgress } from './CheckProgress';
import { FoundPanel } from './FoundPanel';
import { SettingsPanel } from './SettingsPanel';
import { SummaryPanel, summaryWords } from './SummaryPanel';
import { useResultFocus } from '../announcer';
import { useCohortCheck } from './useCohortCheck';
import { useWriteWarning } from '../write-warning';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

export function CheckTab() {
  const styles = useStyles();
  const panel = usePanelStyles();
  const cohort = useCohortCheck();
  const warning = useWriteWarning({
    title: 'Before the first check writes to your sheet',
    what: 'The check writes its results into the workbook, in columns of its own (headed “qualcheck: …”) or on its own results sheet, and remembers in the workbook what it wrote: a result cell you type into is kept, and the results then go to the results sheet. It never writes over a cell it did not write.',
    action: 'Check and write results',
    testId: 'undo-continue',
  });
  const running = cohort.job !== null;
  const canCheck = !running && cohort.settingsErrors.length === 0;

  // A sheet with no learners (or one that could not be read) gets no results: the check says why and writes nothing,
  // so the one-time undo warning is kept for a check that will write.
  const writes = (cohort.inspection?.reading.learners.length ?? 0) > 0;
  const startCheck = () => (writes ? warning.ask(() => cohort.check()) : cohort.check());
  const outcome = cohort.outcome;
  const done = outcome?.kind === 'done' ? outcome.outcome : null;
  const headingRef = useResultFocus<HTMLHeadingElement>(done, done ? summaryWords(done) : undefined);
  // A MessageBar says its own text through the pane's announcer; focus goes to it so the next Tab starts there.
  const errorRef = useResultFocus<HTMLDivElement>(
    outcome?.kind === 'failed' || outcome?.kind === 'cancelled' ? outcome : null,
    '',
  );

  return (
    <div className={panel.column}>
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!canCheck} onClick={startCheck} data-testid="check">
          Check cohort
        </Button>
        <Button disabled={running} onClick={cohort.inspect} data-testid="refresh">
          Read the sheet again
        </Button>
      </div>
      {cohort.job && (
        <CheckProgress
          progress={cohort.job.progress}
          label={cohort.job.kind === 'checking' ? 'Starting the check…' : 'Reading the sheet…'}
          onCancel={cohort.job.kind === 'checking' ? cohort.cancel : undefined}
        />
      )}
      {cohort.outcome?.kind === 'failed' && (
        <MessageBar intent="error" data-testid="check-error" ref={errorRef} tabIndex={-1}>
          <MessageBarBody>
            <MessageBarTitle>The check did not finish</MessageBarTitle>
            {cohort.outcome.message}
          </MessageBarBody>
        </MessageBar>
      )}
      {cohort.outcome?.kind === 'cancelled' && (
        <MessageBar intent="warning" data-testid="check-cancelled" ref={errorRef} tabIndex={-1}>
          <MessageBarBody>{cohort.outcome.message}</MessageBarBody>
        </MessageBar>
      )}
      {cohort.outcome?.kind === 'done' &&
        cohort.outcome.outcome.notices.map((notice) => (
          <MessageBar key={notice} intent="info">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        ))}
      <RulesSheetNotice cohort={cohort} />
      {cohort.outcome?.kind === 'done' && (
        <SummaryPanel outcome={cohort.outcome.outcome} onGoTo={cohort.goTo} headingRef={headingRef} />
      )}
      {cohort.inspectionError &&
        !(cohort.outcome?.kind === 'failed' && cohort.outcome.message === cohort.inspectionError) && (
          <MessageBar intent="error">
            <MessageBarBody>{cohort.inspectionError}</MessageBarBody>
          </MessageBar>
        )}
      {cohort.inspection && <FoundPanel inspection={cohort.inspection} onGoTo={cohort.goTo} />}
      <SettingsPanel errors={cohort.settingsErrors} />
      {warning.dialog}
    </div>
  );
}
