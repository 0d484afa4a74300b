// Writes qualification definitions as the "Qualification rules" sheet a centre edits: one block per qualification,
// with its facts, then its unit, group and rule tables, and a table of equivalent units for a qualification that has
// them. Values the catalogue does not know are empty cells, listed
// so the host can highlight them. The grid starts at A1; the pane and the CLI only move the cells and formats.
import { noteWords } from '../rules/catalogue';
import { ruleSheetValues, type RuleSheetValues } from '../rules/kinds';
import type { QualificationDefinition, Rule } from '../rules/model';
import type { CellValue } from '../sheet';
import { cellAddress, rangeAddress } from '../sheet';
import {
  BLOCK_LABEL,
  FACT_ROWS,
  type FactKey,
  GROUP_COLUMNS,
  BASIC_RULE_COLUMNS,
  EQUIVALENT_COLUMNS,
  KIND_LABELS,
  LEVEL_MATCH_WORDS,
  LIST_SEPARATOR,
  MEASURE_WORDS,
  OVER_MAX_WORDS,
  RULE_COLUMNS,
  type RuleColumnKey,
  TARGET_SEPARATOR,
  UNIT_COLUMNS,
  type UnitColumnKey,
} from './layout';

export { readRulesSheet, type RulesSheetProblem, type RulesSheetReading, type ReadRulesSheetOptions } from './read';
export { RULES_SHEET_NAME, isRulesSheetName, KIND_LABELS } from './layout';

/** Where one qualification's block sits, for the host to format it. Ranges are A1 ranges on the sheet. */
export interface RulesSheetBlock {
  qualificationId: string;
  /** The whole block, from its "Qualification" row to its last rule (or its last equivalent unit). */
  range: string;
  /** The label and value columns of the facts, "Qualification" row included. */
  facts: string;
  /** Each table with its header row; `header` is the header row alone. */
  units: { header: string; range: string };
  groups: { header: string; range: string };
  rules: { header: string; range: string };
  /**
   * The Credits, GLH and Level cells of the unit rows, for a conditional format that highlights the empty ones (and
   * stops when the centre fills them); absent when the block has no units.
   */
  unitValues?: string;
}

export interface RulesSheetLayout {
  /** Cell values from A1, one array per row, all rows as wide as `width`. */
  values: CellValue[][];
  width: number;
  /** Empty cells of unknown unit credits, GLH and levels: the values a centre is asked to fill in. */
  unknownCells: string[];
  /** Cells to show as headings: the sheet title, each block's "Qualification" row and the tables' header rows (A1 ranges). */
  headings: string[];
  /** Cells of explanatory text (the notes at the top and the hints beside the facts), to show in a quieter style. */
  hints: string[];
  blocks: RulesSheetBlock[];
  /** A width in characters for each column, to make the sheet readable without resizing. */
  columnWidths: number[];
}

export interface RulesSheetOptions {
  /** Lines written under the sheet title, above the first block (the reader ignores them). */
  notes?: readonly string[];
}

/** What the sheet says about itself above the first block. */
export const DEFAULT_NOTES: readonly string[] = [
  'qualcheck reads this sheet when it checks the workbook and uses it over its built-in catalogue; the whole team shares it with the workbook.',
  "Fill the highlighted empty cells (values the catalogue does not know) from the awarding body's unit handbook; leave a cell empty when you do not know the value.",
  'Add rows for new units, groups or rules, or copy a whole block, from its "Qualification" row to its last rule, for a qualification of your own.',
  `Levels: 1 to 8, or Entry. Kinds of rule: ${Object.values(KIND_LABELS).join(', ')}. At or above: yes or no. Several groups or units: separate them with commas.`,
  'A sum rule adds up credits, GLH or units (Adds up) over the units of its groups, its Named units and its Level (Level match: exactly, at least or at most), with a Minimum, a Maximum or both; Over the maximum: not counted (the units past it do not count) or forbidden.',
];

/** Said above the first block only when a qualification has equivalent units, so other sheets stay as they were. */
export const EQUIVALENTS_NOTE = `Equivalent units (the table after a block's rules): a unit of another qualification, by its ref as the cohort sheet heads it, that counts as one of this qualification's units (Counts as: its Unit ref). Add the table under a block's rules when its rules of combination name such units.`;

function levelCell(level: number | null): CellValue {
  if (level === null) return null;
  return level === 0 ? 'Entry' : level;
}

function factValue(q: QualificationDefinition, key: FactKey): CellValue {
  switch (key) {
    case 'title':
      return q.title;
    case 'awardingBody':
      return q.awardingBody;
    case 'level':
      return levelCell(q.level);
    case 'codes':
      return q.codes && q.codes.length > 0 ? q.codes.join(LIST_SEPARATOR) : null;
    case 'from':
      return q.operational?.from ?? null;
    case 'to':
      return q.operational?.to ?? null;
    case 'minAge':
      return q.minAge ?? null;
    case 'glhMin':
      return q.glh?.min ?? null;
    case 'glhMax':
      return q.glh?.max ?? null;
  }
}

/** A rule's cell in a column: the kind says what it puts in the columns it fills. */
function ruleValue(rule: Rule, values: RuleSheetValues, key: RuleColumnKey): CellValue {
  switch (key) {
    case 'id':
      return rule.id;
    case 'kind':
      return KIND_LABELS[rule.kind];
    case 'targets':
      return values.targets?.join(TARGET_SEPARATOR) ?? null;
    case 'min':
      return values.min ?? null;
    case 'level':
      return values.level === undefined ? null : levelCell(values.level);
    case 'orAbove':
      return values.orAbove === undefined ? null : values.orAbove ? 'yes' : 'no';
    case 'text':
      return rule.text;
    case 'note':
      return rule.note === undefined ? null : noteWords(rule.note);
    case 'of':
      return values.of === undefined ? null : MEASURE_WORDS[values.of];
    case 'units':
      return values.units?.join(TARGET_SEPARATOR) ?? null;
    case 'levelMatch':
      return values.levelMatch === undefined ? null : LEVEL_MATCH_WORDS[values.levelMatch];
    case 'max':
      return values.max ?? null;
    case 'overMax':
      return values.overMax === undefined ? null : OVER_MAX_WORDS[values.overMax];
  }
}

/** The rule columns a qualification's rules sheet block has: the general rule's only when a rule fills them. */
function ruleColumnsOf(q: QualificationDefinition): typeof RULE_COLUMNS {
  const more = q.rules.some((rule) => Object.keys(ruleSheetValues(rule)).some((key) => !BASIC_KEYS.has(key)));
  return more ? RULE_COLUMNS : RULE_COLUMNS.slice(0, BASIC_RULE_COLUMNS);
}

const BASIC_KEYS = new Set<string>(RULE_COLUMNS.slice(0, BASIC_RULE_COLUMNS).map((c) => c.key));

const HINT_COLUMN = 4;
const UNKNOWN_WHEN_EMPTY: readonly UnitColumnKey[] = ['credits', 'glh', 'level'];

/** The rules sheet for these definitions, in the order given. */
export function rulesSheetGrid(
  definitions: readonly QualificationDefinition[],
  options: RulesSheetOptions = {},
): RulesSheetLayout {
  const ruleWidth = Math.max(...definitions.map((q) => ruleColumnsOf(q).length), BASIC_RULE_COLUMNS);
  const width = Math.max(3, UNIT_COLUMNS.length, ruleWidth, GROUP_COLUMNS.length);
  const rows: CellValue[][] = [];
  const row = (cells: CellValue[] = []): number => {
    rows.push([...cells, ...new Array<CellValue>(width - cells.length).fill(null)]);
    return rows.length;
  };
  const line = (r: number, last: number) => rangeAddress({ top: r, left: 1, bottom: r, right: last });
  const headings: string[] = [];
  const hints: string[] = [];
  const unknownCells: string[] = [];
  const blocks: RulesSheetBlock[] = [];

  headings.push(cellAddress(row(['Qualification rules']), 1));
  const anyEquivalents = definitions.some((q) => (q.equivalents ?? []).length > 0);
  const notes = options.notes ?? (anyEquivalents ? [...DEFAULT_NOTES, EQUIVALENTS_NOTE] : DEFAULT_NOTES);
  for (const note of notes) hints.push(cellAddress(row([note]), 1));
  row();

  for (const q of definitions) {
    // Hints go two columns right of the value, so a long title can run on over the empty cell between.
    const first = row([BLOCK_LABEL, q.id, null, "the Ofqual qualification number, or the awarding body's code"]);
    headings.push(line(first, 2));
    hints.push(cellAddress(first, HINT_COLUMN));
    for (const fact of FACT_ROWS) {
      const r = row([fact.label, factValue(q, fact.key), null, fact.hint ?? null]);
      hints.push(cellAddress(r, HINT_COLUMN));
    }
    const factsEnd = rows.length;
    row();

    const unitHeader = row(UNIT_COLUMNS.map((c) => c.label));
    headings.push(line(unitHeader, UNIT_COLUMNS.length));
    for (const unit of q.units) {
      const values: Record<UnitColumnKey, CellValue> = {
        ref: unit.ref,
        number: unit.number ?? null,
        title: unit.title,
        group: unit.group,
        credits: unit.credits,
        glh: unit.glh,
        level: levelCell(unit.level),
        aliases: unit.aliases && unit.aliases.length > 0 ? unit.aliases.join(LIST_SEPARATOR) : null,
        source: unit.source ?? null,
      };
      const r = row(UNIT_COLUMNS.map((c) => values[c.key]));
      UNIT_COLUMNS.forEach((c, i) => {
        if (UNKNOWN_WHEN_EMPTY.includes(c.key) && values[c.key] === null) unknownCells.push(cellAddress(r, i + 1));
      });
    }
    const unitsEnd = rows.length;
    row();

    const groupHeader = row(GROUP_COLUMNS.map((c) => c.label));
    headings.push(line(groupHeader, GROUP_COLUMNS.length));
    for (const group of q.groups) row([group.id, group.title, group.totalCredits ?? null]);
    const groupsEnd = rows.length;
    row();

    const ruleColumns = ruleColumnsOf(q);
    const ruleHeader = row(ruleColumns.map((c) => c.label));
    headings.push(line(ruleHeader, ruleColumns.length));
    for (const rule of q.rules) {
      const values = ruleSheetValues(rule);
      row(ruleColumns.map((c) => ruleValue(rule, values, c.key)));
    }
    const rulesEnd = rows.length;
    row();

    // Only a qualification with equivalents has their table, so a sheet of any other reads and looks as before.
    const equivalents = q.equivalents ?? [];
    let blockEnd = rulesEnd;
    if (equivalents.length > 0) {
      const equivalentHeader = row(EQUIVALENT_COLUMNS.map((c) => c.label));
      headings.push(line(equivalentHeader, EQUIVALENT_COLUMNS.length));
      for (const e of equivalents) row(EQUIVALENT_COLUMNS.map((c) => e[c.key]));
      blockEnd = rows.length;
      row();
    }
    row();

    const table = (header: number, end: number, columns: number) => ({
      header: line(header, columns),
      range: rangeAddress({ top: header, left: 1, bottom: end, right: columns }),
    });
    const valueColumns = (['credits', 'glh', 'level'] as const).map(
      (key) => UNIT_COLUMNS.findIndex((c) => c.key === key) + 1,
    );
    blocks.push({
      ...(unitsEnd > unitHeader
        ? {
            unitValues: rangeAddress({
              top: unitHeader + 1,
              left: Math.min(...valueColumns),
              bottom: unitsEnd,
              right: Math.max(...valueColumns),
            }),
          }
        : {}),
      qualificationId: q.id,
      range: rangeAddress({ top: first, left: 1, bottom: blockEnd, right: width }),
      facts: rangeAddress({ top: first, left: 1, bottom: factsEnd, right: 2 }),
      units: table(unitHeader, unitsEnd, UNIT_COLUMNS.length),
      groups: table(groupHeader, groupsEnd, GROUP_COLUMNS.length),
      rules: table(ruleHeader, rulesEnd, ruleColumns.length),
    });
  }

  // Wide enough for the labels and the usual values; long texts (titles, sources, rule texts) wrap or run on.
  const columnWidths = [18, 20, 48, 12, 10, 12, 40, 40, 60].slice(0, width);
  while (columnWidths.length < width) columnWidths.push(12);
  return { values: rows, width, unknownCells, headings, hints, blocks, columnWidths };
}
