// Reads the "Qualification rules" sheet back into qualification definitions. Each block becomes the JSON a centre
// would write, and goes through the same validation as a rules file; every problem comes back naming the cell to
// correct, in the sheet's words. Values that differ from the catalogue are recorded as the centre's in each unit's
// source, so results can say which verdicts rest on them. Never throws: a broken sheet is a list of errors.
import type { QualificationDefinition } from '../rules/model';
import { type DefinitionError, parseQualificationDefinitions } from '../rules/definition';
import { closestWord, formatPath, type PathSegment } from '../rules/definition-messages';
import { EMBEDDED_QUALIFICATIONS } from '../rules/catalogue/embedded';
import { normaliseQualificationId } from '../rules/catalogue';
import { RULES_SHEET_ORIGIN, withProvenance } from '../rules/provenance';
import { kindSheet } from '../rules/kinds';
import type { CellValue, Grid } from './types';
import { cellAddress, parseCellAddress } from './address';
import { gridWidth, isBlank } from './grid';
import { isoFromDate, isoFromExcelSerial, isoFromText } from './dates';
import {
  BLOCK_LABEL,
  FACT_ROWS,
  type FactKey,
  findLabelled,
  GROUP_COLUMNS,
  KIND_LABELS,
  kindFromText,
  type Labelled,
  labelKey,
  NO_WORDS,
  RULE_COLUMNS,
  RULES_SHEET_NAME,
  type TableName,
  tableStartedBy,
  UNIT_COLUMNS,
  UNKNOWN_WORDS,
  YES_WORDS,
} from './rules-sheet-layout';

export interface RulesSheetError {
  /** A1 address of the cell to correct, always inside the grid read. */
  cell: string;
  /** What is wrong and what to do, in the sheet's words. */
  message: string;
}

export interface RulesSheetReading {
  /** The definitions of the blocks without an error, with the centre's values marked in each unit's source. */
  definitions: QualificationDefinition[];
  errors: RulesSheetError[];
  /** Every block found: the id as written and the A1 cell of its "Qualification" label. */
  blocks: { qualificationId: string; cell: string }[];
}

export interface ReadRulesSheetOptions {
  /** Recorded as each definition's origin; default `rules sheet "<sheet name>"`. */
  origin?: string;
  /** The definitions the sheet's replace, to tell the centre's values from the catalogue's; default the embedded ones. */
  base?: readonly QualificationDefinition[];
}

/** The start of the message `readRulesSheet` gives when its own code failed: tests look for it. */
export const RULES_SHEET_FAILURE = 'The rules sheet could not be read';

export function readRulesSheet(grid: Grid, options: ReadRulesSheetOptions = {}): RulesSheetReading {
  try {
    return new RulesSheetReader(grid, options).read();
  } catch (error) {
    const top = Number.isFinite(grid?.top) ? grid.top : 1;
    const left = Number.isFinite(grid?.left) ? grid.left : 1;
    const reason = error instanceof Error ? error.message : String(error);
    return {
      definitions: [],
      errors: [
        {
          cell: cellAddress(top, left),
          message: `${RULES_SHEET_FAILURE} (${reason}). Write the sheet again from the pane, or with qualcheck rules export.`,
        },
      ],
      blocks: [],
    };
  }
}

type Json = Record<string, unknown>;

interface BlockStart {
  row: number;
  column: number;
}

interface Block {
  start: BlockStart;
  json: Json;
  /** JSON path (as `formatPath` writes it, prefix `[0]`) to the A1 cell that holds it. */
  cells: Map<string, string>;
  /** Grid rows of the units, groups and rules, by their position in the JSON lists. */
  rows: Record<TableName, number[]>;
  /** The grid row after the block's last row. */
  end: number;
  id?: string;
}

function cellError(value: CellValue): string | undefined {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && typeof value.error === 'string'
    ? value.error
    : undefined;
}

function listOf(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const PATH_TAIL = /(\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/;

/** JSON words in the validation's messages, as the sheet's column names say them. */
const SHEET_WORDS: [RegExp, string][] = [
  [/\bThe (groups|units)\[\d+\] of rule/g, 'Groups or units of rule'],
  [/ to groups\./g, ' to the group table.'],
  [/add the unit to units\./g, 'add the unit to the unit table.'],
  [/lower min,/g, 'lower its Minimum,'],
  [/raise min of rule/g, 'raise the Minimum of rule'],
  [/correct totalCredits/g, 'correct its Total credits'],
  [/, or null when not known/g, ', or leave the cell empty when not known'],
  [/ or null \(when not known\)/g, ', or empty when not known'],
  [/\bThe min of rule/g, 'The Minimum of rule'],
  [/\bThe glh\.(min|max) of the qualification/g, 'GLH $1'],
  [/\bThe minAge of the qualification/g, 'The minimum age'],
  [/in this file/g, 'on this sheet'],
  [
    /is not a date written as YYYY-MM-DD: write it as year-month-day[^.]*\./g,
    'is not a date: write a date such as 24/05/2012 or 2012-05-24.',
  ],
  [/: min must not be more than max\./g, ': GLH min must not be more than GLH max.'],
  [/^Alias "/, 'Other header "'],
];

class RulesSheetReader {
  private readonly values: CellValue[][];
  private readonly height: number;
  private readonly width: number;
  private readonly errors: { row: number; column: number; message: string }[] = [];

  constructor(
    private readonly grid: Grid,
    private readonly options: ReadRulesSheetOptions,
  ) {
    this.values = Array.isArray(grid.values) ? grid.values : [];
    this.height = this.values.length;
    this.width = gridWidth({ ...grid, values: this.values });
  }

  read(): RulesSheetReading {
    const starts = this.blockStarts();
    if (starts.length === 0) {
      this.fail(
        0,
        0,
        `No qualification found: each qualification's block starts with a row whose first cell says "${BLOCK_LABEL}" and whose next cell holds its id. Write the sheet again with "Edit qualification data" in the pane, or with qualcheck rules export --out FILE.xlsx.`,
      );
      return { definitions: [], errors: this.sortedErrors(), blocks: [] };
    }
    const blocks = starts.map((start, i) =>
      this.readBlock(start, i + 1 < starts.length ? starts[i + 1].row : this.height),
    );
    const definitions: QualificationDefinition[] = [];
    const firstRowOfId = new Map<string, number>();
    const origin = this.options.origin ?? `rules sheet "${this.grid.sheetName ?? RULES_SHEET_NAME}"`;
    const base = this.options.base ?? EMBEDDED_QUALIFICATIONS;
    for (const block of blocks) {
      const before = this.errors.length;
      if (block.id !== undefined) {
        const key = normaliseQualificationId(block.id);
        const first = firstRowOfId.get(key);
        if (first !== undefined) {
          this.fail(
            block.start.row,
            block.start.column + 1,
            `Qualification ${block.id} already has a block on this sheet (row ${this.sheetRow(first)}): keep one block per qualification, and move this block's rows into it.`,
          );
        } else firstRowOfId.set(key, block.start.row);
      }
      const { definitions: parsed, errors } = parseQualificationDefinitions([block.json], origin);
      this.addDefinitionErrors(block, errors);
      const blockFailed = this.errors.slice(before).length > 0 || this.hasSheetErrorsIn(block);
      if (!blockFailed && parsed.length === 1) {
        const definition = parsed[0];
        const replaced = base.find((q) => normaliseQualificationId(q.id) === normaliseQualificationId(definition.id));
        definitions.push(withProvenance(definition, replaced, RULES_SHEET_ORIGIN));
      }
    }
    return {
      definitions,
      errors: this.sortedErrors(),
      blocks: blocks.map((b) => ({ qualificationId: b.id ?? '', cell: this.address(b.start.row, b.start.column) })),
    };
  }

  // ---- cells ----

  private value(row: number, column: number): CellValue {
    const line = this.values[row];
    return Array.isArray(line) ? (line[column] ?? null) : null;
  }

  private sheetRow(row: number): number {
    return this.grid.top + row;
  }

  /** The A1 address of a grid cell; a cell past the grid's right or bottom edge is named by the nearest cell inside. */
  private address(row: number, column: number): string {
    const r = Math.max(0, Math.min(row, this.height - 1));
    const c = Math.max(0, Math.min(column, this.width - 1));
    return cellAddress(this.grid.top + r, this.grid.left + c);
  }

  private fail(row: number, column: number, message: string): void {
    this.errors.push({
      row: Math.max(0, Math.min(row, this.height - 1)),
      column: Math.max(0, Math.min(column, this.width - 1)),
      message,
    });
  }

  private sortedErrors(): { cell: string; message: string }[] {
    const seen = new Set<string>();
    return [...this.errors]
      .sort((a, b) => a.row - b.row || a.column - b.column)
      .map((e) => ({ cell: this.address(e.row, e.column), message: e.message }))
      .filter((e) => {
        const key = `${e.cell}\n${e.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  private rowIsBlank(row: number): boolean {
    const line = this.values[row];
    return !Array.isArray(line) || line.every((v) => isBlank(v));
  }

  /** A cell as text: numbers as typed, dates as ISO; an Excel error is reported and read as empty. */
  private text(row: number, column: number): string | undefined {
    const value = this.value(row, column);
    const error = cellError(value);
    if (error !== undefined) {
      this.fail(row, column, `The cell shows the error ${error}: type the value itself, or correct the formula.`);
      return undefined;
    }
    if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (value instanceof Date) return isoFromDate(value);
    return undefined;
  }

  /** A whole number, passed on as typed for the validation to judge (negative, fractional); unknown words read as null. */
  private count(row: number, column: number, what: string, unknownAllowed: boolean): number | null | undefined {
    const value = this.value(row, column);
    if (typeof value === 'number') return value;
    if (value instanceof Date || typeof value === 'boolean') {
      this.fail(
        row,
        column,
        `${what} must be a whole number${unknownAllowed ? ', or left empty when not known' : ''}; the cell holds ${value instanceof Date ? 'a date' : 'TRUE or FALSE'}.`,
      );
      return undefined;
    }
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    if (/^[+-]?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (unknownAllowed && UNKNOWN_WORDS.includes(labelKey(text))) return null;
    this.fail(
      row,
      column,
      `${what} must be a whole number${unknownAllowed ? ', or left empty when not known' : ''}; it says "${text}".`,
    );
    return undefined;
  }

  /** A level: a number, `Level 2`, `L2`, or Entry (passed on for the validation to check the range and the word). */
  private level(row: number, column: number, unknownAllowed: boolean): number | string | null | undefined {
    const value = this.value(row, column);
    if (typeof value === 'number') return value;
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    const m = /^(?:level|l)?\s*(\d+)$/i.exec(text);
    if (m) return Number(m[1]);
    if (unknownAllowed && UNKNOWN_WORDS.includes(labelKey(text))) return null;
    return text;
  }

  private date(row: number, column: number): string | undefined {
    const value = this.value(row, column);
    if (value instanceof Date) return isoFromDate(value);
    // Office.js gives a date cell as its serial number.
    if (typeof value === 'number') return isoFromExcelSerial(value) ?? String(value);
    const text = this.text(row, column);
    return text === undefined ? undefined : (isoFromText(text) ?? text);
  }

  private yesNo(row: number, column: number, what: string): boolean | undefined {
    const value = this.value(row, column);
    if (typeof value === 'boolean') return value;
    const text = this.text(row, column);
    if (text === undefined) return undefined;
    const key = labelKey(text);
    if (YES_WORDS.includes(key)) return true;
    if (NO_WORDS.includes(key)) return false;
    this.fail(
      row,
      column,
      `${what} must be yes (units above the level count too) or no (only units at exactly the level count); it says "${text}".`,
    );
    return undefined;
  }

  // ---- blocks ----

  private blockStarts(): BlockStart[] {
    const starts: BlockStart[] = [];
    for (let row = 0; row < this.height; row++) {
      const line = this.values[row];
      if (!Array.isArray(line)) continue;
      const column = line.findIndex((v) => !isBlank(v));
      if (column < 0) continue;
      const first = line[column];
      if (typeof first === 'string' && labelKey(first) === labelKey(BLOCK_LABEL)) starts.push({ row, column });
    }
    return starts;
  }

  private readBlock(start: BlockStart, end: number): Block {
    const c0 = start.column;
    const block: Block = { start, end, json: {}, cells: new Map(), rows: { units: [], groups: [], rules: [] } };
    const mark = (path: readonly PathSegment[], row: number, column: number) =>
      block.cells.set(formatPath(path, '[0]'), this.address(row, column));
    mark([], start.row, c0);
    mark(['id'], start.row, c0 + 1);
    const id = this.text(start.row, c0 + 1);
    if (id === undefined)
      this.fail(
        start.row,
        c0 + 1,
        `The qualification on row ${this.sheetRow(start.row)} has no id: write its Ofqual number (for example 600/5106/1) or the awarding body's code beside "${BLOCK_LABEL}".`,
      );
    else {
      block.json.id = id;
      block.id = id;
    }
    const name = id ?? `on row ${this.sheetRow(start.row)}`;
    const facts = new Map<FactKey, number>();
    let table: { name: TableName; columns: Map<string, number>; header: number } | undefined;
    const tablesSeen = new Set<TableName>();
    for (let row = start.row + 1; row < end; row++) {
      if (this.rowIsBlank(row)) continue;
      const first = this.value(row, c0);
      const started = (typeof first === 'string' ? tableStartedBy(first) : undefined) ?? this.headerByLabels(row, c0);
      if (started) {
        table = { name: started, columns: this.tableHeader(row, c0, started, name), header: row };
        if (!tablesSeen.has(started)) mark([started], row, c0);
        tablesSeen.add(started);
        continue;
      }
      if (!table) this.factRow(row, c0, block, facts, mark);
      else if (table.name === 'units') this.unitRow(row, table.columns, table.header, block, mark);
      else if (table.name === 'groups') this.groupRow(row, table.columns, table.header, block, mark);
      else this.ruleRow(row, table.columns, table.header, block, mark);
    }
    this.finishFacts(block, facts, name, mark);
    for (const [t, what] of [
      ['units', 'unit'],
      ['groups', 'group'],
      ['rules', 'rule'],
    ] as const) {
      if (!tablesSeen.has(t)) {
        const first = { units: UNIT_COLUMNS, groups: GROUP_COLUMNS, rules: RULE_COLUMNS }[t];
        this.fail(
          start.row,
          c0,
          `Qualification ${name} has no ${what} table: add a row whose first cell says "${first[0].label}", with the headers ${first.map((c) => c.label).join(', ')}, and one row per ${what} under it.`,
        );
      }
      if (block.json[t] === undefined) block.json[t] = [];
    }
    return block;
  }

  private factRow(
    row: number,
    c0: number,
    block: Block,
    facts: Map<FactKey, number>,
    mark: (p: readonly PathSegment[], r: number, c: number) => void,
  ): void {
    const label = this.text(row, c0);
    if (label === undefined) return; // notes beside the facts, with the label column empty
    const fact = findLabelled(FACT_ROWS, label);
    if (!fact) {
      const hint = closestWord(
        label,
        FACT_ROWS.map((f) => f.label),
      );
      const tables = `or start a table with ${UNIT_COLUMNS[0].label}, ${GROUP_COLUMNS[0].label} or ${RULE_COLUMNS[0].label}`;
      this.fail(
        row,
        c0,
        `"${label}" is not a fact qualcheck knows${hint ? ` (did you mean "${hint}"?)` : ''}: use one of ${FACT_ROWS.map((f) => f.label).join(', ')}, ${tables}.`,
      );
      return;
    }
    if (facts.has(fact.key)) {
      this.fail(
        row,
        c0,
        `${fact.label} is given twice in this block (rows ${this.sheetRow(facts.get(fact.key) ?? row)} and ${this.sheetRow(row)}): keep one row.`,
      );
      return;
    }
    facts.set(fact.key, row);
    const c = c0 + 1;
    const json = block.json;
    switch (fact.key) {
      case 'title':
      case 'awardingBody': {
        mark([fact.key], row, c);
        const text = this.text(row, c);
        if (text !== undefined) json[fact.key] = text;
        break;
      }
      case 'level': {
        mark(['level'], row, c);
        const level = this.level(row, c, false);
        if (level !== undefined && level !== null) json.level = level;
        break;
      }
      case 'codes': {
        mark(['codes'], row, c);
        const text = this.text(row, c);
        if (text !== undefined) json.codes = listOf(text, /[;\n]/);
        break;
      }
      case 'from':
      case 'to': {
        mark(['operational', fact.key], row, c);
        if (!block.cells.has(formatPath(['operational'], '[0]'))) mark(['operational'], row, c);
        const date = this.date(row, c);
        if (date !== undefined) json.operational = { ...(json.operational as Json | undefined), [fact.key]: date };
        break;
      }
      case 'minAge': {
        mark(['minAge'], row, c);
        const age = this.count(row, c, 'The minimum age', false);
        if (age !== undefined && age !== null) json.minAge = age;
        break;
      }
      case 'glhMin':
      case 'glhMax': {
        const field = fact.key === 'glhMin' ? 'min' : 'max';
        mark(['glh', field], row, c);
        if (field === 'min') mark(['glh'], row, c);
        const hours = this.count(row, c, fact.label, false);
        if (hours !== undefined && hours !== null) json.glh = { ...(json.glh as Json | undefined), [field]: hours };
        break;
      }
    }
  }

  /** Required facts, and a GLH range given by both ends or neither. */
  private finishFacts(
    block: Block,
    facts: Map<FactKey, number>,
    name: string,
    mark: (p: readonly PathSegment[], r: number, c: number) => void,
  ): void {
    const { start, json } = block;
    const required: [FactKey, string, string][] = [
      ['title', 'title', 'the qualification title as the awarding body writes it'],
      ['awardingBody', 'awardingBody', 'the awarding body, for example OCR'],
      ['level', 'level', 'the qualification level, 1 to 8 or Entry'],
    ];
    for (const [key, field, what] of required) {
      const label = FACT_ROWS.find((f) => f.key === key)?.label ?? key;
      const row = facts.get(key);
      if (row === undefined) {
        mark([field], start.row, start.column);
        this.fail(
          start.row,
          start.column,
          `Qualification ${name} has no ${label} row: add a row with "${label}" in the first column and ${what} beside it.`,
        );
      } else if (json[field] === undefined && !this.hasErrorAt(row, start.column + 1)) {
        this.fail(row, start.column + 1, `Qualification ${name} has no ${label}: write ${what} here.`);
      }
    }
    const glh = json.glh as Json | undefined;
    if (glh && (glh.min === undefined || glh.max === undefined)) {
      const missing = glh.min === undefined ? 'glhMin' : 'glhMax';
      const row = facts.get(missing);
      const label = FACT_ROWS.find((f) => f.key === missing)?.label ?? missing;
      const given = missing === 'glhMin' ? 'GLH max' : 'GLH min';
      if (row === undefined)
        this.fail(
          start.row,
          start.column,
          `Qualification ${name} gives ${given} but has no ${label} row: add one, or clear ${given}.`,
        );
      else if (!this.hasErrorAt(row, start.column + 1))
        this.fail(row, start.column + 1, `${given} is given but ${label} is empty: write both, or clear both.`);
      delete json.glh;
    }
  }

  private hasErrorAt(row: number, column: number): boolean {
    return this.errors.some((e) => e.row === row && e.column === Math.min(column, this.width - 1));
  }

  private hasSheetErrorsIn(block: Block): boolean {
    return this.errors.some((e) => e.row >= block.start.row && e.row < block.end);
  }

  /**
   * A header row whose first cell was overwritten is still a header when two or more of its other cells name one
   * table's columns; reading it as one keeps the table's rows from being read as facts, and the missing first
   * header is reported on its cell.
   */
  private headerByLabels(row: number, c0: number): TableName | undefined {
    const line = this.values[row] ?? [];
    const counts = (['units', 'groups', 'rules'] as const).map((name) => {
      const list: readonly Labelled<string>[] = { units: UNIT_COLUMNS, groups: GROUP_COLUMNS, rules: RULE_COLUMNS }[
        name
      ];
      const found = new Set<string>();
      for (let c = c0 + 1; c < line.length; c++) {
        const value = line[c];
        const column = typeof value === 'string' ? findLabelled(list, value) : undefined;
        if (column) found.add(column.key);
      }
      return { name, count: found.size };
    });
    const best = [...counts].sort((a, b) => b.count - a.count);
    return best[0].count >= 2 && best[0].count > best[1].count ? best[0].name : undefined;
  }

  private tableHeader(row: number, c0: number, name: TableName, owner: string): Map<string, number> {
    const list: readonly Labelled<string>[] = { units: UNIT_COLUMNS, groups: GROUP_COLUMNS, rules: RULE_COLUMNS }[name];
    const columns = new Map<string, number>();
    const line = this.values[row] ?? [];
    for (let c = c0; c < Math.max(line.length, this.width); c++) {
      const text = this.text(row, c);
      if (text === undefined) continue;
      const column = findLabelled(list, text);
      if (column) {
        if (columns.has(column.key))
          this.fail(row, c, `The column ${column.label} appears twice in this header: remove one, or rename it.`);
        else columns.set(column.key, c);
        continue;
      }
      const hint = closestWord(
        text,
        list.map((l) => l.label),
      );
      // A column of the centre's own (notes, checked by) is fine; one that looks like a misspelt header is not.
      if (hint)
        this.fail(
          row,
          c,
          `"${text}" is not a column qualcheck knows: did you mean "${hint}"? Correct the header, or give your own column a name further from qualcheck's.`,
        );
    }
    const required: Record<TableName, string[]> = {
      units: ['ref', 'title', 'group'],
      groups: ['id', 'title'],
      rules: ['kind', 'text'],
    };
    for (const key of required[name]) {
      if (columns.has(key)) continue;
      const label = list.find((l) => l.key === key)?.label ?? key;
      this.fail(
        row,
        c0,
        `The ${name.slice(0, -1)} table of qualification ${owner} has no ${label} column: add a header cell "${label}" to this row, with the values under it.`,
      );
    }
    return columns;
  }

  /** The cell of a column on a row, or the header row's first cell when the table lacks the column. */
  private columnCell(
    columns: Map<string, number>,
    key: string,
    row: number,
    header: number,
    c0: number,
  ): [number, number] {
    const c = columns.get(key);
    return c === undefined ? [header, c0] : [row, c];
  }

  private unitRow(
    row: number,
    columns: Map<string, number>,
    header: number,
    block: Block,
    mark: (p: readonly PathSegment[], r: number, c: number) => void,
  ): void {
    const c0 = block.start.column;
    if ([...columns.values()].every((c) => isBlank(this.value(row, c)))) return;
    const units = (block.json.units ??= []) as Json[];
    const i = units.length;
    block.rows.units.push(row);
    const unit: Json = {};
    units.push(unit);
    mark(['units', i], row, columns.get('ref') ?? c0);
    for (const column of UNIT_COLUMNS) {
      const [r, c] = this.columnCell(columns, column.key, row, header, c0);
      mark(['units', i, column.key], r, c);
    }
    const at = (key: string) => columns.get(key);
    const ref = at('ref') === undefined ? undefined : this.text(row, at('ref') as number);
    const name = ref ?? `on row ${this.sheetRow(row)}`;
    if (ref !== undefined) unit.ref = ref;
    else if (at('ref') !== undefined)
      this.fail(
        row,
        at('ref') as number,
        `The unit on row ${this.sheetRow(row)} has no Unit ref: write its QCF reference (for example L/601/0933), or an id of your own that stays the same (for example 10266-U4).`,
      );
    for (const key of ['title', 'group'] as const) {
      const c = at(key);
      if (c === undefined) continue;
      const text = this.text(row, c);
      if (text !== undefined) unit[key] = text;
      else if (!this.hasErrorAt(row, c))
        this.fail(
          row,
          c,
          key === 'title'
            ? `Unit ${name} has no Title: write the unit title.`
            : `Unit ${name} has no Group: write the Group id of the group it belongs to, as in the group table.`,
        );
    }
    const number = at('number');
    if (number !== undefined) {
      const value = this.value(row, number);
      const text = this.text(row, number);
      const digits = text === undefined ? undefined : /^(?:unit|u)?\s*(\d+)$/i.exec(text);
      if (typeof value === 'number') unit.number = value;
      else if (digits) unit.number = Number(digits[1]);
      else if (text !== undefined)
        this.fail(
          row,
          number,
          `The Number of unit ${name} must be the awarding body's unit number, for example 4 for "Unit 4"; it says "${text}".`,
        );
    }
    for (const [key, what] of [
      ['credits', 'Credits'],
      ['glh', 'GLH'],
    ] as const) {
      const c = at(key);
      if (c === undefined) continue;
      const count = this.count(row, c, `The ${what} of unit ${name}`, true);
      if (count !== undefined) unit[key] = count;
    }
    const level = at('level');
    if (level !== undefined) {
      const value = this.level(row, level, true);
      if (value !== undefined) unit.level = value;
    }
    const aliases = at('aliases');
    const aliasText = aliases === undefined ? undefined : this.text(row, aliases);
    if (aliasText !== undefined) unit.aliases = listOf(aliasText, /[;\n]/);
    const source = at('source');
    const sourceText = source === undefined ? undefined : this.text(row, source);
    if (sourceText !== undefined) unit.source = sourceText;
  }

  private groupRow(
    row: number,
    columns: Map<string, number>,
    header: number,
    block: Block,
    mark: (p: readonly PathSegment[], r: number, c: number) => void,
  ): void {
    const c0 = block.start.column;
    if ([...columns.values()].every((c) => isBlank(this.value(row, c)))) return;
    const groups = (block.json.groups ??= []) as Json[];
    const i = groups.length;
    block.rows.groups.push(row);
    const group: Json = {};
    groups.push(group);
    mark(['groups', i], row, columns.get('id') ?? c0);
    for (const column of GROUP_COLUMNS) {
      const [r, c] = this.columnCell(columns, column.key, row, header, c0);
      mark(['groups', i, column.key], r, c);
    }
    const idColumn = columns.get('id');
    const id = idColumn === undefined ? undefined : this.text(row, idColumn);
    if (id !== undefined) group.id = id;
    else if (idColumn !== undefined && !this.hasErrorAt(row, idColumn))
      this.fail(
        row,
        idColumn,
        `The group on row ${this.sheetRow(row)} has no Group id: write a short id such as A; units and rules name the group by it.`,
      );
    const titleColumn = columns.get('title');
    const title = titleColumn === undefined ? undefined : this.text(row, titleColumn);
    if (title !== undefined) group.title = title;
    else if (titleColumn !== undefined && !this.hasErrorAt(row, titleColumn))
      this.fail(
        row,
        titleColumn,
        `Group ${id ?? `on row ${this.sheetRow(row)}`} has no Title: write the group title from the specification.`,
      );
    const totalColumn = columns.get('totalCredits');
    if (totalColumn !== undefined) {
      const total = this.count(row, totalColumn, `The Total credits of group ${id ?? ''}`.trimEnd(), true);
      if (total !== undefined && total !== null) group.totalCredits = total;
    }
  }

  private ruleRow(
    row: number,
    columns: Map<string, number>,
    header: number,
    block: Block,
    mark: (p: readonly PathSegment[], r: number, c: number) => void,
  ): void {
    const c0 = block.start.column;
    if ([...columns.values()].every((c) => isBlank(this.value(row, c)))) return;
    const rules = (block.json.rules ??= []) as Json[];
    const i = rules.length;
    block.rows.rules.push(row);
    const rule: Json = {};
    rules.push(rule);
    mark(['rules', i], row, columns.get('id') ?? columns.get('kind') ?? c0);
    for (const column of RULE_COLUMNS) {
      const [r, c] = this.columnCell(columns, column.key, row, header, c0);
      mark(['rules', i, column.key], r, c);
    }
    // The targets column holds a mandatory rule's group, a credit rule's groups and a barred set's units.
    for (const field of ['group', 'groups', 'units']) {
      const [r, c] = this.columnCell(columns, 'targets', row, header, c0);
      mark(['rules', i, field], r, c);
    }
    const at = (key: string) => columns.get(key);
    const idText = at('id') === undefined ? undefined : this.text(row, at('id') as number);
    if (idText !== undefined) rule.id = idText;
    const name = idText ?? `on row ${this.sheetRow(row)}`;
    const textColumn = at('text');
    const text = textColumn === undefined ? undefined : this.text(row, textColumn);
    if (text !== undefined) rule.text = text;
    else if (textColumn !== undefined && !this.hasErrorAt(row, textColumn)) {
      this.fail(
        row,
        textColumn,
        `Rule ${name} has no Specification text: copy the sentence of the specification the rule comes from; results show it beside the outcome.`,
      );
    }
    const noteColumn = at('note');
    const note = noteColumn === undefined ? undefined : this.text(row, noteColumn);
    if (note !== undefined) rule.note = note;

    const kindColumn = at('kind');
    if (kindColumn === undefined) return;
    const kindText = this.text(row, kindColumn);
    const kinds = Object.values(KIND_LABELS);
    if (kindText === undefined) {
      if (!this.hasErrorAt(row, kindColumn)) {
        this.fail(
          row,
          kindColumn,
          `Rule ${name} has no Kind: write one of ${kinds.join(', ')}. A note of your own belongs in a rule's Note cell, or in a column of your own.`,
        );
      }
      return;
    }
    const kind = kindFromText(kindText);
    if (!kind) {
      const hint = closestWord(kindText, kinds);
      this.fail(
        row,
        kindColumn,
        `Rule ${name} has the Kind "${kindText}", which qualcheck does not know${hint ? ` (did you mean "${hint}"?)` : ''}: write one of ${kinds.join(', ')}.`,
      );
      return;
    }
    rule.kind = kind;
    const label = KIND_LABELS[kind];
    const targetsColumn = at('targets');
    const targetText = targetsColumn === undefined ? undefined : this.text(row, targetsColumn);
    const targets = targetText === undefined ? [] : listOf(targetText, /[,;\n]/);
    const needs = (key: 'min' | 'level' | 'orAbove', used: boolean, what: string) => {
      const c = at(key);
      const label2 = RULE_COLUMNS.find((l) => l.key === key)?.label ?? key;
      if (c === undefined) {
        if (used)
          this.fail(
            header,
            c0,
            `The rule table has no ${label2} column, which ${label} rules need: add a header cell "${label2}" to this row.`,
          );
        return undefined;
      }
      const blank = isBlank(this.value(row, c));
      if (!used) {
        if (!blank)
          this.fail(
            row,
            c,
            `Rule ${name} is a ${label} rule, which has no ${label2}: clear this cell, or change the Kind.`,
          );
        return undefined;
      }
      if (blank) {
        this.fail(row, c, `Rule ${name} (${label}) needs ${what} in ${label2}.`);
        return undefined;
      }
      return c;
    };
    const sheet = kindSheet(kind);
    const minColumn = needs('min', sheet.columns.includes('min'), 'the least number of credits, a whole number');
    if (minColumn !== undefined) {
      const min = this.count(row, minColumn, `The Minimum of rule ${name}`, false);
      if (min !== undefined && min !== null) rule.min = min;
    }
    const levelColumn = needs(
      'level',
      sheet.columns.includes('level'),
      'the level the credits must be at: 1 to 8, or Entry',
    );
    if (levelColumn !== undefined) {
      const level = this.level(row, levelColumn, false);
      if (level !== undefined && level !== null) rule.level = level;
    }
    const orAboveColumn = needs(
      'orAbove',
      sheet.columns.includes('orAbove'),
      'yes (units above the level count too) or no (only units at exactly the level)',
    );
    if (orAboveColumn !== undefined) {
      const orAbove = this.yesNo(row, orAboveColumn, `At or above of rule ${name}`);
      if (orAbove !== undefined) rule.orAbove = orAbove;
    }
    if (targetsColumn === undefined) {
      if (sheet.columns.includes('targets'))
        this.fail(
          header,
          c0,
          `The rule table has no Groups or units column, which ${label} rules need: add a header cell "Groups or units" to this row.`,
        );
      return;
    }
    const into = sheet.targets;
    if (into === undefined) {
      if (targets.length > 0)
        this.fail(
          row,
          targetsColumn,
          `Rule ${name} (${label}) counts ${sheet.counts ?? 'its own units'}: clear Groups or units, or make it a credits from groups rule.`,
        );
    } else if (targets.length === 0 && into.needs !== undefined)
      this.fail(row, targetsColumn, `Rule ${name} (${label}) needs ${into.needs}.`);
    else if (into.one && targets.length > 1)
      this.fail(
        row,
        targetsColumn,
        `Rule ${name} (${label}) names ${targets.length} groups; a ${label} rule names one: write one Group id, or add one rule per group.`,
      );
    else rule[into.field] = into.one ? targets[0] : targets;
  }

  // ---- the validation's errors, placed on cells ----

  private cellOf(block: Block, path: string): string {
    let key = path;
    for (;;) {
      const cell = block.cells.get(key);
      if (cell !== undefined) return cell;
      if (!PATH_TAIL.test(key)) return this.address(block.start.row, block.start.column);
      key = key.replace(PATH_TAIL, '');
    }
  }

  /** "(positions 3 and 5)" of a list becomes "(rows 14 and 16)" of the sheet. */
  private positionsAsRows(block: Block, path: string, message: string): string {
    const list = /^\[0\]\.(units|groups|rules)\[/.exec(path)?.[1] as TableName | undefined;
    if (!list) return message;
    return message.replace(/\(positions (\d+) and (\d+)\)/, (whole, a: string, b: string) => {
      const rows = block.rows[list];
      const ra = rows[Number(a) - 1];
      const rb = rows[Number(b) - 1];
      return ra === undefined || rb === undefined ? whole : `(rows ${this.sheetRow(ra)} and ${this.sheetRow(rb)})`;
    });
  }

  private addDefinitionErrors(block: Block, errors: readonly DefinitionError[]): void {
    for (const error of errors) {
      const cell = this.cellOf(block, error.path);
      const position = this.positionOf(cell);
      // What the sheet reading already said about a cell comes first; the validation's echo of it is dropped.
      if (this.errors.some((e) => e.row === position.row && e.column === position.column)) continue;
      let message = this.positionsAsRows(block, error.path, error.message);
      for (const [pattern, words] of SHEET_WORDS) message = message.replace(pattern, words);
      this.errors.push({ ...position, message });
    }
  }

  private positionOf(cell: string): { row: number; column: number } {
    const at = parseCellAddress(cell);
    return at ? { row: at.row - this.grid.top, column: at.column - this.grid.left } : { row: 0, column: 0 };
  }
}
