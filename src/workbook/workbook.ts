// A workbook opened for reading: the package, its workbook part, and the shared strings and styles its sheets need,
// read once and only when a sheet is read.
import { damaged, WorkbookFileError } from './errors';
import { WorkbookPackage, type PackageLimits } from './package';
import { readRelationships, readWorkbookInfo, sheetPart, type SheetEntry, type WorkbookInfo } from './parts';
import { readSharedStrings } from './shared-strings';
import { readSheetGrid, type SheetReading } from './sheet-grid';
import { NO_STYLES, readStyles, type CellStyles } from './styles';

const NO_WORKSHEETS =
  'is not an Excel workbook (.xlsx): it holds no worksheets (a .zip, .docx, .ods or .xlsb renamed?); open it in Excel and save it as "Excel Workbook (.xlsx)"';

/** Why a package that opened is no workbook qualcheck can read, or undefined when it is one. */
function notAWorkbook(pkg: WorkbookPackage, info: WorkbookInfo | undefined): WorkbookFileError | undefined {
  if (!info) {
    const sheetParts = pkg.partNames().some((name) => /^xl\/worksheets\//i.test(name));
    return sheetParts
      ? damaged('its workbook part (xl/workbook.xml), which lists the sheets, is missing')
      : new WorkbookFileError(NO_WORKSHEETS);
  }
  if (info.sheets.some((s) => s.kind === 'worksheet')) return undefined;
  if (info.sheets.some((s) => s.kind === 'chartsheet')) {
    return new WorkbookFileError(
      'holds only chart sheets, no worksheet of cells; a cohort is read from a worksheet with one row per learner',
    );
  }
  return new WorkbookFileError(NO_WORKSHEETS);
}

export class Workbook {
  private strings?: Promise<string[]>;
  private cellStyles?: Promise<CellStyles>;

  private constructor(
    readonly pkg: WorkbookPackage,
    readonly info: WorkbookInfo,
  ) {}

  /**
   * Opens the package in `bytes`. Throws WorkbookFileError, in a person's words, for a package that is damaged or
   * is no workbook (a .docx, an .ods, an .xlsb, a plain zip).
   */
  static async open(bytes: Buffer, limits?: PackageLimits): Promise<Workbook> {
    const pkg = await WorkbookPackage.open(bytes, limits);
    try {
      const info = await readWorkbookInfo(pkg);
      const problem = notAWorkbook(pkg, info);
      if (problem || !info) throw problem ?? new WorkbookFileError(NO_WORKSHEETS);
      return new Workbook(pkg, info);
    } catch (error) {
      pkg.close();
      throw error;
    }
  }

  close(): void {
    this.pkg.close();
  }

  /** The worksheets, in the workbook's order (chart sheets and macro sheets hold no cells to read). */
  get worksheets(): SheetEntry[] {
    return this.info.sheets.filter((s) => s.kind === 'worksheet');
  }

  /** The worksheet of that name, matched as Excel matches names (without regard to case). */
  worksheet(name: string): SheetEntry | undefined {
    const sheets = this.worksheets;
    const lower = name.toLowerCase();
    return sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === lower);
  }

  private related(type: string): string | undefined {
    const found = this.info.relationships.find((r) => r.type === type && !r.external && r.part !== undefined);
    return found?.part;
  }

  sharedStrings(): Promise<string[]> {
    this.strings ??= (async () => {
      const part = this.related('sharedStrings');
      return part !== undefined && this.pkg.has(part) ? readSharedStrings(this.pkg, part) : [];
    })();
    return this.strings;
  }

  styles(): Promise<CellStyles> {
    this.cellStyles ??= (async () => {
      const part = this.related('styles');
      return part !== undefined && this.pkg.has(part) ? readStyles(this.pkg, part) : NO_STYLES;
    })();
    return this.cellStyles;
  }

  /**
   * Whether the worksheet holds a pivot table (a pivotTable part related to it): a summary Excel makes of other data,
   * with its field labels as headers and "Grand Total" as a row, never a cohort.
   */
  async holdsPivotTable(sheet: SheetEntry): Promise<boolean> {
    const relationships = await readRelationships(this.pkg, sheetPart(this.pkg, sheet));
    return relationships.some((r) => r.type === 'pivotTable');
  }

  /** Streams one worksheet into a grid (or says it is too large to read). */
  async readSheet(sheet: SheetEntry): Promise<SheetReading> {
    if (sheet.kind !== 'worksheet') throw damaged(`sheet "${sheet.name}" is not a worksheet`);
    const part = sheetPart(this.pkg, sheet);
    const [sharedStrings, styles] = await Promise.all([this.sharedStrings(), this.styles()]);
    return readSheetGrid(this.pkg, { name: sheet.name, part, sharedStrings, styles, date1904: this.info.date1904 });
  }
}
