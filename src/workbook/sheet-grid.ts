// A worksheet part streamed into the cohort reader's Grid: the values Office.js would give the add-in (cached
// formula results, merged areas holding their value in the first cell only), number formats where a value is a
// number, hidden rows and columns, merged areas and tables. The sheet's `<dimension>` is never trusted: the grid
// grows with the cells that hold values, and stops growing once it passes the size rule of sheet-size.ts.
import { MAX_SHEET_CELLS, isDateFormat, type CellRange, type CellValue, type Grid } from '../sheet';
import type { WorkbookPackage } from './package';
import {
  cellRefIn,
  cellRefRow,
  cellTypeOf,
  dateFromSerial,
  flaggedValue,
  isTrue,
  parseCellRef,
  wholeNumberIn,
  type CellType,
} from './cell-values';
import { readTables } from './sheet-tables';
import type { CellStyles } from './styles';
import { TextRuns, unescapeXstring } from './text-runs';
import { SheetRowSpans } from './xml-elements';
import { tokenizePart } from './xml-tokenizer';
import { numberIn, type XmlCloseTag, type XmlHandler, type XmlOpenTag, type XmlText } from './xml-tokens';

export interface SheetSource {
  name: string;
  part: string;
  sharedStrings: readonly string[];
  styles: CellStyles;
  date1904: boolean;
}

export type SheetReading =
  /** `rows`: where the sheet's rows lie in its part, for a writer that patches it without scanning it again. */
  | { kind: 'grid'; grid: Grid; used: CellRange | undefined; rows: SheetRowSpans }
  /** The used cells span more than the size rule allows: nothing was kept. */
  | { kind: 'too-large'; used: CellRange };

const MAX_COLUMNS = 16_384;

class SheetCollector implements XmlHandler {
  private readonly rows: (CellValue[] | undefined)[] = [];
  private readonly formats: (string[] | undefined)[] = [];
  /**
   * The row whose formats are being written (its array its own), 0 when none. Once a row is done its formats are the
   * row's before when alike (shareFormats): at 50,000 learners, 20 MB of arrays alike not kept, nor copied by the
   * garbage collector as they survive.
   */
  private formatsRow = 0;
  private formatsBefore: string[] | undefined;
  readonly hiddenRows: number[] = [];
  private readonly hiddenColumnRanges: [number, number][] = [];
  readonly merged: string[] = [];
  readonly tableIds: string[] = [];
  private readonly dateStyles: (boolean | undefined)[] = [];

  private inSheetData = false;
  private inColumns = false;
  private row = 0;
  private column = 0;

  private inCell = false;
  private cellRow = 0;
  private cellColumn = 0;
  private cellType: CellType = 'n';
  private cellStyle = 0;
  private inValue = false;
  private valueText = '';
  /** The `<v>` of a shared-string or number cell read as a whole number in place (wholeNumberIn), or -1. */
  private valueNumber = -1;
  private hasValue = false;
  private inInline = false;
  private hasInline = false;
  private inFormula = false;
  private hasFormula = false;
  private formulaText = '';
  /** Formula cells whose value reads as empty (no cached value, or an empty text): never empty to the writer. */
  private readonly blankFormulas: { row: number; column: number; formula: string }[] = [];
  private readonly runs = new TextRuns();
  /** Where the rows lie, for the writer (noted in the same scan). */
  readonly rowSpans = new SheetRowSpans();

  top = 0;
  left = 0;
  bottom = 0;
  right = 0;
  tooLarge = false;

  constructor(private readonly source: SheetSource) {}

  open(tag: XmlOpenTag): void {
    this.rowSpans.open(tag);
    const name = tag.name;
    if (this.inCell) {
      if (name === 'v') {
        this.inValue = !tag.selfClosing;
        this.valueText = '';
        this.valueNumber = -1;
        this.hasValue = true;
      } else if (name === 'is') {
        this.inInline = !tag.selfClosing;
        this.hasInline = true;
      } else if (name === 'f' && !this.inInline) {
        this.inFormula = !tag.selfClosing;
        this.hasFormula = true;
      } else if (this.inInline) {
        this.runs.open(tag);
      }
      return;
    }
    if (this.inSheetData) {
      if (name === 'c') this.startCell(tag);
      else if (name === 'row') this.startRow(tag);
      return;
    }
    switch (name) {
      case 'sheetData':
        this.inSheetData = !tag.selfClosing;
        break;
      case 'cols':
        this.inColumns = !tag.selfClosing;
        break;
      case 'col':
        if (this.inColumns && isTrue(tag.attributes.hidden)) {
          const min = Number(tag.attributes.min);
          const max = Number(tag.attributes.max ?? min);
          if (Number.isInteger(min) && Number.isInteger(max) && min >= 1)
            this.hiddenColumnRanges.push([min, Math.min(max, MAX_COLUMNS)]);
        }
        break;
      case 'mergeCell':
        if (tag.attributes.ref) this.merged.push(tag.attributes.ref);
        break;
      case 'tablePart':
        if (tag.attributes.id) this.tableIds.push(tag.attributes.id);
        break;
    }
  }

  close(tag: XmlCloseTag): void {
    this.rowSpans.close(tag);
    const name = tag.name;
    if (this.inCell) {
      if (name === 'c') this.endCell();
      else if (name === 'v') this.inValue = false;
      else if (name === 'is') this.inInline = false;
      else if (name === 'f') this.inFormula = false;
      else if (this.inInline) this.runs.close(tag);
      return;
    }
    if (name === 'sheetData') this.inSheetData = false;
    else if (name === 'cols') this.inColumns = false;
  }

  text(text: XmlText): void {
    if (this.inValue) {
      // Most values are a shared string's index or a whole number, read without cutting the text out. A value in
      // pieces (cut by a chunk's end) is text again: the number gives back the digits it was read from.
      const type = this.cellType;
      if (this.valueNumber === -1 && this.valueText === '' && (type === 's' || type === 'n')) {
        this.valueNumber = text.read(wholeNumberIn);
        if (this.valueNumber !== -1) return;
      }
      if (this.valueNumber !== -1) this.valueText = String(this.valueNumber);
      this.valueNumber = -1;
      this.valueText += text.text;
    } else if (this.inFormula) this.formulaText += text.text;
    else if (this.inInline) this.runs.text(text);
  }

  private startRow(tag: XmlOpenTag): void {
    this.shareFormats();
    const number = tag.readAttribute('r', numberIn, NaN);
    // A row without `r` follows the one before it.
    this.row = Number.isInteger(number) && number >= 1 ? number : this.row + 1;
    this.column = 0;
    if (isTrue(tag.attribute('hidden'))) this.hiddenRows.push(this.row);
  }

  private startCell(tag: XmlOpenTag): void {
    let column = tag.readAttribute('r', cellRefIn, 0);
    let row = this.row;
    if (column > 0 && cellRefRow() > 0) row = cellRefRow();
    // A cell without `r` (or with one that names no cell) stands right of the cell before it.
    if (column <= 0) column = this.column + 1;
    if (row <= 0) row = this.row = 1;
    this.column = column;
    this.cellRow = row;
    this.cellColumn = column;
    this.cellType = cellTypeOf(tag.attribute('t'));
    const style = tag.readAttribute('s', numberIn, 0);
    this.cellStyle = Number.isInteger(style) && style >= 0 ? style : 0;
    this.hasValue = false;
    this.hasInline = false;
    this.hasFormula = false;
    this.formulaText = '';
    this.valueText = '';
    this.valueNumber = -1;
    if (tag.selfClosing) {
      this.inCell = true;
      this.endCell();
    } else {
      this.inCell = true;
    }
  }

  private isDateStyle(style: number): boolean {
    let known = this.dateStyles[style];
    if (known === undefined) {
      known = isDateFormat(this.source.styles.formatOf(style));
      this.dateStyles[style] = known;
    }
    return known;
  }

  private endCell(): void {
    this.inCell = false;
    this.inValue = false;
    this.inInline = false;
    this.inFormula = false;
    let value: CellValue = null;
    let numeric = false;
    const text = this.valueText;
    const whole = this.valueNumber;
    switch (this.cellType) {
      case 's':
        if (whole !== -1) {
          value = this.source.sharedStrings[whole] ?? null;
          break;
        }
        // An empty <v/> is an empty cell, not shared string 0 (which Number('') would name).
        if (this.hasValue && text.trim() !== '') value = this.source.sharedStrings[Number(text)] ?? null;
        break;
      case 'str':
        if (this.hasValue) value = unescapeXstring(text);
        break;
      case 'inlineStr':
        if (this.hasInline) value = this.runs.take();
        else if (this.hasValue) value = unescapeXstring(text);
        break;
      case 'b':
      case 'e':
      case 'd':
        if (this.hasValue && text.trim() !== '') {
          value = flaggedValue(this.cellType, text);
          numeric = value instanceof Date;
        }
        break;
      default: {
        const number = whole !== -1 ? whole : this.hasValue && text.trim() !== '' ? Number(text) : NaN;
        if (Number.isFinite(number)) {
          numeric = true;
          value = this.isDateStyle(this.cellStyle) ? (dateFromSerial(number, this.source.date1904) ?? number) : number;
        } else if (this.hasValue && text.trim() !== '') value = text;
      }
    }
    if (this.hasInline && this.cellType !== 'inlineStr') this.runs.take();
    if (this.hasFormula && (value === null || (typeof value === 'string' && value.trim() === ''))) {
      const formula = unescapeXstring(this.formulaText);
      this.blankFormulas.push({ row: this.cellRow, column: this.cellColumn, formula });
    }
    if (value === null) return;
    this.store(this.cellRow, this.cellColumn, value, numeric ? this.source.styles.formatOf(this.cellStyle) : '');
  }

  private store(row: number, column: number, value: CellValue, format: string): void {
    if (this.bottom === 0) {
      this.top = this.bottom = row;
      this.left = this.right = column;
    } else {
      if (row < this.top) this.top = row;
      if (row > this.bottom) this.bottom = row;
      if (column < this.left) this.left = column;
      if (column > this.right) this.right = column;
    }
    // The grid runs from A1, as exceljs's and Office.js's used ranges do for the reader.
    if (this.tooLarge || this.bottom * this.right > MAX_SHEET_CELLS) {
      this.tooLarge = true;
      return;
    }
    let line = this.rows[row - 1];
    if (line === undefined) {
      // As wide as the rows so far (every row is made that wide in the end): one array per row, not one per growth.
      line = new Array<CellValue>(this.right);
      this.rows[row - 1] = line;
    }
    line[column - 1] = value;
    if (format !== '') {
      let formats = this.formats[row - 1];
      if (formats === undefined) formats = this.formats[row - 1] = new Array<string>(this.right);
      // A row written to again (cells out of order) may hold another row's array: it gets its own.
      else if (row !== this.formatsRow) formats = this.formats[row - 1] = formats.slice();
      this.formatsRow = row;
      formats[column - 1] = format;
    }
  }

  private shareFormats(): void {
    const row = this.formatsRow;
    if (row === 0) return;
    this.formatsRow = 0;
    const formats = this.formats[row - 1] ?? [];
    const before = this.formatsBefore;
    if (before !== undefined) {
      let c = 0;
      const width = Math.max(formats.length, before.length);
      while (c < width && (formats[c] ?? '') === (before[c] ?? '')) c++;
      if (c === width) {
        this.formats[row - 1] = before;
        return;
      }
    }
    this.formatsBefore = formats;
  }

  /** The cells from A1 to the last used one, every row as long as the widest. */
  grid(): Grid {
    this.shareFormats();
    const height = this.bottom;
    const width = this.right;
    const values: CellValue[][] = new Array<CellValue[]>(height);
    const numberFormats: string[][] = new Array<string[]>(height);
    // The rows kept while reading become the grid's rows, filled out to the width: no second copy of the sheet. Formats
    // like the row's before are that row's array (at 50,000 learners, 18 MB of arrays alike made and kept for nothing).
    let before: string[] | undefined;
    for (let r = 0; r < height; r++) {
      const line = this.rows[r] ?? [];
      for (let c = 0; c < width; c++) if (line[c] === undefined) line[c] = null;
      values[r] = line;
      const kept = this.formats[r];
      let c = 0;
      while (before !== undefined && c < width && (kept?.[c] ?? '') === before[c]) c++;
      if (before !== undefined && c === width) numberFormats[r] = before;
      else {
        const formats = kept ?? [];
        for (let c = 0; c < width; c++) if (formats[c] === undefined) formats[c] = '';
        numberFormats[r] = before = formats;
      }
    }
    this.blankMergedAway(values, numberFormats);
    const hiddenColumns: number[] = [];
    const seen = new Set<number>();
    for (const [min, max] of this.hiddenColumnRanges) {
      for (let c = min; c <= Math.min(max, width); c++) {
        if (!seen.has(c)) {
          seen.add(c);
          hiddenColumns.push(c);
        }
      }
    }
    hiddenColumns.sort((a, b) => a - b);
    return {
      sheetName: this.source.name,
      values,
      top: 1,
      left: 1,
      numberFormats,
      hiddenRows: this.hiddenRows,
      hiddenColumns,
      merged: this.merged,
      ...(this.blankFormulas.length > 0 ? { blankFormulas: this.blankFormulas } : {}),
    };
  }

  /** Merged areas hold their value in their first cell only, as Excel shows them. */
  private blankMergedAway(values: CellValue[][], formats: string[][]): void {
    for (const ref of this.merged) {
      const [first, last = first] = ref.split(':');
      const left = parseCellRef(first);
      const top = cellRefRow();
      const right = parseCellRef(last);
      const bottom = cellRefRow();
      if (left === 0 || right === 0 || top === 0 || bottom === 0) continue;
      for (let r = top; r <= Math.min(bottom, values.length); r++) {
        const line = values[r - 1];
        formats[r - 1] = formats[r - 1].slice(); // its own, not the row's before or after it
        for (let c = left; c <= Math.min(right, line.length); c++) {
          if (r === top && c === left) continue;
          line[c - 1] = null;
          formats[r - 1][c - 1] = '';
        }
      }
    }
  }
}

/** Streams the sheet's part into a grid, or says it is too large to read. */
export async function readSheetGrid(pkg: WorkbookPackage, source: SheetSource): Promise<SheetReading> {
  const collector = new SheetCollector(source);
  await tokenizePart(source.part, (onChunk) => pkg.streamBytes(source.part, onChunk), collector);
  const rows = collector.rowSpans.of(pkg.entry(source.part));
  const used: CellRange | undefined =
    collector.bottom === 0
      ? undefined
      : { top: collector.top, left: collector.left, bottom: collector.bottom, right: collector.right };
  if (collector.tooLarge && used) return { kind: 'too-large', used };
  const grid = collector.grid();
  grid.tables = await readTables(pkg, source.part, collector.tableIds);
  return { kind: 'grid', grid, used, rows };
}
