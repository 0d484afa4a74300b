// One qualification's block of the rules sheet: where blocks start, the facts under the "Qualification" row, and
// the headers of its unit, group and rule tables and of its table of equivalent units (which only a qualification
// with equivalents has); each table's rows are read by rows.ts. The block
// becomes the JSON a centre would write, with the cell of each field it fills.
import { closestWord, formatPath } from '../rules/definition';
import type { PathSegment } from '../rules/model';
import {
  BLOCK_LABEL,
  EQUIVALENT_COLUMNS,
  FACT_ROWS,
  type FactKey,
  findLabelled,
  GROUP_COLUMNS,
  labelKey,
  RULE_COLUMNS,
  TABLE_COLUMNS,
  type TableName,
  tableStartedBy,
  UNIT_COLUMNS,
} from './layout';
import { isBlank } from '../sheet';
import { listOf, type RulesSheetCells } from './cells';
import type { Block, BlockStart, Json, Mark } from './json';
import { TableRows } from './rows';

/** Each table in words, as a message names it. */
const TABLE_WORDS: Record<TableName, string> = {
  units: 'unit',
  groups: 'group',
  rules: 'rule',
  equivalents: 'equivalent unit',
};

/** The rows that start a block: their first filled cell says "Qualification". */
export function blockStarts(cells: RulesSheetCells): BlockStart[] {
  const starts: BlockStart[] = [];
  for (let row = 0; row < cells.height; row++) {
    const line = cells.values[row];
    if (!Array.isArray(line)) continue;
    const column = line.findIndex((v) => !isBlank(v));
    if (column < 0) continue;
    const first = line[column];
    if (typeof first === 'string' && labelKey(first) === labelKey(BLOCK_LABEL)) starts.push({ row, column });
  }
  return starts;
}

export class BlockReader {
  private readonly rows: TableRows;

  constructor(private readonly cells: RulesSheetCells) {
    this.rows = new TableRows(cells);
  }

  /** The block from `start` up to (not including) row `end`. */
  read(start: BlockStart, end: number): Block {
    const c0 = start.column;
    const block: Block = {
      start,
      end,
      json: {},
      cells: new Map(),
      rows: { units: [], groups: [], rules: [], equivalents: [] },
    };
    const mark = (path: readonly PathSegment[], row: number, column: number) =>
      block.cells.set(formatPath(path, '[0]'), this.cells.address(row, column));
    mark([], start.row, c0);
    mark(['id'], start.row, c0 + 1);
    const id = this.cells.text(start.row, c0 + 1);
    if (id === undefined)
      this.cells.fail(
        start.row,
        c0 + 1,
        `The qualification on row ${this.cells.sheetRow(start.row)} has no id: write its Ofqual number (for example 600/5106/1) or the awarding body's code beside "${BLOCK_LABEL}".`,
      );
    else {
      block.json.id = id;
      block.id = id;
    }
    const name = id ?? `on row ${this.cells.sheetRow(start.row)}`;
    const facts = new Map<FactKey, number>();
    let table: { name: TableName; columns: Map<string, number>; header: number } | undefined;
    const tablesSeen = new Set<TableName>();
    for (let row = start.row + 1; row < end; row++) {
      if (this.cells.rowIsBlank(row)) continue;
      const first = this.cells.value(row, c0);
      const started = (typeof first === 'string' ? tableStartedBy(first) : undefined) ?? this.headerByLabels(row, c0);
      if (started) {
        table = { name: started, columns: this.tableHeader(row, c0, started, name), header: row };
        if (!tablesSeen.has(started)) mark([started], row, c0);
        tablesSeen.add(started);
        continue;
      }
      if (!table) this.factRow(row, c0, block, facts, mark);
      else if (table.name === 'units') this.rows.unitRow(row, table.columns, table.header, block, mark);
      else if (table.name === 'groups') this.rows.groupRow(row, table.columns, table.header, block, mark);
      else if (table.name === 'rules') this.rows.ruleRow(row, table.columns, table.header, block, mark);
      else this.rows.equivalentRow(row, table.columns, table.header, block, mark);
    }
    this.finishFacts(block, facts, name, mark);
    for (const [t, what] of [
      ['units', 'unit'],
      ['groups', 'group'],
      ['rules', 'rule'],
    ] as const) {
      if (!tablesSeen.has(t)) {
        const first = { units: UNIT_COLUMNS, groups: GROUP_COLUMNS, rules: RULE_COLUMNS }[t];
        this.cells.fail(
          start.row,
          c0,
          `Qualification ${name} has no ${what} table: add a row whose first cell says "${first[0].label}", with the headers ${first.map((c) => c.label).join(', ')}, and one row per ${what} under it.`,
        );
      }
      if (block.json[t] === undefined) block.json[t] = [];
    }
    return block;
  }

  factRow(row: number, c0: number, block: Block, facts: Map<FactKey, number>, mark: Mark): void {
    const label = this.cells.text(row, c0);
    if (label === undefined) return; // notes beside the facts, with the label column empty
    const fact = findLabelled(FACT_ROWS, label);
    if (!fact) {
      const hint = closestWord(
        label,
        FACT_ROWS.map((f) => f.label),
      );
      const tables = `or start a table with ${UNIT_COLUMNS[0].label}, ${GROUP_COLUMNS[0].label}, ${RULE_COLUMNS[0].label} or ${EQUIVALENT_COLUMNS[0].label}`;
      this.cells.fail(
        row,
        c0,
        `"${label}" is not a fact qualcheck knows${hint ? ` (did you mean "${hint}"?)` : ''}: use one of ${FACT_ROWS.map((f) => f.label).join(', ')}, ${tables}.`,
      );
      return;
    }
    if (facts.has(fact.key)) {
      this.cells.fail(
        row,
        c0,
        `${fact.label} is given twice in this block (rows ${this.cells.sheetRow(facts.get(fact.key) ?? row)} and ${this.cells.sheetRow(row)}): keep one row.`,
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
        const text = this.cells.text(row, c);
        if (text !== undefined) json[fact.key] = text;
        break;
      }
      case 'level': {
        mark(['level'], row, c);
        const level = this.cells.level(row, c, false);
        if (level !== undefined && level !== null) json.level = level;
        break;
      }
      case 'codes': {
        mark(['codes'], row, c);
        const text = this.cells.text(row, c);
        if (text !== undefined) json.codes = listOf(text, /[;\n]/);
        break;
      }
      case 'from':
      case 'to': {
        mark(['operational', fact.key], row, c);
        if (!block.cells.has(formatPath(['operational'], '[0]'))) mark(['operational'], row, c);
        const date = this.cells.date(row, c);
        if (date !== undefined) json.operational = { ...(json.operational as Json | undefined), [fact.key]: date };
        break;
      }
      case 'minAge': {
        mark(['minAge'], row, c);
        const age = this.cells.count(row, c, 'The minimum age', false);
        if (age !== undefined && age !== null) json.minAge = age;
        break;
      }
      case 'glhMin':
      case 'glhMax': {
        const field = fact.key === 'glhMin' ? 'min' : 'max';
        mark(['glh', field], row, c);
        if (field === 'min') mark(['glh'], row, c);
        const hours = this.cells.count(row, c, fact.label, false);
        if (hours !== undefined && hours !== null) json.glh = { ...(json.glh as Json | undefined), [field]: hours };
        break;
      }
    }
  }

  /** Required facts, and a GLH range given by both ends or neither. */
  finishFacts(block: Block, facts: Map<FactKey, number>, name: string, mark: Mark): void {
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
        this.cells.fail(
          start.row,
          start.column,
          `Qualification ${name} has no ${label} row: add a row with "${label}" in the first column and ${what} beside it.`,
        );
      } else if (json[field] === undefined && !this.cells.hasErrorAt(row, start.column + 1)) {
        this.cells.fail(row, start.column + 1, `Qualification ${name} has no ${label}: write ${what} here.`);
      }
    }
    const glh = json.glh as Json | undefined;
    if (glh && (glh.min === undefined || glh.max === undefined)) {
      const missing = glh.min === undefined ? 'glhMin' : 'glhMax';
      const row = facts.get(missing);
      const label = FACT_ROWS.find((f) => f.key === missing)?.label ?? missing;
      const given = missing === 'glhMin' ? 'GLH max' : 'GLH min';
      if (row === undefined)
        this.cells.fail(
          start.row,
          start.column,
          `Qualification ${name} gives ${given} but has no ${label} row: add one, or clear ${given}.`,
        );
      else if (!this.cells.hasErrorAt(row, start.column + 1))
        this.cells.fail(row, start.column + 1, `${given} is given but ${label} is empty: write both, or clear both.`);
      delete json.glh;
    }
  }

  /**
   * A header row whose first cell was overwritten is still a header when two or more of its other cells name one
   * table's columns; reading it as one keeps the table's rows from being read as facts, and the missing first
   * header is reported on its cell.
   */
  headerByLabels(row: number, c0: number): TableName | undefined {
    const line = this.cells.values[row] ?? [];
    const counts = (['units', 'groups', 'rules', 'equivalents'] as const).map((name) => {
      const list = TABLE_COLUMNS[name];
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

  tableHeader(row: number, c0: number, name: TableName, owner: string): Map<string, number> {
    const list = TABLE_COLUMNS[name];
    const columns = new Map<string, number>();
    const line = this.cells.values[row] ?? [];
    for (let c = c0; c < Math.max(line.length, this.cells.width); c++) {
      const text = this.cells.text(row, c);
      if (text === undefined) continue;
      const column = findLabelled(list, text);
      if (column) {
        if (columns.has(column.key))
          this.cells.fail(row, c, `The column ${column.label} appears twice in this header: remove one, or rename it.`);
        else columns.set(column.key, c);
        continue;
      }
      const hint = closestWord(
        text,
        list.map((l) => l.label),
      );
      // A column of the centre's own (notes, checked by) is fine; one that looks like a misspelt header is not.
      if (hint)
        this.cells.fail(
          row,
          c,
          `"${text}" is not a column qualcheck knows: did you mean "${hint}"? Correct the header, or give your own column a name further from qualcheck's.`,
        );
    }
    const required: Record<TableName, string[]> = {
      units: ['ref', 'title', 'group'],
      groups: ['id', 'title'],
      rules: ['kind', 'text'],
      equivalents: ['ref', 'title', 'countsAs'],
    };
    for (const key of required[name]) {
      if (columns.has(key)) continue;
      const label = list.find((l) => l.key === key)?.label ?? key;
      this.cells.fail(
        row,
        c0,
        `The ${TABLE_WORDS[name]} table of qualification ${owner} has no ${label} column: add a header cell "${label}" to this row, with the values under it.`,
      );
    }
    return columns;
  }

  /** The cell of a column on a row, or the header row's first cell when the table lacks the column. */
}
