// The "Qualification data" tab: the workbook's rules sheet (write it, add to it, read its problems), what it changes
// against the built-in catalogue, which values the checks take from it, and the same data as a JSON file.
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  Checkbox,
  Link,
  makeStyles,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { RULES_SHEET_NAME } from '../../rules-sheet';
import { normaliseQualificationId } from '../../rules/catalogue';
import { FieldGroup } from '../field-group';
import { usePanelStyles } from '../panel-styles';
import { DownloadLink } from '../registration/DownloadLink';
import { useWriteWarning } from '../write-warning';
import { usePane } from '../services';
import { centreValues } from './centre-values';
import { useWorkbookRules } from './useWorkbookRules';
import { VirtualList } from '../VirtualList';
import { sentences } from '../announcer';
import { PaneNotice } from '../PaneNotice';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    maxHeight: '320px',
    overflowY: 'auto',
  },
  hidden: { display: 'none' },
});

/** Where the rules sheet is, after an edit that left the cohort sheet in front. */
function whereWords(start: { sheetName: string; cell: string }): string {
  return `The cohort sheet stays in front, ready to check; sheet “${start.sheetName}” is the workbook's tab of that name, to fill in from ${start.cell}.`;
}

export function RulesTab() {
  const styles = useStyles();
  const panel = usePanelStyles();
  const { catalogue } = usePane();
  const state = useWorkbookRules();
  const { rules, busy } = state;
  const fileInput = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null);
  const warning = useWriteWarning({
    what: `qualcheck writes the qualification data on sheet “${rules?.sheetName ?? RULES_SHEET_NAME}”, adding blocks below any already there.`,
    action: 'Write the sheet',
  });

  const onSheet = new Set((rules?.blocks ?? []).map((b) => normaliseQualificationId(b.qualificationId)));
  const isOnSheet = (id: string) => onSheet.has(normaliseQualificationId(id));
  // Without a sheet, every qualification is offered; with one, only those the centre ticks are added.
  const chosen = picked ?? new Set(rules === null ? catalogue.qualifications.map((q) => q.id) : []);
  const toAdd = catalogue.qualifications.filter((q) => chosen.has(q.id) && !isOnSheet(q.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const errors = rules?.use.errors ?? [];
  const changes = rules?.use.changes ?? [];
  const fromSheet = centreValues(rules?.use.definitions ?? []);

  return (
    <div className={panel.column}>
      <Card data-testid="rules-sheet">
        <CardHeader header={<Subtitle2>Qualification rules sheet</Subtitle2>} />
        {rules === null && (
          <Body1 data-testid="rules-status">
            This workbook has no “{RULES_SHEET_NAME}” sheet, so checks use the built-in catalogue only. “Edit
            qualification data” writes that sheet: fill in there the unit credits and levels the catalogue does not
            know, or add a qualification of your own. It travels with the workbook.
          </Body1>
        )}
        {rules && (
          <Body1 data-testid="rules-status">
            Sheet “{rules.sheetName}” holds {rules.blocks.length}{' '}
            {rules.blocks.length === 1 ? 'qualification' : 'qualifications'}
            {rules.blocks.length > 0 ? ': ' : '.'}
            {rules.blocks.map((b, i) => (
              <span key={b.cell}>
                {i > 0 && ', '}
                <Link as="button" onClick={() => state.goTo(b.cell)} title={`Select ${b.cell}`}>
                  {b.qualificationId}
                </Link>
              </span>
            ))}
            {rules.blocks.length > 0 && '. Checks use it over the built-in catalogue.'}
          </Body1>
        )}
        <FieldGroup label={rules ? 'Add to the sheet' : 'Qualifications to put on the sheet'}>
          {catalogue.qualifications.map((q) => (
            <Checkbox
              key={q.id}
              checked={isOnSheet(q.id) || chosen.has(q.id)}
              disabled={isOnSheet(q.id) || busy !== null}
              onChange={(_, data) => toggle(q.id, data.checked === true)}
              label={`${q.id} ${q.title}${isOnSheet(q.id) ? ' (on the sheet)' : ''}`}
            />
          ))}
        </FieldGroup>
        <div className={styles.actions}>
          <Button
            appearance="primary"
            disabledFocusable={busy !== null || rules === undefined || (rules === null && toAdd.length === 0)}
            onClick={() => (toAdd.length > 0 ? warning.ask(() => state.edit(toAdd)) : state.edit([]))}
            data-testid="rules-edit"
          >
            Edit qualification data
          </Button>
          <Button disabledFocusable={busy !== null} onClick={state.read} data-testid="rules-refresh">
            Read the sheet again
          </Button>
        </div>
        <Caption1>
          A block already on the sheet is never written again, so the values your centre typed stay as they are.
        </Caption1>
      </Card>
      {busy && (
        <Spinner size="tiny" label={busy === 'reading' ? 'Reading the rules sheet…' : 'Writing the rules sheet…'} />
      )}
      {state.error && (
        <PaneNotice intent="error" result={state.error} testId="rules-error">
          {state.error}
        </PaneNotice>
      )}
      {state.notice && (
        <PaneNotice
          intent={state.notice.intent}
          result={state.notice}
          testId="rules-notice"
          words={sentences(state.notice.text, state.notice.start && whereWords(state.notice.start))}
        >
          {state.notice.text}
          {state.notice.start && (
            <>
              {' '}
              {whereWords(state.notice.start)}{' '}
              <Link as="button" onClick={() => state.start(state.notice!.start!.cell)} data-testid="rules-start-link">
                Go to {state.notice.start.cell} on sheet “{state.notice.start.sheetName}”
              </Link>
            </>
          )}
        </PaneNotice>
      )}
      {errors.length > 0 && (
        <Card data-testid="rules-problems">
          <CardHeader
            header={<Subtitle2>Problems on the sheet ({errors.length})</Subtitle2>}
            description={
              <Caption1>
                A qualification whose block has a problem is checked with the built-in data until it is corrected.
              </Caption1>
            }
          />
          <VirtualList
            count={errors.length}
            label={`Problems on the sheet (${errors.length})`}
            maxHeight={320}
            estimate={40}
            keyOf={(i) => `${errors[i].cell}-${i}`}
            itemProps={() => ({ 'data-testid': 'rules-problem' })}
            render={(i) => (
              <>
                <Link as="button" onClick={() => state.goTo(errors[i].cell)} title={`Select ${errors[i].cell}`}>
                  {errors[i].cell}
                </Link>{' '}
                <Caption1>{errors[i].message}</Caption1>
              </>
            )}
          />
        </Card>
      )}
      {rules && (
        <Card data-testid="rules-changes">
          <CardHeader header={<Subtitle2>Changes against the built-in catalogue ({changes.length})</Subtitle2>} />
          {changes.length === 0 ? (
            <Caption1>None: the sheet says what the built-in catalogue says.</Caption1>
          ) : (
            // A list that scrolls says how long it is and that more is below, rather than stopping mid-line.
            <VirtualList
              count={changes.length}
              label={`Changes against the built-in catalogue (${changes.length})`}
              maxHeight={320}
              estimate={20}
              keyOf={(i) => i}
              itemProps={() => ({ 'data-testid': 'rules-change' })}
              render={(i) => <Caption1>{changes[i]}</Caption1>}
            />
          )}
        </Card>
      )}
      {fromSheet.length > 0 && (
        <Card data-testid="rules-provenance">
          <CardHeader
            header={<Subtitle2>Values the checks take from your centre</Subtitle2>}
            description={
              <Caption1>
                Results that rely on them say so, for example “level of H/503/0403 from your rules sheet”.
              </Caption1>
            }
          />
          {fromSheet.map((q) => (
            <div key={q.qualificationId}>
              <Body1>{q.qualificationId}</Body1>
              <ul className={styles.list}>
                {q.lines.map((line) => (
                  <li key={line}>
                    <Caption1>{line}</Caption1>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </Card>
      )}
      <Card data-testid="rules-json">
        <CardHeader
          header={<Subtitle2>As a JSON file</Subtitle2>}
          description={<Caption1>The same data as the command line's --rules file.</Caption1>}
        />
        <div className={styles.actions}>
          <Button
            disabled={busy !== null || rules === undefined}
            onClick={() => fileInput.current?.click()}
            data-testid="rules-import"
          >
            Import JSON…
          </Button>
          <input
            ref={fileInput}
            className={styles.hidden}
            type="file"
            accept=".json,application/json"
            data-testid="rules-import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) warning.ask(() => state.importJson(file));
            }}
          />
          <Button
            disabled={busy !== null || rules === undefined || rules?.use.definitions.length === 0}
            onClick={state.exportJson}
            data-testid="rules-export"
          >
            Export JSON
          </Button>
          {state.exported && (
            <DownloadLink
              file={state.exported}
              testId="rules-json-link"
              otherwise="share the workbook itself, whose rules sheet travels with it, or write the file with qualcheck rules export --rules WORKBOOK.xlsx --out rules.json"
            >
              {`Download ${state.exported.fileName}`}
            </DownloadLink>
          )}
        </div>
        <Caption1>
          {rules
            ? `Export writes the qualifications of sheet “${rules.sheetName}”${errors.length > 0 ? ' (those without problems)' : ''}.`
            : 'Without a rules sheet, export writes the built-in catalogue, a starting point for your own file.'}{' '}
          Import adds the file's qualifications to the rules sheet; one already there is left as it is.
        </Caption1>
        {state.importErrors && (
          <PaneNotice
            intent="error"
            title={`${state.importErrors.fileName} was not imported`}
            result={state.importErrors}
            testId="rules-import-errors"
            words={sentences(
              `${state.importErrors.fileName} was not imported`,
              ...state.importErrors.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)),
            )}
          >
            <ul className={styles.list}>
              {state.importErrors.errors.map((e, i) => (
                <li key={i}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
              ))}
            </ul>
          </PaneNotice>
        )}
      </Card>
      {warning.dialog}
    </div>
  );
}
