// Excel clears its undo history when an add-in writes to the workbook: the pane says so once, before its first write,
// whichever tab makes it (the same remembered warning as the check's).
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';

export function ApplyWarningDialog({ open, cells, onContinue, onCancel }: { open: boolean; cells: string; onContinue: () => void; onCancel: () => void }) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onCancel()} modalType="alert">
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>Before the first write to your sheet</DialogTitle>
          <DialogContent>
            Apply writes the learner’s new marks into their row ({cells}) and brings the row’s “qualcheck: …” result cells up to
            date; no other cell changes. Excel clears its undo history whenever an add-in changes a workbook, so afterwards Ctrl+Z
            cannot undo your own earlier edits. Save the workbook first if you may want to go back.
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={onContinue} data-testid="whatif-undo-continue">
              Apply to sheet
            </Button>
            <Button onClick={onCancel}>Not now</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
