// The rules sheet in an .xlsx file: written with headings, hints and the unknown cells highlighted, and found and
// read back in a workbook, with every error naming the file, the sheet and the cell.
import type ExcelJS from 'exceljs';
import {
  type RulesSheetLayout,
  isRulesSheetName,
  RULES_SHEET_NAME,
  applyRulesSheet,
  argb,
  RULES_SHEET_COLOURS,
} from '../rules-sheet';
import { Catalogue } from '../rules/catalogue';
import type { QualificationDefinition } from '../rules/model';
import type { SheetEntry, Workbook } from '../workbook';
import { readGridOrExplain } from './sheet-read';
import { UserError } from './user-error';

const UNKNOWN_FILL = argb(RULES_SHEET_COLOURS.unknown.fill);
const HEADING_FILL = argb(RULES_SHEET_COLOURS.headingFill);
const HINT_COLOUR = argb(RULES_SHEET_COLOURS.hint);

function cellsOf(worksheet: ExcelJS.Worksheet, range: string): ExcelJS.Cell[] {
  const [first, last = first] = range.split(':');
  const a = worksheet.getCell(first);
  const b = worksheet.getCell(last);
  const cells: ExcelJS.Cell[] = [];
  for (let r = Number(a.row); r <= Number(b.row); r++)
    for (let c = Number(a.col); c <= Number(b.col); c++) cells.push(worksheet.getCell(r, c));
  return cells;
}

/** Adds the rules sheet to a workbook (replacing one already there) and returns it. */
export function addRulesSheet(
  workbook: ExcelJS.Workbook,
  layout: RulesSheetLayout,
  name = RULES_SHEET_NAME,
): ExcelJS.Worksheet {
  const old = workbook.worksheets.find((ws) => isRulesSheetName(ws.name));
  if (old) workbook.removeWorksheet(old.id);
  const worksheet = workbook.addWorksheet(name);
  layout.values.forEach((values, r) => {
    const row = worksheet.getRow(r + 1);
    values.forEach((value, c) => {
      if (value !== null && !(typeof value === 'object' && !(value instanceof Date))) row.getCell(c + 1).value = value;
    });
  });
  layout.columnWidths.forEach((width, i) => {
    worksheet.getColumn(i + 1).width = width;
  });
  for (const range of layout.headings) {
    for (const cell of cellsOf(worksheet, range)) {
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADING_FILL } };
    }
  }
  for (const range of layout.hints)
    for (const cell of cellsOf(worksheet, range)) cell.font = { italic: true, color: { argb: HINT_COLOUR } };
  // A conditional format rather than painted cells: the highlight goes away as soon as the centre fills the cell in.
  for (const block of layout.blocks) {
    if (!block.unitValues) continue;
    const topLeft = block.unitValues.split(':')[0];
    worksheet.addConditionalFormatting({
      ref: block.unitValues,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [`LEN(TRIM(${topLeft}))=0`],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: UNKNOWN_FILL } } },
        },
      ],
    });
  }
  return worksheet;
}

/** The workbook's rules sheet, if it has one. */
export function rulesSheetEntry(workbook: Workbook): SheetEntry | undefined {
  return workbook.worksheets.find((sheet) => isRulesSheetName(sheet.name));
}

/**
 * The workbook's rules: its rules sheet read over the definitions it replaces (the add-in's `workbookRules` in
 * src/excel/rules-sheet.ts does the same for the pane). Here any error stops the run, so the command line gets the
 * definitions alone: a check on half of a centre's corrections would give results no one asked for.
 */
export async function workbookRules(
  workbook: Workbook,
  sheet: SheetEntry,
  file: string,
  base: readonly QualificationDefinition[],
): Promise<QualificationDefinition[]> {
  const read = await readGridOrExplain(workbook, sheet, file);
  if ('tooLarge' in read) throw new UserError(`${file}, ${read.tooLarge}`);
  const grid = read.grid;
  const { definitions, errors } = applyRulesSheet(new Catalogue(base), grid, { policy: 'all-or-nothing' });
  if (errors.length > 0) {
    const shown = errors.slice(0, 8).map((e) => `${file}, sheet "${sheet.name}", ${e.cell}: ${e.message}`);
    const more = errors.length > 8 ? [`${file}, sheet "${sheet.name}": ... and ${errors.length - 8} more`] : [];
    throw new UserError(
      [
        ...shown,
        ...more,
        'Correct the cells named above, or remove the sheet to check with the built-in catalogue.',
      ].join('\n'),
    );
  }
  return definitions;
}
