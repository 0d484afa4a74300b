// The cells Apply would write, Apply and Reset, and what happened after the last Apply.
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { PaneNotice } from '../PaneNotice';
import type { CellValue } from '../../sheet';
import type { RowChanges } from '../../whatif';
import { counted } from '../status-words';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  cells: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

function shown(value: CellValue | string): string {
  if (value === null || value === '') return 'empty';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return value.error;
  return `“${String(value).replace(/\n/g, ' ⏎ ')}”`;
}

export type ApplyNotice = { intent: 'success' | 'error'; title: string; text: string };

export function ApplyBar({
  rowChanges,
  changedCount,
  busy,
  notice,
  onApply,
  onReset,
}: {
  rowChanges: RowChanges;
  changedCount: number;
  busy: boolean;
  notice: ApplyNotice | null;
  onApply: () => void;
  onReset: () => void;
}) {
  const styles = useStyles();
  const { changes, notWritten } = rowChanges;
  return (
    <div className={styles.column} data-testid="whatif-apply-bar">
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabledFocusable={busy || changes.length === 0}
          onClick={onApply}
          data-testid="whatif-apply"
        >
          Apply to sheet
        </Button>
        {/* Focusable when off: after Reset the focus stays on it (the control that changed the view), not on the page. */}
        <Button disabledFocusable={busy || changedCount === 0} onClick={onReset} data-testid="whatif-reset">
          Reset to the sheet
        </Button>
        {busy && <Spinner size="tiny" label="Writing…" />}
      </div>
      {changedCount === 0 ? (
        <Caption1>Nothing changed yet: the units below are as the sheet has them.</Caption1>
      ) : (
        <>
          <Text data-testid="whatif-pending">
            {counted(changedCount, 'unit')} changed;{' '}
            {changes.length === 0 ? 'no cell to write' : `Apply writes ${counted(changes.length, 'cell')}:`}
          </Text>
          {changes.length > 0 && (
            <ul className={styles.cells} data-testid="whatif-cells">
              {changes.map((c) => (
                <li key={c.cell}>
                  <Caption1>
                    {c.cell}: {shown(c.before)} → {shown(c.after)}
                  </Caption1>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {notWritten.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="whatif-not-written">
          <MessageBarBody>
            <MessageBarTitle>Not written</MessageBarTitle>
            {notWritten.map((n) => `${n.ref}: ${n.reason}`).join('. ')}.
          </MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <PaneNotice intent={notice.intent} title={notice.title} result={notice} testId={`whatif-${notice.intent}`}>
          {notice.text}
        </PaneNotice>
      )}
    </div>
  );
}
