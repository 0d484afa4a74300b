// The words of the "Qualification rules" sheet: the labels of a block's facts, the headers of its unit, group and
// rule tables, and the kinds of rule as people write them. The writer and the reader share them, so a sheet written
// today reads back the same, and the reader also takes the spellings people are likely to type instead.
import { KIND_NAMES, KINDS } from '../rules/kinds';
import type { RuleKind } from '../rules/model';

export const RULES_SHEET_NAME = 'Qualification rules';

/** Whether a sheet is the workbook's rules sheet (its name in any case, with spaces around). */
export function isRulesSheetName(name: string): boolean {
  return labelKey(name) === labelKey(RULES_SHEET_NAME);
}

/** How labels compare: case, spaces and punctuation do not matter (`GLH min`, `glh-min`, `GLHmin`). */
export function labelKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** The first cell of the row that starts a qualification's block; the id is in the cell to its right. */
export const BLOCK_LABEL = 'Qualification';

export type FactKey = 'title' | 'awardingBody' | 'level' | 'codes' | 'from' | 'to' | 'minAge' | 'glhMin' | 'glhMax';

export interface Labelled<K extends string> {
  key: K;
  label: string;
  /** Other spellings the reader accepts. */
  also: readonly string[];
  /** A few words for people, written beside a fact. */
  hint?: string;
}

export const FACT_ROWS: readonly Labelled<FactKey>[] = [
  { key: 'title', label: 'Title', also: ['Qualification title'], hint: 'as the awarding body writes it' },
  { key: 'awardingBody', label: 'Awarding body', also: ['Awarding organisation'], hint: 'for example OCR' },
  { key: 'level', label: 'Level', also: ['Qualification level'], hint: '1 to 8, or Entry' },
  {
    key: 'codes',
    label: 'Other codes',
    also: ['Codes'],
    hint: 'other identifiers people write for it, separated by ;',
  },
  {
    key: 'from',
    label: 'Operational from',
    also: ['Operational start', 'Registration opens'],
    hint: 'first day registration is open',
  },
  {
    key: 'to',
    label: 'Operational to',
    also: ['Operational end', 'Registration closes'],
    hint: 'last day registration is open',
  },
  { key: 'minAge', label: 'Minimum age', also: ['Min age'], hint: 'in years' },
  {
    key: 'glhMin',
    label: 'GLH min',
    also: ['Guided learning hours min', 'Minimum GLH'],
    hint: 'fewest guided learning hours',
  },
  {
    key: 'glhMax',
    label: 'GLH max',
    also: ['Guided learning hours max', 'Maximum GLH'],
    hint: 'most guided learning hours',
  },
];

export type UnitColumnKey = 'ref' | 'number' | 'title' | 'group' | 'credits' | 'glh' | 'level' | 'aliases' | 'source';

export const UNIT_COLUMNS: readonly Labelled<UnitColumnKey>[] = [
  { key: 'ref', label: 'Unit ref', also: ['Ref', 'Unit reference', 'Reference'] },
  { key: 'number', label: 'Number', also: ['Unit number', 'No'] },
  { key: 'title', label: 'Title', also: ['Unit title'] },
  { key: 'group', label: 'Group', also: ['Group id'] },
  { key: 'credits', label: 'Credits', also: ['Credit', 'Credit value'] },
  { key: 'glh', label: 'GLH', also: ['Guided learning hours'] },
  { key: 'level', label: 'Level', also: ['Unit level'] },
  { key: 'aliases', label: 'Other headers', also: ['Aliases'] },
  { key: 'source', label: 'Source', also: ['Where from'] },
];

export type GroupColumnKey = 'id' | 'title' | 'totalCredits';

export const GROUP_COLUMNS: readonly Labelled<GroupColumnKey>[] = [
  { key: 'id', label: 'Group id', also: [] },
  { key: 'title', label: 'Title', also: ['Group title'] },
  { key: 'totalCredits', label: 'Total credits', also: ['Credits in all', 'Group credits'] },
];

export type RuleColumnKey =
  | 'id'
  | 'kind'
  | 'targets'
  | 'min'
  | 'level'
  | 'orAbove'
  | 'text'
  | 'note'
  | 'of'
  | 'units'
  | 'levelMatch'
  | 'max'
  | 'overMax';

export const RULE_COLUMNS: readonly Labelled<RuleColumnKey>[] = [
  { key: 'id', label: 'Rule id', also: [] },
  { key: 'kind', label: 'Kind', also: ['Rule kind'] },
  { key: 'targets', label: 'Groups or units', also: ['Groups', 'Units', 'Group or units'] },
  { key: 'min', label: 'Minimum', also: ['Min', 'Minimum credits'] },
  { key: 'level', label: 'Level', also: [] },
  { key: 'orAbove', label: 'At or above', also: ['Or above', 'At or above level'] },
  { key: 'text', label: 'Specification text', also: ['Text', 'Specification'] },
  { key: 'note', label: 'Note', also: ['Reading'] },
  // The general rule's own columns, after the older ones so that a sheet written before them reads as it did; the
  // sheet is written with them only for a qualification that has a rule filling them.
  { key: 'of', label: 'Adds up', also: ['Sum of', 'Measure'] },
  { key: 'units', label: 'Named units', also: ['Only units'] },
  { key: 'levelMatch', label: 'Level match', also: ['Levels counted'] },
  { key: 'max', label: 'Maximum', also: ['Max'] },
  { key: 'overMax', label: 'Over the maximum', also: ['Over max', 'Past the maximum'] },
];

/** The rule columns every rules sheet has; the general rule's columns follow them where a rule needs them. */
export const BASIC_RULE_COLUMNS = 8;

/** The Adds-up column's words for each measure, and the Over-the-maximum column's for each reading. */
export const MEASURE_WORDS = { credits: 'credits', glh: 'GLH', units: 'units' } as const;
export const LEVEL_MATCH_WORDS = { exactly: 'exactly', atLeast: 'at least', atMost: 'at most' } as const;
export const OVER_MAX_WORDS = { 'not-counted': 'not counted', forbidden: 'forbidden' } as const;

export type EquivalentColumnKey = 'ref' | 'title' | 'countsAs';

/**
 * The table of equivalent units, after the rules: units of other qualifications that count as one of this
 * qualification's units. A block has it only when the qualification has equivalents; a sheet without it reads as
 * before.
 */
export const EQUIVALENT_COLUMNS: readonly Labelled<EquivalentColumnKey>[] = [
  {
    key: 'ref',
    label: 'Equivalent unit',
    also: ['Equivalent', 'Equivalents', 'Equivalent ref', 'Equivalent unit ref', 'Equivalent units'],
  },
  { key: 'title', label: 'Title', also: ['Unit title', 'Equivalent title'] },
  { key: 'countsAs', label: 'Counts as', also: ['Counts as unit', 'Stands for'] },
];

/** The first header of each table: a row whose first cell says it starts that table. */
export const TABLE_STARTS = {
  units: UNIT_COLUMNS[0],
  groups: GROUP_COLUMNS[0],
  rules: RULE_COLUMNS[0],
  equivalents: EQUIVALENT_COLUMNS[0],
} as const;
export type TableName = keyof typeof TABLE_STARTS;

/** Each table's columns, by the table's name. */
export const TABLE_COLUMNS: Record<TableName, readonly Labelled<string>[]> = {
  units: UNIT_COLUMNS,
  groups: GROUP_COLUMNS,
  rules: RULE_COLUMNS,
  equivalents: EQUIVALENT_COLUMNS,
};

/** Which table a row's first cell starts, if any. */
export function tableStartedBy(text: string): TableName | undefined {
  const key = labelKey(text);
  return (Object.keys(TABLE_STARTS) as TableName[]).find((t) =>
    [TABLE_STARTS[t].label, ...TABLE_STARTS[t].also].some((l) => labelKey(l) === key),
  );
}

export function findLabelled<K extends string>(list: readonly Labelled<K>[], text: string): Labelled<K> | undefined {
  const key = labelKey(text);
  if (key === '') return undefined;
  return list.find((item) => [item.label, ...item.also].some((l) => labelKey(l) === key));
}

/** Rule kinds as the sheet writes them: each kind's own label, from the registry of kinds. */
export const KIND_LABELS = Object.fromEntries(KIND_NAMES.map((kind) => [kind, KINDS[kind].label])) as Record<
  RuleKind,
  string
>;

/** Every spelling the sheet takes for each kind: its label, its JSON name and the kind's other spellings. */
const KIND_SPELLINGS: Record<string, RuleKind> = Object.fromEntries(
  KIND_NAMES.flatMap((kind) =>
    [KINDS[kind].label, kind, ...KINDS[kind].spellings].map((text) => [labelKey(text), kind] as const),
  ),
);

/** A kind as typed in the sheet (the sheet's words or the JSON names, any case); undefined when it is neither. */
export function kindFromText(text: string): RuleKind | undefined {
  return KIND_SPELLINGS[labelKey(text)];
}

/** "Yes" and "no" as the At-or-above column takes them. */
export const YES_WORDS = ['yes', 'y', 'true', 'atorabove', 'orabove'];
export const NO_WORDS = ['no', 'n', 'false', 'exactly', 'at', 'atexactly'];

/** Words that mean "not known" in a number cell, read as an empty cell. */
export const UNKNOWN_WORDS = ['', 'unknown', 'notknown', 'tbc', 'na', 'n/a', 'nk'];

/** What separates several values in one cell: other codes and other headers by `;`, groups or units also by `,`. */
export const LIST_SEPARATOR = '; ';
export const TARGET_SEPARATOR = ', ';
