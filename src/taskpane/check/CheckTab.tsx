// The "Check cohort" tab: what was found, settings, the Check button with progress and Cancel, and the summary.
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { RulesSheetNotice } from '../rules/RulesSheetNotice';
import { usePanelStyles } from '../panel-styles';
import { CheckProgress } from './CheckProgress';
import { FoundPanel } from './FoundPanel';
import { SettingsPanel } from './SettingsPanel';
import { SummaryPanel, summaryWords } from './SummaryPanel';
import { sentences, useResultFocus } from '../announcer';
import { PaneNotice } from '../PaneNotice';
import { notACohort } from './reading-words';
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
  const inspection = cohort.inspection;
  const notCohort = inspection ? notACohort(inspection) : null;
  // Why Check is off, said beside it and read with it (the button stays focusable, so the reason is heard).
  const offReason = notCohort
    ? `Check is off: ${inspection && notACohort(inspection, true)} Open the sheet with your learners, then press Read the sheet again.`
    : cohort.settingsErrors.length > 0
      ? 'Check is off until the settings below are corrected.'
      : null;
  const canCheck = !running && offReason === null;

  // A sheet with no learners (or one that could not be read) gets no results: the check says why and writes nothing,
  // so the one-time undo warning is kept for a check that will write.
  const writes = (cohort.inspection?.reading.learners.length ?? 0) > 0;
  const startCheck = () => (writes ? warning.ask(() => cohort.check()) : cohort.check());
  const outcome = cohort.outcome;
  const done = outcome?.kind === 'done' ? outcome.outcome : null;
  // The summary and the notices beside it, said together once; focus goes to the summary's heading.
  const headingRef = useResultFocus<HTMLHeadingElement>(
    done,
    done ? sentences(summaryWords(done), ...done.notices) : undefined,
  );

  return (
    <div className={panel.column}>
      <div className={styles.actions}>
        {/* Focusable while off: focus stays where the user left it while a job runs, and the reason is heard. */}
        <Button
          appearance="primary"
          disabledFocusable={!canCheck}
          onClick={startCheck}
          data-testid="check"
          aria-describedby={offReason ? 'check-off-reason' : undefined}
        >
          Check cohort
        </Button>
        <Button disabledFocusable={running} onClick={() => cohort.inspect(true)} data-testid="refresh">
          Read the sheet again
        </Button>
      </div>
      {offReason && !running && (
        <Caption1 id="check-off-reason" data-testid="check-off-reason">
          {offReason}
        </Caption1>
      )}
      {cohort.job && (
        <CheckProgress
          progress={cohort.job.progress}
          name={cohort.job.kind === 'checking' ? 'Progress of the check' : 'Progress of reading the sheet'}
          label={cohort.job.kind === 'checking' ? 'Starting the check…' : 'Reading the sheet…'}
          onCancel={cohort.job.kind === 'checking' ? cohort.cancel : undefined}
        />
      )}
      {outcome?.kind === 'failed' && (
        <PaneNotice intent="error" title="The check did not finish" result={outcome} testId="check-error">
          {outcome.message}
        </PaneNotice>
      )}
      {outcome?.kind === 'cancelled' && (
        <PaneNotice intent="warning" result={outcome} testId="check-cancelled">
          {outcome.message}
        </PaneNotice>
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
          <PaneNotice intent="error" result={cohort.inspectionError} testId="inspection-error">
            {cohort.inspectionError}
          </PaneNotice>
        )}
      {cohort.inspection && <FoundPanel inspection={cohort.inspection} notCohort={notCohort} onGoTo={cohort.goTo} />}
      <SettingsPanel errors={cohort.settingsErrors} />
      {warning.dialog}
    </div>
  );
}
