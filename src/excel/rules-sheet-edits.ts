// Edits of the workbook's rules sheet ("Qualification rules") as they happen. A reading the pane keeps (the last
// check's, for What-if) was made with the rules as they were then, and the confirmation What-if makes before using it
// reads the learner's row and the header only: an edit of the rules sheet must reach the pane by an event, or What-if
// would show the old rule until "Read the sheet again".
//
// Any change on the rules sheet counts, whoever made it: the pane's own writes there (the Rules tab's) change the rules
// too, and hearing of one only drops a kept reading, which writes nothing, so no write of ours can start a loop. The
// cohort's sheet is not watched: qualcheck writes there itself (results, Apply), Excel reports those writes as `Local`
// like the user's (only ExcelApi 1.14's triggerSource tells them apart), and the confirmation already compares the
// learner's row and the header, which is all of that sheet What-if shows.
//
// Worksheet.onChanged and WorksheetCollection.onAdded are ExcelApi 1.7, past the manifest's 1.6: on an older host the
// pane is told it cannot hear edits (null) and does not start What-if from a reading made with a rules sheet.
import { RULES_SHEET_NAME } from '../rules-sheet';
import {
  excelApiSupported,
  FeedsByHost,
  type HostContext,
  type HostRun,
  type HostWorksheet,
  type Satisfies,
} from './host';

/** What Excel passes an onChanged handler (Excel.WorksheetChangedEventArgs, ExcelApi 1.7), as far as it is read here. */
export interface HostWorksheetChanged {
  readonly worksheetId: string;
  readonly address: string;
}

/** What Excel passes an onAdded handler (Excel.WorksheetAddedEventArgs, ExcelApi 1.7). */
export interface HostWorksheetAdded {
  readonly worksheetId: string;
}

interface HostEventHandlers<Args> {
  add(handler: (args: Args) => Promise<unknown>): unknown;
}

interface WorksheetEvents {
  readonly onChanged: HostEventHandlers<HostWorksheetChanged>;
}

interface WorksheetCollectionEvents {
  readonly onAdded: HostEventHandlers<HostWorksheetAdded>;
}

// Compile-time proof that Office.js has the events this module relies on (no runtime effect).
export type WorksheetEventConformance = [
  Satisfies<Excel.Worksheet, WorksheetEvents>,
  Satisfies<Excel.WorksheetCollection, WorksheetCollectionEvents>,
];

/** Whether a sheet's name is the one a check looks the rules sheet up by (Excel's sheet names ignore case). */
function isTheRulesSheet(name: string): boolean {
  return name.toLowerCase() === RULES_SHEET_NAME.toLowerCase();
}

function eventsOf(sheet: HostWorksheet): WorksheetEvents {
  return sheet as HostWorksheet & WorksheetEvents;
}

type Listener = () => void;

/**
 * One registration with Excel per host for the pane's lifetime, shared by every listener (removing an Office event
 * handler needs the request context it was added in; the handlers go with the sheet when it is deleted).
 */
class RulesSheetEdits {
  readonly listeners = new Set<Listener>();

  constructor(private readonly run: HostRun) {}

  readonly edited = (): Promise<void> => {
    for (const listener of this.listeners) listener();
    return Promise.resolve();
  };

  /** Queues the handler on the rules sheet; the caller's next sync registers it. */
  watch(sheet: HostWorksheet): void {
    eventsOf(sheet).onChanged.add(this.edited);
  }

  /**
   * A sheet was added: when it is named as the rules sheet (the Rules tab writing the first block, a copy from another
   * workbook), its edits are heard from now on, and the rules have changed.
   */
  readonly added = async (args: HostWorksheetAdded): Promise<void> => {
    try {
      const isRules = await this.run(async (context: HostContext) => {
        const sheet = context.workbook.worksheets.getItem(args.worksheetId).load('name');
        await context.sync();
        if (!isTheRulesSheet(sheet.name)) return false;
        this.watch(sheet);
        await context.sync();
        return true;
      });
      if (isRules) await this.edited();
    } catch {
      // Excel was busy (a cell being edited) or the sheet is gone again: a reading is confirmed before use regardless.
    }
  };
}

async function startFeed(run: HostRun): Promise<RulesSheetEdits | null> {
  if (!excelApiSupported('1.7')) return null;
  const feed = new RulesSheetEdits(run);
  try {
    await run(async (context) => {
      const sheets = context.workbook.worksheets;
      (sheets as typeof sheets & WorksheetCollectionEvents).onAdded.add(feed.added);
      const rules = sheets.getItemOrNullObject(RULES_SHEET_NAME).load('name');
      await context.sync();
      if (rules.isNullObject) return;
      feed.watch(rules);
      await context.sync();
    });
    return feed;
  } catch {
    return null;
  }
}

const feeds = new FeedsByHost<Listener, RulesSheetEdits>(startFeed);

/**
 * Calls `listener` whenever the rules sheet changes (an edit on it, or a rules sheet added); resolves to a stop
 * function, or null where Excel cannot tell (before ExcelApi 1.7).
 */
export function followRulesSheetEdits(run: HostRun, listener: Listener): Promise<(() => void) | null> {
  return feeds.follow(run, listener);
}
