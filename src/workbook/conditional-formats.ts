// The conditional formats of the status column and of the unit highlight, as sheet XML. Every other format of the
// sheet is kept as written; qualcheck's own from an earlier run (recognised as the exceljs writer recognised them:
// the status column's range, or the highlight's formula) are replaced, so a second check adds none.
import { columnLetters } from '../cohort/address';
import { STATUSES, statusWord } from '../cohort/results';
import type { WritePlan } from '../cohort/placement';
import { isHighlightFormula } from '../cohort/unit-highlight';
import { attribute, childElements, escapeAttribute, escapeText, nextElement, type ElementSpan } from './xml-spans';
import { decodeEntities } from './xml-tokens';

/** What precedes <conditionalFormatting> after <sheetData> in CT_Worksheet (ECMA-376 Part 1, 18.3.1.99). */
const BEFORE_FORMATS = new Set([
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
]);

interface FormatXmlRule {
  type: 'cellIs' | 'expression';
  /** As stored in the file: no leading `=`. */
  formula: string;
  dxfId: number;
}

export interface SheetFormat {
  sqref: string;
  rules: FormatXmlRule[];
}

/**
 * The formats a plan asks for: one rule per status over the status cells, and the unit highlight. `dxfIds` holds
 * the styles.xml dxf of each status in STATUSES order, then that of the highlight.
 */
export function planFormats(plan: WritePlan, dxfIds: readonly number[]): SheetFormat[] {
  const out: SheetFormat[] = [];
  if (plan.rows.length === 0) return out;
  const letters = columnLetters(plan.firstColumn + plan.statusColumn);
  const lastRow = plan.firstRow + plan.rows.length - 1;
  out.push({
    sqref: `${letters}${plan.firstRow}:${letters}${lastRow}`,
    rules: STATUSES.map((status, i) => ({
      type: 'cellIs' as const,
      formula: `"${statusWord(status)}"`,
      dxfId: dxfIds[i],
    })),
  });
  if (plan.highlight) {
    out.push({
      sqref: plan.highlight.range,
      rules: [
        { type: 'expression', formula: plan.highlight.formula.replace(/^=/, ''), dxfId: dxfIds[STATUSES.length] },
      ],
    });
  }
  return out;
}

function formatXml(format: SheetFormat, firstPriority: number, p: string): string {
  const rules = format.rules.map((rule, i) => {
    const operator = rule.type === 'cellIs' ? ' operator="equal"' : '';
    return `<${p}cfRule type="${rule.type}" dxfId="${rule.dxfId}" priority="${firstPriority + i}"${operator}><${p}formula>${escapeText(rule.formula)}</${p}formula></${p}cfRule>`;
  });
  return `<${p}conditionalFormatting sqref="${escapeAttribute(format.sqref)}">${rules.join('')}</${p}conditionalFormatting>`;
}

/** Whether a <conditionalFormatting> is one qualcheck wrote: over the status column, or with the highlight's formula. */
function isOwn(xml: string, span: ElementSpan, statusLetters: string): boolean {
  const sqref = attribute(xml.slice(span.start, span.openEnd), 'sqref') ?? '';
  if (new RegExp(`^${statusLetters}\\d+:${statusLetters}\\d+$`).test(sqref.trim())) return true;
  for (const rule of childElements(xml, span)) {
    if (rule.local !== 'cfRule' || attribute(xml.slice(rule.start, rule.openEnd), 'type') !== 'expression') continue;
    for (const formula of childElements(xml, rule)) {
      if (
        formula.local === 'formula' &&
        isHighlightFormula(`=${decodeEntities(xml.slice(formula.openEnd, formula.end).replace(/<\/[^>]*>$/, ''))}`)
      )
        return true;
    }
  }
  return false;
}

/** The worksheet's children from `from` to its end tag. */
function worksheetChildren(xml: string, from: number): ElementSpan[] {
  const out: ElementSpan[] = [];
  let at = from;
  for (;;) {
    const next = nextElement(xml, at);
    if (next === 'incomplete' || 'parentEnd' in next) return out;
    out.push(next);
    at = next.end;
  }
}

function highestPriority(xml: string): number {
  let highest = 0;
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*?\bpriority\s*=\s*["'](\d+)["']/g))
    highest = Math.max(highest, Number(m[1]));
  return highest;
}

/**
 * The worksheet text from `from` (just past </sheetData>, or past the start tag of a worksheet with no sheetData
 * before the position) with qualcheck's earlier formats taken out and `formats` put at the schema's place.
 * `p` is the SpreadsheetML prefix the sheet uses. `statusColumn` is the sheet column of this run's status.
 */
export function withSheetFormats(
  xml: string,
  from: number,
  formats: readonly SheetFormat[],
  statusColumn: number,
  p: string,
): string {
  const children = worksheetChildren(xml, from);
  const letters = columnLetters(statusColumn);
  const own = children.filter((c) => c.local === 'conditionalFormatting' && isOwn(xml, c, letters));
  let kept = xml;
  for (const span of [...own].reverse()) kept = kept.slice(0, span.start) + kept.slice(span.end);
  if (formats.length === 0) return kept;
  const shift = (offset: number) =>
    offset - own.filter((o) => o.end <= offset).reduce((n, o) => n + o.end - o.start, 0);
  const before = children.filter((c) => BEFORE_FORMATS.has(c.local) && !own.includes(c));
  const at = before.length > 0 ? shift(before[before.length - 1].end) : shift(from);
  let priority = highestPriority(kept.slice(from)) + 1;
  const inserted = formats.map((format) => {
    const text = formatXml(format, priority, p);
    priority += format.rules.length;
    return text;
  });
  return kept.slice(0, at) + inserted.join('') + kept.slice(at);
}
