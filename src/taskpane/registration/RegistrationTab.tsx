// The "Registration" tab: pick the registration date, see who is ready and why the others are held back (each reason
// selects its cell), and export the ready learners as a bulk registration sheet and CSV.
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { formatUkDate } from '../../sheet';
import { REGISTRATION_COLUMNS } from '../../registration';
import { usePanelStyles } from '../panel-styles';
import { DownloadLink } from './DownloadLink';
import { LearnerList } from './LearnerList';
import { useRegistration } from './useRegistration';
import { useWriteWarning } from '../write-warning';
import { counted, figure, reasonLabel } from '../status-words';
import { sentences, usePaneAnnounce } from '../announcer';
import { PaneNotice } from '../PaneNotice';
import { useEffect, useRef } from 'react';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  date: { minWidth: 'min(160px, 100%)', maxWidth: '100%' },
  dateInput: { maxWidth: '100%', minWidth: 0 },
  shared: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** How long a new date must rest before its counts are said. */
const SETTLE_MS = 600;

export function RegistrationTab() {
  const styles = useStyles();
  const panel = usePanelStyles();
  const registration = useRegistration();
  const { date, view, inspection, exported, busy } = registration;
  const results = view?.results ?? null;
  const warning = useWriteWarning({
    what: 'The export writes the ready learners to a sheet of its own (never your cohort sheet).',
    action: 'Export and write the sheet',
  });
  const sheetName = inspection?.read.sheetName ?? '';
  const goTo = (cell: string) => registration.goTo(sheetName, cell);
  const ready = view?.ready ?? [];
  const heldBack = view?.heldBack ?? [];
  const isShared = view?.isShared ?? (() => false);
  // A new date (or a reading the user asked for) re-checks every learner: the counts it comes to are its outcome, said
  // once they are in; the focus stays on the date.
  const announce = usePaneAnnounce();
  const sayView = useRef(false);
  const countsWords =
    view && results
      ? `${figure(ready.length)} of ${counted(results.length, 'learner')} ready to register; ${figure(heldBack.length)} held back.`
      : null;
  useEffect(() => {
    if (!view || !sayView.current) return;
    const shared =
      view.shared.length > 0
        ? `${counted(view.shared.length, 'reason')} shared by many learners ${view.shared.length === 1 ? 'is' : 'are'} said above the lists.`
        : null;
    // A date typed or stepped a part at a time is said once it rests, not at every keystroke.
    const timer = setTimeout(() => {
      sayView.current = false;
      announce.say(sentences(`Registration on ${formatUkDate(date)}`, countsWords, shared));
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [view, date, countsWords, announce]);
  const learnerCount = inspection?.reading.learners.length ?? 0;
  const busyText =
    busy === 'reading'
      ? 'Reading the sheet…'
      : busy === 'checking'
        ? `Checking ${counted(learnerCount, 'learner')} for registration…`
        : 'Writing the registration sheet…';

  return (
    <div className={panel.column}>
      <div className={styles.row}>
        <Field
          className={styles.date}
          label="Registration date"
          hint="Ages and the qualification's registration dates are checked on this day."
          validationState={registration.dateError ? 'error' : 'none'}
          validationMessage={registration.dateError}
        >
          <Input
            className={styles.dateInput}
            type="date"
            value={date}
            onChange={(_, data) => {
              sayView.current = true;
              registration.setDate(data.value);
            }}
            data-testid="registration-date"
          />
        </Field>
        <Button
          disabledFocusable={busy !== null}
          onClick={() => {
            sayView.current = true;
            registration.read();
          }}
          data-testid="registration-refresh"
        >
          Read the sheet again
        </Button>
      </div>
      {busy && <Spinner size="tiny" label={busyText} data-testid="registration-busy" />}
      {registration.error && (
        <PaneNotice intent="error" result={registration.error} testId="registration-error">
          {registration.error}
        </PaneNotice>
      )}
      {inspection && inspection.reading.learners.length === 0 && (
        <MessageBar intent="warning" data-testid="registration-no-learners">
          <MessageBarBody>
            No learners found on sheet “{sheetName}” ({inspection.read.source}). Open the cohort sheet, then read it
            again.
          </MessageBarBody>
        </MessageBar>
      )}
      {results && inspection && results.length > 0 && (
        <Card data-testid="registration-summary">
          <CardHeader
            header={
              <Subtitle2 as="h2" tabIndex={-1} data-testid="registration-heading">
                Registration on {formatUkDate(date)}
              </Subtitle2>
            }
            description={<Caption1>Sheet “{sheetName}”</Caption1>}
          />
          <Body1 data-testid="registration-counts">{countsWords}</Body1>
          <div className={styles.row}>
            <Button
              appearance="primary"
              disabled={busy !== null || ready.length === 0}
              onClick={() => warning.ask(registration.exportReady)}
              data-testid="registration-export"
            >
              Export the ready learners
            </Button>
          </div>
          <Caption1>
            Writes a new sheet laid out as a bulk registration template ({REGISTRATION_COLUMNS.join(', ')}), every cell
            as text, and offers the same rows as a CSV file. Your cohort sheet is not changed.
          </Caption1>
          {exported && (
            <PaneNotice
              intent="success"
              title={`Exported ${counted(exported.written.learners, 'learner')}`}
              result={exported}
              testId="registration-exported"
              words={sentences(
                `Exported ${counted(exported.written.learners, 'learner')}`,
                `${exported.written.replaced ? 'Replaced' : 'Written to'} sheet “${exported.written.sheetName}”, ${exported.written.range}`,
                `The same rows are offered as ${exported.csv.fileName}, a link in this notice`,
              )}
            >
              {exported.written.replaced ? 'Replaced ' : 'Written to '}
              <Link
                as="button"
                onClick={() => registration.goTo(exported.written.sheetName, exported.written.range)}
                data-testid="registration-sheet-link"
              >
                {exported.written.sheetName}!{exported.written.range}
              </Link>
              .{' '}
              <DownloadLink
                file={exported.csv}
                testId="registration-csv"
                otherwise={`save sheet “${exported.written.sheetName}” with File > Save As, choosing CSV UTF-8; its cells are text, so ULNs and dates keep their form`}
              >
                {`Download ${exported.csv.fileName}`}
              </DownloadLink>
            </PaneNotice>
          )}
        </Card>
      )}
      {view && view.shared.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="registration-shared">
          <MessageBarBody>
            <MessageBarTitle>Shared by many learners</MessageBarTitle>
            <ul className={styles.shared}>
              {view.shared.map((p) => (
                <li key={`${p.code}:${p.message}`} data-testid="shared-reason" data-code={p.code}>
                  {reasonLabel(p.code)}, {counted(p.learners, 'learner')}: {p.message}.
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {results && results.length > 0 && (
        <LearnerList
          title={`Held back (${figure(heldBack.length)})`}
          results={heldBack}
          isShared={isShared}
          onGoTo={goTo}
          testId="registration-held-back"
          empty="Every learner is ready to register."
        />
      )}
      {results && results.length > 0 && (
        <LearnerList
          title={`Ready (${figure(ready.length)})`}
          results={ready}
          isShared={isShared}
          onGoTo={goTo}
          testId="registration-ready"
          empty="No learner is ready yet."
        />
      )}
      {warning.dialog}
    </div>
  );
}
