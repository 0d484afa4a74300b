// A workbook opened for reading: the package, its workbook part, and the shared strings and styles its sheets need,
// read once and only when a sheet is read.
import { damaged, WorkbookFileError } from './errors';
import { WorkbookPackage, type PackageLimits } from './package';
import { readWorkbookInfo, sheetPart, type SheetEntry, type WorkbookInfo } from './parts';
import { readSharedStrings } from './shared-strings';
import { readSheetGrid, type SheetReading } from './sheet-grid';
import { NO_STYLES, readStyles, type CellStyles } from './styles';

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
      if (!info || !info.sheets.some((s) => s.kind === 'worksheet')) {
        throw new WorkbookFileError(
          'is not an Excel workbook (.xlsx): it holds no worksheets (a .zip, .docx, .ods or .xlsb renamed?); open it in Excel and save it as "Excel Workbook (.xlsx)"',
        );
      }
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

  /** Streams one worksheet into a grid (or says it is too large to read). */
  async readSheet(sheet: SheetEntry): Promise<SheetReading> {
    if (sheet.kind !== 'worksheet') throw damaged(`sheet "${sheet.name}" is not a worksheet`);
    const part = sheetPart(this.pkg, sheet);
    const [sharedStrings, styles] = await Promise.all([this.sharedStrings(), this.styles()]);
    return readSheetGrid(this.pkg, { name: sheet.name, part, sharedStrings, styles, date1904: this.info.date1904 });
  }
}
