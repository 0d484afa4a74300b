// The rows of a block's unit, group, rule and equivalent unit tables, each into the JSON a centre would write, with the cell of each
// field it fills. A rule's kind says (from the registry of kinds) which columns it takes and what its Groups or units
// cell holds.
import { kindSheet, type RuleSheetColumn } from '../rules/kinds';
import type { RuleKind } from '../rules/model';
import { closestWord } from '../rules/definition';
import {
  EQUIVALENT_COLUMNS,
  KIND_LABELS,
  kindFromText,
  LEVEL_MATCH_WORDS,
  MEASURE_WORDS,
  OVER_MAX_WORDS,
  RULE_COLUMNS,
  TABLE_COLUMNS,
  type TableName,
} from './layout';
import { isBlank } from '../sheet';
import { listOf, type RulesSheetCells } from './cells';
import type { Block, Json, Mark } from './json';

export class TableRows {
  constructor(private readonly cells: RulesSheetCells) {}

  columnCell(columns: Map<string, number>, key: string, row: number, header: number, c0: number): [number, number] {
    const c = columns.get(key);
    return c === undefined ? [header, c0] : [row, c];
  }

  /**
   * The JSON entry a table row adds to the block and its position in the block's list, with the cell of each of its
   * fields marked (on the header row where the table has no column for it); undefined for a blank row, which adds
   * nothing. `anchor` is the column of the cell that names the entry, where a problem of the whole entry is shown.
   */
  private newEntry(
    table: TableName,
    row: number,
    columns: Map<string, number>,
    header: number,
    block: Block,
    mark: Mark,
    anchor: number | undefined,
  ): { entry: Json; i: number } | undefined {
    const c0 = block.start.column;
    if ([...columns.values()].every((c) => isBlank(this.cells.value(row, c)))) return undefined;
    const entries = (block.json[table] ??= []) as Json[];
    const i = entries.length;
    block.rows[table].push(row);
    const entry: Json = {};
    entries.push(entry);
    mark([table, i], row, anchor ?? c0);
    for (const column of TABLE_COLUMNS[table]) {
      const [r, c] = this.columnCell(columns, column.key, row, header, c0);
      mark([table, i, column.key], r, c);
    }
    return { entry, i };
  }

  /**
   * The text of a cell a row must fill, or undefined. An empty cell is named with `missing`'s words; a cell that shows
   * an error (#REF!, #N/A) is not, as reading the cell named it already. A column the table lacks is no cell to fill.
   */
  private requiredText(row: number, column: number | undefined, missing: () => string): string | undefined {
    if (column === undefined) return undefined;
    const text = this.cells.text(row, column);
    if (text === undefined && !this.cells.hasErrorAt(row, column)) this.cells.fail(row, column, missing());
    return text;
  }

  unitRow(row: number, columns: Map<string, number>, header: number, block: Block, mark: Mark): void {
    const unit = this.newEntry('units', row, columns, header, block, mark, columns.get('ref'))?.entry;
    if (!unit) return;
    const at = (key: string) => columns.get(key);
    const ref = at('ref') === undefined ? undefined : this.cells.text(row, at('ref') as number);
    const name = ref ?? `on row ${this.cells.sheetRow(row)}`;
    if (ref !== undefined) unit.ref = ref;
    else if (at('ref') !== undefined)
      this.cells.fail(
        row,
        at('ref') as number,
        `The unit on row ${this.cells.sheetRow(row)} has no Unit ref: write its QCF reference (for example L/601/0933), or an id of your own that stays the same (for example 10266-U4).`,
      );
    for (const key of ['title', 'group'] as const) {
      const text = this.requiredText(row, at(key), () =>
        key === 'title'
          ? `Unit ${name} has no Title: write the unit title.`
          : `Unit ${name} has no Group: write the Group id of the group it belongs to, as in the group table.`,
      );
      if (text !== undefined) unit[key] = text;
    }
    const number = at('number');
    if (number !== undefined) {
      const value = this.cells.value(row, number);
      const text = this.cells.text(row, number);
      const digits = text === undefined ? undefined : /^(?:unit|u)?\s*(\d+)$/i.exec(text);
      if (typeof value === 'number') unit.number = value;
      else if (digits) unit.number = Number(digits[1]);
      else if (text !== undefined)
        this.cells.fail(
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
      const count = this.cells.count(row, c, `The ${what} of unit ${name}`, true);
      if (count !== undefined) unit[key] = count;
    }
    const level = at('level');
    if (level !== undefined) {
      const value = this.cells.level(row, level, true);
      if (value !== undefined) unit.level = value;
    }
    const aliases = at('aliases');
    const aliasText = aliases === undefined ? undefined : this.cells.text(row, aliases);
    if (aliasText !== undefined) unit.aliases = listOf(aliasText, /[;\n]/);
    const source = at('source');
    const sourceText = source === undefined ? undefined : this.cells.text(row, source);
    if (sourceText !== undefined) unit.source = sourceText;
  }

  groupRow(row: number, columns: Map<string, number>, header: number, block: Block, mark: Mark): void {
    const group = this.newEntry('groups', row, columns, header, block, mark, columns.get('id'))?.entry;
    if (!group) return;
    const id = this.requiredText(
      row,
      columns.get('id'),
      () =>
        `The group on row ${this.cells.sheetRow(row)} has no Group id: write a short id such as A; units and rules name the group by it.`,
    );
    if (id !== undefined) group.id = id;
    const title = this.requiredText(
      row,
      columns.get('title'),
      () =>
        `Group ${id ?? `on row ${this.cells.sheetRow(row)}`} has no Title: write the group title from the specification.`,
    );
    if (title !== undefined) group.title = title;
    const totalColumn = columns.get('totalCredits');
    if (totalColumn !== undefined) {
      const total = this.cells.count(row, totalColumn, `The Total credits of group ${id ?? ''}`.trimEnd(), true);
      if (total !== undefined && total !== null) group.totalCredits = total;
    }
  }

  /**
   * A unit of another qualification that counts as one of this one's: its ref, its title and the unit it counts as.
   * Whether the refs make sense together (the unit counted as is this qualification's, the ref is not) is the
   * definition's check, named on these cells.
   */
  equivalentRow(row: number, columns: Map<string, number>, header: number, block: Block, mark: Mark): void {
    const equivalent = this.newEntry('equivalents', row, columns, header, block, mark, columns.get('ref'))?.entry;
    if (!equivalent) return;
    const ref = this.requiredText(
      row,
      columns.get('ref'),
      () =>
        `The equivalent unit on row ${this.cells.sheetRow(row)} has no ${EQUIVALENT_COLUMNS[0].label}: write the ref of the unit of the other qualification (for example Y/600/1234), as the cohort sheet heads its column.`,
    );
    if (ref !== undefined) equivalent.ref = ref;
    const name = ref ?? `on row ${this.cells.sheetRow(row)}`;
    const title = this.requiredText(
      row,
      columns.get('title'),
      () => `Equivalent unit ${name} has no Title: write the title of the unit of the other qualification.`,
    );
    if (title !== undefined) equivalent.title = title;
    const countsAs = this.requiredText(
      row,
      columns.get('countsAs'),
      () =>
        `Equivalent unit ${name} has no Counts as: write the Unit ref of this qualification's unit it counts as, from the unit table.`,
    );
    if (countsAs !== undefined) equivalent.countsAs = countsAs;
  }

  ruleRow(row: number, columns: Map<string, number>, header: number, block: Block, mark: Mark): void {
    const c0 = block.start.column;
    const added = this.newEntry('rules', row, columns, header, block, mark, columns.get('id') ?? columns.get('kind'));
    if (!added) return;
    const { entry: rule, i } = added;
    // The targets column holds a mandatory rule's group, a credit rule's groups and a barred set's units; a sum's
    // named units have a column of their own.
    const namedUnits = columns.get('units');
    const ownUnits = namedUnits !== undefined && !isBlank(this.cells.value(row, namedUnits));
    for (const field of ownUnits ? ['group', 'groups'] : ['group', 'groups', 'units']) {
      const [r, c] = this.columnCell(columns, 'targets', row, header, c0);
      mark(['rules', i, field], r, c);
    }
    const at = (key: string) => columns.get(key);
    const idText = at('id') === undefined ? undefined : this.cells.text(row, at('id') as number);
    if (idText !== undefined) rule.id = idText;
    const name = idText ?? `on row ${this.cells.sheetRow(row)}`;
    const text = this.requiredText(
      row,
      at('text'),
      () =>
        `Rule ${name} has no Specification text: copy the sentence of the specification the rule comes from; results show it beside the outcome.`,
    );
    if (text !== undefined) rule.text = text;
    const noteColumn = at('note');
    const note = noteColumn === undefined ? undefined : this.cells.text(row, noteColumn);
    if (note !== undefined) rule.note = note;

    const kindColumn = at('kind');
    if (kindColumn === undefined) return;
    const kindText = this.cells.text(row, kindColumn);
    const kinds = Object.values(KIND_LABELS);
    if (kindText === undefined) {
      if (!this.cells.hasErrorAt(row, kindColumn)) {
        this.cells.fail(
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
      this.cells.fail(
        row,
        kindColumn,
        `Rule ${name} has the Kind "${kindText}", which qualcheck does not know${hint ? ` (did you mean "${hint}"?)` : ''}: write one of ${kinds.join(', ')}.`,
      );
      return;
    }
    rule.kind = kind;
    const label = KIND_LABELS[kind];
    const targetsColumn = at('targets');
    const targetText = targetsColumn === undefined ? undefined : this.cells.text(row, targetsColumn);
    const targets = targetText === undefined ? [] : listOf(targetText, /[,;\n]/);
    const sheet = kindSheet(kind);
    const needs = (key: RuleSheetColumn, used: boolean, what: string) => {
      const c = at(key);
      const label2 = RULE_COLUMNS.find((l) => l.key === key)?.label ?? key;
      if (c === undefined) {
        if (used && !sheet.optional?.includes(key))
          this.cells.fail(
            header,
            c0,
            `The rule table has no ${label2} column, which ${label} rules need: add a header cell "${label2}" to this row.`,
          );
        return undefined;
      }
      const blank = isBlank(this.cells.value(row, c));
      if (!used) {
        if (!blank)
          this.cells.fail(
            row,
            c,
            `Rule ${name} is a ${label} rule, which has no ${label2}: clear this cell, or change the Kind.`,
          );
        return undefined;
      }
      if (blank) {
        if (!sheet.optional?.includes(key))
          this.cells.fail(row, c, `Rule ${name} (${label}) needs ${what} in ${label2}.`);
        return undefined;
      }
      return c;
    };
    this.sumColumns(row, columns, rule, name, needs);
    const minColumn = needs('min', sheet.columns.includes('min'), 'the least number of credits, a whole number');
    const levelMatchColumn = at('levelMatch');
    const match =
      levelMatchColumn === undefined || !sheet.columns.includes('levelMatch')
        ? undefined
        : this.cells.word(row, levelMatchColumn, `The Level match of rule ${name}`, LEVEL_MATCH_WORDS);
    if (minColumn !== undefined) {
      const min = this.cells.count(row, minColumn, `The Minimum of rule ${name}`, false);
      if (min !== undefined && min !== null) rule.min = min;
    }
    const levelColumn = needs(
      'level',
      sheet.columns.includes('level'),
      'the level the credits must be at: 1 to 8, or Entry',
    );
    if (levelColumn !== undefined) {
      const level = this.cells.level(row, levelColumn, false);
      // The general rule's level is a filter: a match and a level, `{"atLeast": 3}`.
      if (level !== undefined && level !== null)
        rule.level = sheet.columns.includes('levelMatch') ? { [match ?? 'exactly']: level } : level;
    }
    const orAboveColumn = needs(
      'orAbove',
      sheet.columns.includes('orAbove'),
      'yes (units above the level count too) or no (only units at exactly the level)',
    );
    if (orAboveColumn !== undefined) {
      const orAbove = this.cells.yesNo(row, orAboveColumn, `At or above of rule ${name}`);
      if (orAbove !== undefined) rule.orAbove = orAbove;
    }
    if (targetsColumn === undefined) {
      if (sheet.columns.includes('targets'))
        this.cells.fail(
          header,
          c0,
          `The rule table has no Groups or units column, which ${label} rules need: add a header cell "Groups or units" to this row.`,
        );
      return;
    }
    const into = sheet.targets;
    if (into === undefined) {
      if (targets.length > 0)
        this.cells.fail(
          row,
          targetsColumn,
          `Rule ${name} (${label}) counts ${sheet.counts ?? 'its own units'}: clear Groups or units, or make it a credits from groups rule.`,
        );
    } else if (targets.length === 0 && into.needs !== undefined)
      this.cells.fail(row, targetsColumn, `Rule ${name} (${label}) needs ${into.needs}.`);
    else if (into.one && targets.length > 1)
      this.cells.fail(
        row,
        targetsColumn,
        `Rule ${name} (${label}) names ${targets.length} groups; a ${label} rule names one: write one Group id, or add one rule per group.`,
      );
    else if (targets.length > 0 || !sheet.optional?.includes('targets'))
      rule[into.field] = into.one ? targets[0] : targets;
  }

  /**
   * The general rule's own cells: what it adds up, its named units, its maximum and what passing it does. A kind
   * that has none of these columns must leave them empty (`needs` says so on the cell).
   */
  private sumColumns(
    row: number,
    columns: Map<string, number>,
    rule: Json,
    name: string,
    needs: (key: RuleSheetColumn, used: boolean, what: string) => number | undefined,
  ): void {
    const sheet = kindSheet(rule.kind as RuleKind);
    const uses = (key: RuleSheetColumn) => sheet.columns.includes(key);
    const ofColumn = needs('of', uses('of'), 'credits, GLH or units');
    if (ofColumn !== undefined) {
      const of = this.cells.word(row, ofColumn, `Adds up of rule ${name}`, MEASURE_WORDS);
      if (of !== undefined) rule.of = of;
    }
    const unitsColumn = needs('units', uses('units'), 'the refs of the units that count, separated by commas');
    if (unitsColumn !== undefined) {
      const text = this.cells.text(row, unitsColumn);
      if (text !== undefined) rule.units = listOf(text, /[,;\n]/);
    }
    needs('levelMatch', uses('levelMatch'), 'exactly, at least or at most');
    const maxColumn = needs('max', uses('max'), 'the most that may count, a whole number');
    if (maxColumn !== undefined) {
      const max = this.cells.count(row, maxColumn, `The Maximum of rule ${name}`, false);
      if (max !== undefined && max !== null) rule.max = max;
    }
    const overColumn = needs('overMax', uses('overMax'), 'not counted or forbidden');
    if (overColumn !== undefined) {
      const over = this.cells.word(row, overColumn, `Over the maximum of rule ${name}`, OVER_MAX_WORDS);
      if (over !== undefined) rule.overMax = over;
    }
  }
}
