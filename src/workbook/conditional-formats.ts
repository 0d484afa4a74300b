// The conditional formats of the status column and of the unit highlight, as sheet XML. Every other format of the
// sheet is kept as written; qualcheck's own rules from an earlier run (recognised rule by rule: a status rule over
// the status column, or the highlight's formula) are replaced, so a second check adds none and a rule of the user's
// in the same element stays, with its priority.
import { columnLetters } from '../sheet';
import { isStatusRuleFormula, STATUSES, statusWord } from '../cohort/verdict';
import type { WritePlan } from '../placement';
import { isHighlightFormula } from '../placement';
import { escapeAttribute, escapeText, type ElementSpan } from './xml-elements';
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

function formulaText(xml: string, rule: ElementSpan): string | undefined {
  const formula = rule.children.find((f) => f.local === 'formula');
  return formula && decodeEntities(xml.slice(formula.openEnd, formula.closeStart));
}

/**
 * The rules of a <conditionalFormatting> that qualcheck wrote: a status rule (cellIs equal to a status word) over the
 * status column, or the unit highlight (its formula). Excel, openpyxl and others keep every rule of one range in one
 * element, so a person's rule can stand beside qualcheck's in it: only qualcheck's are taken out.
 */
function ownRules(xml: string, span: ElementSpan, statusLetters: string): ElementSpan[] {
  const sqref = span.attributes.sqref ?? '';
  const overStatus = new RegExp(`^${statusLetters}\\d+:${statusLetters}\\d+$`).test(sqref.trim());
  return span.children.filter((rule) => {
    if (rule.local !== 'cfRule') return false;
    const type = rule.attributes.type;
    const formula = formulaText(xml, rule)?.trim();
    if (formula === undefined) return false;
    if (type === 'expression') return isHighlightFormula(`=${formula}`);
    return overStatus && type === 'cellIs' && rule.attributes.operator === 'equal' && isStatusRuleFormula(formula);
  });
}

function highestPriority(xml: string): number {
  let highest = 0;
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?cfRule\b[^>]*?\bpriority\s*=\s*["'](\d+)["']/g))
    highest = Math.max(highest, Number(m[1]));
  return highest;
}

/**
 * The worksheet text from `from` (just past </sheetData>) with qualcheck's earlier formats taken out and `formats` put
 * at the schema's place; `children` are the worksheet's elements after `from`, with offsets in `xml`.
 * `p` is the SpreadsheetML prefix the sheet uses. `statusColumn` is the sheet column of this run's status.
 */
export function withSheetFormats(
  xml: string,
  children: readonly ElementSpan[],
  from: number,
  formats: readonly SheetFormat[],
  statusColumn: number,
  p: string,
): string {
  const letters = columnLetters(statusColumn);
  // What comes out: a whole element when every rule in it is qualcheck's, else only qualcheck's rules in it.
  const removed: { start: number; end: number }[] = [];
  const emptied = new Set<ElementSpan>();
  for (const element of children) {
    if (element.local !== 'conditionalFormatting') continue;
    const own = ownRules(xml, element, letters);
    if (own.length === 0) continue;
    const rules = element.children.filter((c) => c.local === 'cfRule');
    if (own.length === rules.length) {
      removed.push({ start: element.start, end: element.end });
      emptied.add(element);
    } else {
      for (const rule of own) removed.push({ start: rule.start, end: rule.end });
    }
  }
  let kept = xml;
  for (const span of [...removed].reverse()) kept = kept.slice(0, span.start) + kept.slice(span.end);
  if (formats.length === 0) return kept;
  const shift = (offset: number) =>
    offset - removed.filter((o) => o.end <= offset).reduce((n, o) => n + o.end - o.start, 0);
  const before = children.filter((c) => BEFORE_FORMATS.has(c.local) && !emptied.has(c));
  const at = before.length > 0 ? shift(before[before.length - 1].end) : shift(from);
  let priority = highestPriority(kept.slice(from)) + 1;
  const inserted = formats.map((format) => {
    const text = formatXml(format, priority, p);
    priority += format.rules.length;
    return text;
  });
  return kept.slice(0, at) + inserted.join('') + kept.slice(at);
}
