// The workbook's "Qualification rules" sheet through Office.js: found and read for every check, written for a centre
// to fill in, and added to without ever touching a block the centre already has (their edits are the point of it).
import { cellAddress, parseCellAddress, parseRange, rangeAddress, oversizeMessage } from '../sheet';
import type { RulesSheetUse, RulesSheetLayout } from '../rules-sheet';
import { RULES_SHEET_NAME, RULES_SHEET_COLOURS } from '../rules-sheet';
import type { CellValue, Grid } from '../sheet';
import type { Catalogue } from '../rules/catalogue';
import { normaliseQualificationId } from '../rules/catalogue';
import type { QualificationDefinition } from '../rules/model';
import type { HostCellInput, HostContext, HostRange, HostRun, HostWorksheet, Satisfies } from './host';
import { CheckFailed } from './progress';
import { rangeCells } from './read-area';
import { cellValueFromHost } from './read-sheet';

/** The fill of a unit value the catalogue does not know, until the centre types one in (same as the command line's). */
export const UNKNOWN_STYLE = RULES_SHEET_COLOURS.unknown;
const HEADING_FILL = RULES_SHEET_COLOURS.headingFill;
const HINT_COLOUR = RULES_SHEET_COLOURS.hint;
/** Blank rows between the centre's last block and one the pane adds. */
const GAP_ROWS = 2;

/**
 * Range formatting that Office.js has (ExcelApi 1.1) but the fake test host does not model. Only looks depend on it:
 * headings, hints and column widths; the values and the highlight of unknown cells never do.
 */
interface RangeLook {
  readonly format: {
    readonly font: { bold: boolean; italic: boolean; color: string };
    readonly fill: { color: string };
    columnWidth: number;
    autofitColumns(): void;
  };
}
export type RangeLookConformance = Satisfies<Excel.Range, RangeLook>;

/** The range's formatting, where the host has it. */
export function lookOf(range: HostRange): RangeLook['format'] | undefined {
  return 'format' in range ? (range as HostRange & RangeLook).format : undefined;
}

/** `=ISBLANK(E12)` for a range whose top-left cell is E12: Excel moves the reference along the range. */
export function unknownFormula(range: string): string {
  const box = parseRange(range);
  if (!box) throw new Error(`not an A1 range: ${range}`);
  return `=ISBLANK(${cellAddress(box.top, box.left)})`;
}

export interface RulesSheetFound {
  sheetName: string;
  grid: Grid;
}

/**
 * Queues the look-up of the rules sheet into the caller's next sync; the function returned, called after that sync,
 * reads the sheet (two more syncs) when there is one. A check looks it up in the sync that finds the cohort's sheet.
 */
export function queueRulesLookup(context: HostContext): () => Promise<RulesSheetFound | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(RULES_SHEET_NAME).load('name');
  return () => (sheet.isNullObject ? Promise.resolve(null) : readFoundRulesSheet(context, sheet));
}

/** The rules sheet's used range as the reader's Grid, or null when the workbook has no rules sheet (or it is empty). */
async function readRulesGrid(context: HostContext): Promise<RulesSheetFound | null> {
  const found = queueRulesLookup(context);
  await context.sync();
  return found();
}

async function readFoundRulesSheet(context: HostContext, sheet: HostWorksheet): Promise<RulesSheetFound> {
  // Its size first: a stray cell far out would make the values more than Excel can send in one answer.
  const extent = sheet.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount');
  await context.sync();
  if (extent.isNullObject)
    return { sheetName: sheet.name, grid: { sheetName: sheet.name, values: [], top: 1, left: 1 } };
  const box = rangeCells(extent);
  const tooLarge = oversizeMessage(sheet.name, box);
  if (tooLarge) throw new CheckFailed(`The qualification data could not be read: ${tooLarge}.`, null);
  const used = sheet.getRange(rangeAddress(box)).load('values,numberFormat');
  await context.sync();
  const grid: Grid = {
    sheetName: sheet.name,
    top: box.top,
    left: box.left,
    values: used.values.map((row) => row.map(cellValueFromHost)),
    numberFormats: used.numberFormat,
  };
  return { sheetName: sheet.name, grid };
}

export function findRulesSheet(run: HostRun): Promise<RulesSheetFound | null> {
  return run(readRulesGrid);
}

/** What the workbook's rules sheet does to a check: null without one. */
export interface WorkbookRules {
  sheetName: string;
  use: RulesSheetUse;
  /** Every block on the sheet (those with errors too): the id as written and the cell of its "Qualification" label. */
  blocks: { qualificationId: string; cell: string }[];
}

// The reading and writing of the sheet's blocks (the definition checks among them) are loaded the first time a
// workbook has a rules sheet or the centre asks for one: checking a workbook without one needs none of it, and the
// pane's first view is the smaller for it.
const sheetBlocks = () => import('../rules-sheet/write.js');
const sheetOverCatalogue = () => import('../rules-sheet/apply.js');

/**
 * The workbook's rules: its rules sheet, if it has one, with the valid blocks put over `catalogue` (the command line's
 * `workbookRules` in src/cli/rules-workbook.ts stops at any error instead). One sync without a sheet.
 */
export async function workbookRules(run: HostRun, catalogue: Catalogue): Promise<WorkbookRules | null> {
  return rulesOver(await findRulesSheet(run), catalogue);
}

/** What a rules sheet already read (`queueRulesLookup`) does to a check: its valid blocks over `catalogue`. */
export async function rulesOver(found: RulesSheetFound | null, catalogue: Catalogue): Promise<WorkbookRules | null> {
  if (!found) return null;
  const [{ readRulesSheet }, { applyRulesSheet }] = await Promise.all([sheetBlocks(), sheetOverCatalogue()]);
  const use = applyRulesSheet(catalogue, found.grid);
  const { blocks } = readRulesSheet(found.grid, { base: catalogue.qualifications });
  return { sheetName: found.sheetName, use, blocks };
}

/** Moves every address of a layout `rows` rows down (for a block added below the centre's). */
function shifted(address: string, rows: number): string {
  const box = parseRange(address);
  if (!box) return address;
  return rangeAddress({ top: box.top + rows, left: box.left, bottom: box.bottom + rows, right: box.right });
}

/** The part of a layout from `fromRow` on, moved so it starts at sheet row `toRow`. */
export function layoutFrom(layout: RulesSheetLayout, fromRow: number, toRow: number): RulesSheetLayout {
  const by = toRow - fromRow;
  const keep = (address: string) => (parseCellAddress(address.split(':')[0])?.row ?? 0) >= fromRow;
  const move = (addresses: readonly string[]) => addresses.filter(keep).map((a) => shifted(a, by));
  return {
    ...layout,
    values: layout.values.slice(fromRow - 1),
    unknownCells: move(layout.unknownCells),
    headings: move(layout.headings),
    hints: move(layout.hints),
    blocks: layout.blocks.map((b) => ({
      ...b,
      range: shifted(b.range, by),
      facts: shifted(b.facts, by),
      units: { header: shifted(b.units.header, by), range: shifted(b.units.range, by) },
      groups: { header: shifted(b.groups.header, by), range: shifted(b.groups.range, by) },
      rules: { header: shifted(b.rules.header, by), range: shifted(b.rules.range, by) },
      ...(b.unitValues ? { unitValues: shifted(b.unitValues, by) } : {}),
    })),
  };
}

function hostValue(value: CellValue): HostCellInput {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return value.error;
  return value;
}

/** Queues the layout's values (from its row `top`), the highlight of unknown values, and the looks where the host has them. */
function queueLayout(sheet: HostWorksheet, layout: RulesSheetLayout, top: number, setWidths: boolean): void {
  if (layout.values.length === 0) return;
  const bottom = top + layout.values.length - 1;
  sheet.getRange(rangeAddress({ top, left: 1, bottom, right: layout.width })).values = layout.values.map((row) =>
    row.map(hostValue),
  );
  // A conditional format rather than a painted fill: the highlight goes as soon as the centre fills the cell in.
  for (const block of layout.blocks) {
    if (!block.unitValues) continue;
    const format = sheet.getRange(block.unitValues).conditionalFormats.add('Custom');
    format.custom.rule.formula = unknownFormula(block.unitValues);
    format.custom.format.fill.color = UNKNOWN_STYLE.fill;
    format.custom.format.font.color = UNKNOWN_STYLE.font;
  }
  for (const range of layout.headings) {
    const look = lookOf(sheet.getRange(range));
    if (!look) break;
    look.font.bold = true;
    look.fill.color = HEADING_FILL;
  }
  for (const range of layout.hints) {
    const look = lookOf(sheet.getRange(range));
    if (!look) break;
    look.font.italic = true;
    look.font.color = HINT_COLOUR;
  }
  if (setWidths) {
    layout.columnWidths.forEach((width, i) => {
      const look = lookOf(sheet.getRange(rangeAddress({ top: 1, left: i + 1, bottom: 1, right: i + 1 })));
      // Widths are in characters; Office.js takes points (about six to a character of the default font).
      if (look) look.columnWidth = Math.round(width * 6 + 5);
    });
  }
}

export interface RulesSheetEdit {
  sheetName: string;
  /** Whether the sheet was made now (else blocks were added to the centre's, or nothing was written). */
  created: boolean;
  /** Qualification ids whose blocks were written now. */
  added: string[];
  /** Qualification ids asked for that already have a block on the sheet: left exactly as the centre has them. */
  kept: string[];
  /** The cell for the centre to start at: the first unknown value written, else the first new block. */
  startCell: string;
}

/**
 * Makes the rules sheet hold a block for each of `definitions`. The sheet is read first: a block already there (by
 * qualification id, in any spelling) is the centre's and is never rewritten; missing blocks go below the last used
 * row. The active sheet is left as it was (the cohort, which the next check reads); `startCell` says where to begin.
 */
export async function editRulesSheet(
  run: HostRun,
  definitions: readonly QualificationDefinition[],
): Promise<RulesSheetEdit> {
  const { readRulesSheet, rulesSheetGrid } = await sheetBlocks();
  return run(async (context) => {
    const found = await readRulesGrid(context);
    const onSheet = new Set(
      (found ? readRulesSheet(found.grid).blocks : []).map((b) => normaliseQualificationId(b.qualificationId)),
    );
    const wanted = definitions.filter((q) => !onSheet.has(normaliseQualificationId(q.id)));
    const kept = definitions.filter((q) => onSheet.has(normaliseQualificationId(q.id))).map((q) => q.id);
    const sheets = context.workbook.worksheets;
    const sheet = found ? sheets.getItem(found.sheetName) : sheets.add(RULES_SHEET_NAME);
    sheet.protection.load('protected');
    await context.sync();
    const sheetName = found?.sheetName ?? RULES_SHEET_NAME;
    if (sheet.protection.protected && wanted.length > 0) {
      throw new CheckFailed(
        `Sheet "${sheetName}" is protected, so qualcheck cannot add to it. Unprotect it (Review > Unprotect Sheet), then try again. Nothing was written.`,
        null,
      );
    }

    let startCell = found ? cellAddress(found.grid.top, found.grid.left) : 'A1';
    if (wanted.length > 0) {
      const full = rulesSheetGrid(wanted);
      // Below the centre's last used row; on a new (or emptied) sheet, from A1 with the sheet's title and notes.
      const lastUsed = found && found.grid.values.length > 0 ? found.grid.top + found.grid.values.length - 1 : 0;
      const top = lastUsed === 0 ? 1 : lastUsed + GAP_ROWS + 1;
      const layout = lastUsed === 0 ? full : layoutFrom(full, parseRange(full.blocks[0].range)?.top ?? 1, top);
      queueLayout(sheet, layout, top, lastUsed === 0);
      startCell = layout.unknownCells[0] ?? layout.blocks[0].range.split(':')[0];
    }
    // The sheet in front stays there: it is the cohort the next check reads, and the pane offers a link to startCell.
    await context.sync();
    return { sheetName, created: !found, added: wanted.map((q) => q.id), kept, startCell };
  });
}
