// The row the user selected, for the what-if panel: read once, or followed while Excel reports selection changes.
import { FeedsByHost, type HostRun, type Satisfies } from './host';

export interface SelectedCell {
  sheetName: string;
  /** 1-based sheet row of the selection's first row. */
  row: number;
  /** The selection as Excel names it, without the sheet (`C7`, `B4:F4`). */
  address: string;
}

/** The active sheet and the first row of the selection on it. */
export async function readSelection(run: HostRun): Promise<SelectedCell> {
  return run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet().load('name');
    const selected = context.workbook.getSelectedRange().load('address,rowIndex');
    await context.sync();
    return {
      sheetName: sheet.name,
      row: selected.rowIndex + 1,
      address: selected.address.slice(selected.address.lastIndexOf('!') + 1),
    };
  });
}

/** `Workbook.onSelectionChanged` (ExcelApi 1.2), as far as the pane uses it. */
export interface HostSelectionEvents {
  add(handler: (args: unknown) => Promise<unknown>): unknown;
}

// Compile-time proof that Office.js's workbook has the event this module relies on (no runtime effect).
export type SelectionEventConformance = Satisfies<Excel.Workbook, { readonly onSelectionChanged: HostSelectionEvents }>;

type Listener = (selection: SelectedCell) => void;

/**
 * One registration with Excel per host for the pane's lifetime, shared by every listener: removing an Office event
 * handler needs the request context it was added in, so the pane adds it once and only its own listeners come and go.
 */
class SelectionFeed {
  readonly listeners = new Set<Listener>();
  private reading = false;
  private again = false;

  constructor(private readonly run: HostRun) {}

  /** Reads the selection after a change; changes that arrive meanwhile (arrow keys held down) cost one more read. */
  async changed(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.again = false;
        try {
          const selection = await readSelection(this.run);
          for (const listener of this.listeners) listener(selection);
        } catch {
          // Excel was busy (a cell being edited): the next change reads it again.
        }
      } while (this.again);
    } finally {
      this.reading = false;
    }
  }
}

async function startFeed(run: HostRun): Promise<SelectionFeed | null> {
  const feed = new SelectionFeed(run);
  try {
    const registered = await run(async (context) => {
      const events = (context.workbook as { onSelectionChanged?: HostSelectionEvents }).onSelectionChanged;
      if (!events || typeof events.add !== 'function') return false;
      events.add(() => {
        void feed.changed();
        return Promise.resolve();
      });
      await context.sync();
      return true;
    });
    return registered ? feed : null;
  } catch {
    // Hosts before ExcelApi 1.2 refuse the event: the pane then offers its list and a "use the selected row" button.
    return null;
  }
}

const feeds = new FeedsByHost<Listener, SelectionFeed>(startFeed);

/** Calls `listener` with the selection whenever it changes; resolves to a stop function, or null where Excel cannot tell. */
export function followSelection(run: HostRun, listener: Listener): Promise<(() => void) | null> {
  return feeds.follow(run, listener);
}
