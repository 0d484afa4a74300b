// The undo warning itself (write-warning.tsx), in a chunk of its own: it shows once per computer, so the pane's first
// view does not carry the dialog.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

export interface WriteWarningDialogProps {
  title: string;
  what: ReactNode;
  action: string;
  testId: string;
  onContinue: () => void;
  onCancel: () => void;
}

export function WriteWarningDialog({ title, what, action, testId, onContinue, onCancel }: WriteWarningDialogProps) {
  return (
    <Dialog open onOpenChange={(_, data) => !data.open && onCancel()} modalType="alert">
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>
            {what} Excel clears its undo history whenever an add-in changes a workbook, so afterwards Ctrl+Z cannot undo
            your own earlier edits. Save the workbook first if you may want to go back.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" data-testid={testId} onClick={onContinue}>
              {action}
            </Button>
            <Button onClick={onCancel}>Not now</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
