// The .xlsx file layer the command line stands on: a workbook opened for reading (its package, parts, shared
// strings and styles, and a sheet streamed into the cohort reader's grid), and the patching of a copy (the cohort
// sheet's result cells and formats, styles' dxfs, custom XML parts, a new sheet's entries), every other byte passed
// on as it was. Node only: it reads and writes zips.
export { findCustomXmlParts, putCustomXmlParts } from './custom-xml';
export { planFormats } from './conditional-formats';
export { WorkbookFileError } from './errors';
export { addWorkbookPart, listSheetInAppProperties, PackageEdit, PartTooLargeError } from './package-edit';
export {
  freePartName,
  STYLES_CONTENT_TYPE,
  withSheetEntry,
  WORKSHEET_CONTENT_TYPE,
  XML_DECLARATION,
} from './package-entries';
export { WorkbookPackage } from './package';
export { readWorkbookInfo, sheetPart, type SheetEntry, type WorkbookInfo } from './parts';
export {
  emptySheetXml,
  patchSheet,
  RowSpansMismatch,
  type RowWrites,
  type SheetRows,
  type SheetWrites,
  type WrittenValue,
} from './sheet-patch';
export { withDifferentialFormats } from './styles-patch';
export { Workbook } from './workbook';
export type { SheetRowSpans } from './xml-elements';
export { XmlSyntaxError } from './xml-tokens';
