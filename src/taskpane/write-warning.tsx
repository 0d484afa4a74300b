// Excel clears its undo history whenever an add-in writes to the workbook: the pane says so once, before the first
// write of any kind (a check's results, What-if's Apply, an export or the rules sheet), and remembers that it did.
import { lazy, Suspense, useState, type ReactElement, type ReactNode } from 'react';
import { usePane } from './services';
import { rememberUndoWarning, undoWarningSeen } from '../settings/pane-settings';

const WriteWarningDialog = lazy(() =>
  import(/* webpackChunkName: "write-warning", webpackPrefetch: true */ './write-warning-dialog.js').then((m) => ({
    default: m.WriteWarningDialog,
  })),
);

export interface WriteWarningText {
  /** What this write changes, said before the undo warning itself. */
  what: ReactNode;
  /** The label of the button that goes ahead. */
  action: string;
  title?: string;
  testId?: string;
}

export interface WriteWarning {
  /** Runs `write` at once when the warning was seen before, else after the user agrees. */
  ask: (write: () => void) => void;
  dialog: ReactElement;
}

export function useWriteWarning({
  what,
  action,
  title = 'Before qualcheck writes to your workbook',
  testId = 'write-continue',
}: WriteWarningText): WriteWarning {
  const { store } = usePane();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const ask = (write: () => void) => {
    if (undoWarningSeen(store)) write();
    else setPending(() => write);
  };
  const cancel = () => setPending(null);
  const dialog = (
    <Suspense fallback={null}>
      {pending !== null && (
        <WriteWarningDialog
          title={title}
          what={what}
          action={action}
          testId={testId}
          onCancel={cancel}
          onContinue={() => {
            rememberUndoWarning(store);
            const write = pending;
            setPending(null);
            write();
          }}
        />
      )}
    </Suspense>
  );
  return { ask, dialog };
}
