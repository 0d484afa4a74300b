// The number format of each cell style (`s` on a cell indexes `<cellXfs>`): the reader needs it to tell a date from a
// number, as the add-in does with Office.js's numberFormat.
import type { WorkbookPackage } from './package';

/**
 * The formats Excel has built in, by id, as ECMA-376 Part 1 §18.8.30 lists them. Ids 27–36 and 50–58 are dates and
 * times whose code depends on the locale (East Asian calendars): a date or time code of the same kind stands in.
 */
const BUILT_IN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};
for (const id of [27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]) BUILT_IN[id] = 'yyyy-mm-dd';
for (const id of [32, 33, 55, 56]) BUILT_IN[id] = 'h:mm:ss';

export interface CellStyles {
  /** The number format code of style index `s` ('General' for none or an unknown index). */
  formatOf(styleIndex: number): string;
}

export function builtInFormat(id: number): string | undefined {
  return BUILT_IN[id];
}

class StyleTable implements CellStyles {
  constructor(private readonly formats: readonly string[]) {}
  formatOf(styleIndex: number): string {
    return this.formats[styleIndex] ?? 'General';
  }
}

export const NO_STYLES: CellStyles = new StyleTable([]);

export async function readStyles(pkg: WorkbookPackage, part: string): Promise<CellStyles> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  // `<numFmt>` also stands in differential formats (`<dxf>`) and `<xf>` in cell style formats: only the lists count.
  let list: 'numFmts' | 'cellXfs' | undefined;
  await pkg.readXml(part, {
    open(tag) {
      if (tag.name === 'numFmts' || tag.name === 'cellXfs') {
        if (!tag.selfClosing) list = tag.name;
      } else if (list === 'numFmts' && tag.name === 'numFmt') {
        const id = Number(tag.attributes.numFmtId);
        const code = tag.attributes.formatCode;
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (list === 'cellXfs' && tag.name === 'xf') {
        const id = Number(tag.attributes.numFmtId ?? 0);
        xfFormats.push(Number.isInteger(id) ? id : 0);
      }
    },
    close(tag) {
      if (tag.name === list) list = undefined;
    },
  });
  return new StyleTable(xfFormats.map((id) => custom.get(id) ?? BUILT_IN[id] ?? 'General'));
}
