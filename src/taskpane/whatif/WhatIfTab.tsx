// The "What-if" tab: pick a learner (their row in Excel, or from the list), tick units on and off, see the credits,
// rules and cheapest completions change at once, and write the new marks into their row only when asked.
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { Choices } from '../../whatif';
import type { CostMeasure } from '../../rules/planner';
import type { ApplyNotice } from './ApplyBar';
import { LearnerPicker } from './LearnerPicker';
import { LearnerWhatIf } from './LearnerWhatIf';
import { useWhatIfSheet } from './useWhatIfSheet';
import { counted } from '../status-words';
import { PaneNotice } from '../PaneNotice';
import { notACohort, readingWords } from '../check/reading-words';
import { usePaneAnnounce } from '../announcer';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function WhatIfTab() {
  const styles = useStyles();
  const sheet = useWhatIfSheet();
  const [row, setRow] = useState<number | null>(null);
  const [cost, setCost] = useState<CostMeasure>('credits');
  const [notice, setNotice] = useState<{ row: number; notice: ApplyNotice } | null>(null);
  const drafts = useRef(new Map<string, Choices>()).current;
  const inspection = sheet.inspection;
  const learners = inspection?.reading.learners ?? [];
  const record = row === null ? null : (learners.find((l) => l.row === row) ?? null);
  const sheetName = inspection?.read.sheetName;
  const selection = sheet.selection;

  // Follow the selection: a selected cell on a learner's row of the sheet read picks that learner.
  useEffect(() => {
    if (!selection || !inspection || selection.sheetName !== inspection.read.sheetName) return;
    if (inspection.reading.learners.some((l) => l.row === selection.row)) setRow(selection.row);
  }, [selection, inspection]);

  // A learner is shown from a reading kept from the last check only once their row and the header are confirmed
  // unchanged; a changed sheet is read again instead, so the pane never shows another learner's cells.
  const { shows, confirm } = sheet;
  const current = record ? shows(record.row) : false;
  useEffect(() => {
    if (record && !current && !sheet.reading) confirm(record.row);
  }, [record, current, sheet.reading, confirm]);

  // A reading the user asked for is said when it is in; the button keeps the focus.
  const announce = usePaneAnnounce();
  const sayReading = useRef(false);
  useEffect(() => {
    if (!sayReading.current || !inspection) return;
    sayReading.current = false;
    announce.say(readingWords(inspection));
  }, [sheet.revision, inspection, announce]);

  const otherSheet = selection && sheetName && selection.sheetName !== sheetName ? selection.sheetName : null;
  const notALearner =
    selection && !otherSheet && inspection && !learners.some((l) => l.row === selection.row) ? selection : null;

  return (
    <div className={styles.column} data-testid="whatif-tab">
      {sheet.error && (
        <PaneNotice intent="error" result={sheet.error} testId="whatif-error">
          {sheet.error}
        </PaneNotice>
      )}
      {sheet.reading && !inspection && <Spinner size="small" label="Reading the sheet…" />}
      {inspection && learners.length === 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="whatif-no-learners">
          <MessageBarBody>
            What-if is off: {notACohort(inspection, true)} Open the sheet with your learners, then press Read the sheet
            again.
          </MessageBarBody>
        </MessageBar>
      )}
      {inspection && learners.length > 0 && (
        <LearnerPicker
          learners={learners}
          selected={current ? record : null}
          following={sheet.following}
          onPick={(picked) => setRow(picked)}
          onUseSelection={sheet.useSelection}
        />
      )}
      <div className={styles.row}>
        {inspection && (
          <Caption1>
            {counted(learners.length, 'learner')} on sheet “{inspection.read.sheetName}” ({inspection.read.source}).
          </Caption1>
        )}
        <Button
          size="small"
          appearance="subtle"
          disabledFocusable={sheet.reading}
          onClick={() => {
            sayReading.current = true;
            sheet.read();
          }}
          data-testid="whatif-read"
        >
          {otherSheet ? `Read sheet “${otherSheet}”` : 'Read the sheet again'}
        </Button>
      </div>
      {notALearner && !record && learners.length > 0 && (
        <Caption1>Row {notALearner.row} holds no learner: select a cell in a learner’s row.</Caption1>
      )}
      {learners.length > 0 && !record && (
        <Body1 data-testid="whatif-empty">
          Choose a learner to try their units: mark each one achieved, planned or not taken and see the status, credits,
          rules and the cheapest ways to complete change at once. Nothing is written to the sheet until you press Apply
          to sheet.
        </Body1>
      )}
      {record && current && !record.qualification && (
        <MessageBar intent="warning" layout="multiline" data-testid="whatif-no-qualification">
          <MessageBarBody>
            {record.learnerId} (row {record.row}) has no qualification the catalogue knows
            {record.qualificationText ? ` (“${record.qualificationText}”)` : ''}. Write its number in
            {record.cells.qualification ? ` ${record.cells.qualification}` : ' the Qualification column'}, or choose the
            qualification in the Check tab’s settings.
          </MessageBarBody>
        </MessageBar>
      )}
      {record && !current && (
        <Spinner size="small" label={`Reading row ${record.row}…`} data-testid="whatif-confirming" />
      )}
      {inspection && record && current && record.qualification && (
        <LearnerWhatIf
          key={`${record.row}:${sheet.revision}`}
          inspection={inspection}
          record={record}
          q={record.qualification}
          drafts={drafts}
          cost={cost}
          onCost={setCost}
          notice={notice?.row === record.row ? notice.notice : null}
          onNotice={(n) => setNotice(n ? { row: record.row, notice: n } : null)}
          onApplied={sheet.applied}
        />
      )}
    </div>
  );
}
