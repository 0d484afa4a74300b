// Excel clears its undo history when an add-in writes to the workbook; the user is told once, before the first write.
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';

export function UndoWarningDialog({ open, onContinue, onCancel }: { open: boolean; onContinue: () => void; onCancel: () => void }) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onCancel()} modalType="alert">
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Before the first check writes to your sheet</DialogTitle>
          <DialogContent>
            The check writes its results into the workbook. Excel clears its undo history whenever an add-in changes a workbook, so
            after the check Ctrl+Z cannot undo your own earlier edits. Save the workbook first if you may want to go back.
            The check only writes in its own columns (headed “qualcheck: …”) or on its own results sheet; it never changes your cells.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onContinue} data-testid="undo-continue">
              Check and write results
            </Button>
            <Button onClick={onCancel}>Not now</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
