// Excel clears its undo history whenever an add-in writes to the workbook: the pane says so once, before the first
// write of any kind (the check's, an export's or the rules sheet's), and remembers that it did.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useState, type ReactElement } from 'react';
import { usePane } from '../services';
import { rememberUndoWarning, undoWarningSeen } from '../settings';

export interface WriteWarning {
  /** Runs `write` at once when the warning was seen before, else after the user agrees. */
  ask: (write: () => void) => void;
  dialog: ReactElement;
}

export function useWriteWarning(what: string, action: string): WriteWarning {
  const { store } = usePane();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const ask = (write: () => void) => {
    if (undoWarningSeen(store)) write();
    else setPending(() => write);
  };
  const cancel = () => setPending(null);
  const dialog = (
    <Dialog open={pending !== null} onOpenChange={(_, data) => !data.open && cancel()} modalType="alert">
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Before qualcheck writes to your workbook</DialogTitle>
          <DialogContent>
            {what} Excel clears its undo history whenever an add-in changes a workbook, so afterwards Ctrl+Z cannot undo your
            own earlier edits. Save the workbook first if you may want to go back.
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              data-testid="write-continue"
              onClick={() => {
                rememberUndoWarning(store);
                const write = pending;
                setPending(null);
                write?.();
              }}
            >
              {action}
            </Button>
            <Button onClick={cancel}>Not now</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
  return { ask, dialog };
}
