// Turns checks back into what the sheet, the pane and the JSON output show: owned result columns, a summary,
// and the command line's JSON. Shared by the CLI and the add-in so both say exactly the same thing.
import { figureOf } from '../../rules/kinds';
import { evaluationProvenance, equivalentWords, ruleFigures } from '../../rules/engine';
import type { QualificationDefinition, Rule, Status, UnitLeftOut, Violation } from '../../rules/model';
import type { LearnerCheck } from './learner-result';
import { learnerPlans, planNextStep } from './next-step';
import { ByLearnerUnits } from './shared-texts';
import type { PlanResult } from '../../rules/planner';
import type { CohortReading, LearnerRecord, ReadWarning } from '../../sheet';
import { readingMessage } from '../read';

/** Headers of the columns the add-in and the CLI own: a second check finds and replaces them, never adds more. */
export const RESULT_HEADERS = [
  'qualcheck: achieved credits',
  'qualcheck: credits with planned',
  'qualcheck: credits at level',
  'qualcheck: status',
  'qualcheck: violations',
  'qualcheck: next step',
  'qualcheck: centre values',
] as const;

/**
 * The helper column beside the results that lists a learner's units not counted, which the unit highlight's formula
 * reads; written only when a learner has such units.
 */
export const NOT_COUNTED_HEADER = 'qualcheck: units not counted';

export const STATUS_COLUMN = RESULT_HEADERS.indexOf('qualcheck: status');

/** The columns that hold sentences rather than a figure or a word, which a writer gives room to read. */
export const SENTENCE_COLUMNS: readonly number[] = (['qualcheck: violations', 'qualcheck: next step'] as const).map(
  (header) => RESULT_HEADERS.indexOf(header),
);

export function isResultHeader(text: unknown): boolean {
  return typeof text === 'string' && /^qualcheck:/i.test(text.trim());
}

/**
 * Each status's word and colours. The word is the one vocabulary every surface says (the result column, its
 * conditional formats, the pane, the command line's table, the QUALCHECK functions, the docs), decided once: the
 * word a status cell has always held, `on-track` and `needs-data` with their hyphens, because people's filters, their
 * COUNTIF formulas and the formats on workbooks checked before all match that text, and a status cell qualcheck wrote
 * is recognised by it. The JSON's `status` is a code that happens to be spelt the same; it is never reworded.
 */
export const STATUS_STYLE: Record<Status, { label: string; fill: string; font: string }> = {
  achieved: { label: 'achieved', fill: '#C6EFCE', font: '#006100' },
  'on-track': { label: 'on-track', fill: '#DDEBF7', font: '#1F4E78' },
  incomplete: { label: 'incomplete', fill: '#FFEB9C', font: '#9C5700' },
  'needs-data': { label: 'needs-data', fill: '#EDEDED', font: '#404040' },
  invalid: { label: 'invalid', fill: '#FFC7CE', font: '#9C0006' },
};

export const STATUSES: readonly Status[] = ['achieved', 'on-track', 'incomplete', 'needs-data', 'invalid'];

/** A status in the words every surface shows: "on-track" (see STATUS_STYLE). */
export function statusWord(status: Status): string {
  return STATUS_STYLE[status].label;
}

/**
 * Whether a cell-value rule's formula is one of qualcheck's status rules (`"achieved"`, with or without the `=` that
 * Office.js writes before it): with its range over the status column, the rule is qualcheck's to replace.
 */
export function isStatusRuleFormula(formula: string): boolean {
  const text = formula.trim().replace(/^=/, '');
  return STATUSES.some((status) => text === `"${statusWord(status)}"`);
}

/** Credits at the level the qualification's level rule names, from achieved units, e.g. `9 at level 2`. */
export function levelCreditsText({ record, result }: LearnerCheck): string {
  const level = record.qualification && levelRuleOf(record.qualification);
  if (!level) return '';
  // That rule's figures alone, as the evaluation kept them: no rule's result is built for its words.
  const outcome = ruleFigures(result.achieved, level.rule.id);
  if (!outcome) return '';
  const known = outcome.outcome === 'unknown' ? ' known' : '';
  return `${outcome.known}${known} ${level.figure}`;
}

/** A qualification's level rule and its figure, looked for once per qualification rather than once per learner. */
const LEVEL_RULES = new WeakMap<QualificationDefinition, { rule: Rule; figure: string } | null>();

function levelRuleOf(qualification: QualificationDefinition): { rule: Rule; figure: string } | null {
  let level = LEVEL_RULES.get(qualification);
  if (level === undefined) {
    level = null;
    for (const rule of qualification.rules) {
      const figure = figureOf(rule);
      if (figure !== undefined) {
        level = { rule, figure };
        break;
      }
    }
    LEVEL_RULES.set(qualification, level);
  }
  return level;
}

/**
 * The values a centre supplied (its rules sheet or file) that the learner's status rests on, for example `credits of
 * 5 units, and level of T/503/0356 from your rules sheet`; empty when the status rests on the catalogue alone. An
 * achieved learner's rules are read on the achieved units, any other on achieved and planned; an invalid status rests
 * on a forbidden choice, not on credits.
 */
export function centreValuesText({ record, result }: LearnerCheck): string {
  if (!record.qualification || result.status === 'invalid') return '';
  return evaluationProvenance(
    record.qualification,
    result.status === 'achieved' ? result.achieved : result.withPlanned,
  );
}

export function violationsText(violations: readonly Violation[]): string {
  // Most learners have none or one: no list is made to be joined.
  if (violations.length === 0) return '';
  if (violations.length === 1) return violations[0].message;
  return violations.map((v) => v.message).join('; ');
}

export interface ResultsBlock {
  header: string[];
  /** One row per sheet row from the header's next row to the last learner row; null cells where no learner is. */
  rows: (string | number | null)[][];
  statusColumn: number;
  /** Offsets of the columns that hold sentences (violations, next step). */
  sentenceColumns: readonly number[];
}

export type ResultHeader = (typeof RESULT_HEADERS)[number];

/**
 * One result cell of a learner: what the result column under `header` holds. The columns a check writes and the
 * QUALCHECK worksheet functions both come from here, so a formula and the column beside it never disagree.
 */
export function resultCell(
  check: LearnerCheck,
  header: ResultHeader,
  nextStep: (c: LearnerCheck) => string = planNextStep,
): string | number {
  const { result } = check;
  switch (header) {
    case 'qualcheck: achieved credits':
      return result.achieved.credits;
    case 'qualcheck: credits with planned':
      return result.withPlanned.credits;
    case 'qualcheck: credits at level':
      return levelCreditsText(check);
    case 'qualcheck: status':
      return statusWord(result.status);
    case 'qualcheck: violations':
      return violationsText(result.violations);
    case 'qualcheck: next step':
      return nextStep(check);
    case 'qualcheck: centre values':
      return centreValuesText(check);
  }
}

export function resultRow(
  check: LearnerCheck,
  nextStep: (c: LearnerCheck) => string = planNextStep,
): (string | number)[] {
  // The cells in RESULT_HEADERS' order, made directly: this runs once per learner.
  const { result } = check;
  return [
    result.achieved.credits,
    result.withPlanned.credits,
    levelCreditsText(check),
    statusWord(result.status),
    violationsText(result.violations),
    nextStep(check),
    centreValuesText(check),
  ];
}

/**
 * `resultRow` for learner after learner of one run: the texts that learners with the same units share are made for
 * the first of them and the same string given to the others (ByLearnerUnits keeps the first one's row, whose texts
 * the others' rows take); a next step from the planner is each learner's own, made once for them. `hold` is given
 * each text when it is made (not each time it is shared), for a caller that keeps one copy of equal texts.
 */
export function resultRows(
  nextStep: (c: LearnerCheck) => string = planNextStep,
  hold: (text: string) => string = (text) => text,
): (check: LearnerCheck) => (string | number)[] {
  const shared = new ByLearnerUnits<(string | number)[]>();
  // The default next step follows from the result, as the other texts do; a plan or another caller's step may not.
  const sharedStep = nextStep === planNextStep;
  // The first learner with these units: their row, made whole (the row is kept for the others, no more).
  const made = (check: LearnerCheck): (string | number)[] => {
    const { result } = check;
    return [
      result.achieved.credits,
      result.withPlanned.credits,
      hold(levelCreditsText(check)),
      statusWord(result.status),
      hold(violationsText(result.violations)),
      hold(nextStep(check)),
      hold(centreValuesText(check)),
    ];
  };
  return (check) => {
    const row = shared.of(check, made);
    if (!shared.kept) return row;
    const { result } = check;
    return [
      result.achieved.credits,
      result.withPlanned.credits,
      row[2],
      statusWord(result.status),
      row[4],
      sharedStep && result.status !== 'incomplete' ? row[5] : hold(nextStep(check)),
      row[6],
    ];
  };
}

/**
 * The result columns of the cohort. `rowOf` gives a learner's row when it was made ahead (the pane makes them a slice
 * at a time); else it is made here, with `nextStep` for the next-step column.
 */
export function resultsBlock(
  reading: CohortReading,
  checks: readonly LearnerCheck[],
  nextStep?: (c: LearnerCheck) => string,
  rowOf: (c: LearnerCheck) => (string | number)[] = resultRows(nextStep),
): ResultsBlock {
  const height = Math.max(0, reading.lastRow - reading.headerRow);
  // The learners' rows first, then empty rows only where no learner is (not one thrown away per learner).
  const rows: (string | number | null)[][] = new Array<(string | number | null)[]>(height);
  for (const check of checks) {
    const i = check.record.row - reading.headerRow - 1;
    if (i >= 0 && i < height) rows[i] = rowOf(check);
  }
  for (let i = 0; i < height; i++) if (rows[i] === undefined) rows[i] = RESULT_HEADERS.map(() => null);
  return { header: [...RESULT_HEADERS], rows, statusColumn: STATUS_COLUMN, sentenceColumns: SENTENCE_COLUMNS };
}

export interface CohortSummary {
  learners: number;
  byStatus: Record<Status, number>;
  topViolations: { code: string; count: number; message: string }[];
}

const VIOLATION_WORDS: Record<string, string> = {
  'missing-mandatory': 'a mandatory unit missing',
  'group-min-credits': 'too few credits from a group',
  'total-min-credits': 'too few credits in total',
  'level-min-credits': 'too few credits at the required level',
  'barred-combination': 'barred units taken together',
  'sum-min': 'too little of what a rule adds up (credits, GLH or units)',
  'over-maximum': 'more units than a rule allows',
  'unknown-unit': 'a mark for a unit no qualification knows (check the header or the listed unit)',
  'unit-not-in-qualification': "a unit outside the learner's qualification",
  'duplicate-unit': 'the same unit twice',
  'unknown-qualification': 'a qualification the catalogue does not know',
  'missing-qualification': 'no qualification given',
  'ambiguous-header': 'a mark under a header that fits several units',
  'unrecognised-mark': 'a mark that could not be read',
  undecidable: 'a rule the catalogue cannot decide (unit data missing)',
};

export function summarise(checks: readonly LearnerCheck[], top = 5): CohortSummary {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const counts = new Map<string, number>();
  for (const { result } of checks) {
    byStatus[result.status]++;
    // Each code once per learner; their few violations are compared in place (no set made per learner).
    const { violations } = result;
    for (let i = 0; i < violations.length; i++) {
      const code = violations[i].code;
      let earlier = false;
      for (let j = 0; j < i && !earlier; j++) earlier = violations[j].code === code;
      if (!earlier) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
  }
  const topViolations = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, top)
    .map(([code, count]) => ({ code, count, message: VIOLATION_WORDS[code] ?? code }));
  return { learners: checks.length, byStatus, topViolations };
}

export interface LearnerJson {
  row: number;
  learnerId: string;
  qualification: string;
  status: Status;
  credits: { achieved: number; withPlanned: number };
  violations: Violation[];
  notCounted: string[];
  /** The units a maximum left out of the count, each with the rule that left it out (absent when none). */
  leftOut?: UnitLeftOut[];
  /** Units of other qualifications counted as units of this one (absent when none), and in words. */
  equivalents?: { ref: string; countsAs: string }[];
  equivalentsText?: string;
  /** The cheapest ways to complete, for learners short of the rules (the completion planner's best few). */
  plans?: PlanResult;
  /** The centre-supplied values the status rests on, when there are any (see `centreValuesText`). */
  centreValues?: string;
}

/** A reading warning in the JSON: its code and what was found (the problem's kind and values), and its words. */
export interface ReadWarningJson extends ReadWarning {
  message: string;
}

export interface CohortJson {
  learners: LearnerJson[];
  warnings: ReadWarningJson[];
}

/** `plans: false` leaves out the planner's three plans, for a run whose JSON is not printed (the table shows none). */
export interface LearnerJsonOptions {
  plans?: boolean;
}

/** The learner's qualification as a report names it: its id, else what the row says, else nothing. */
export function learnerQualification(record: LearnerRecord): string {
  return record.qualification?.id ?? record.qualificationText ?? '';
}

export function learnerJson(check: LearnerCheck, options: LearnerJsonOptions = {}): LearnerJson {
  const { record, result } = check;
  const centreValues = centreValuesText(check);
  return {
    row: record.row,
    learnerId: record.learnerId,
    qualification: learnerQualification(record),
    status: result.status,
    credits: { achieved: result.achieved.credits, withPlanned: result.withPlanned.credits },
    violations: result.violations.map((v) => ({
      code: v.code,
      message: v.message,
      units: v.units,
      ...(v.ruleId ? { ruleId: v.ruleId } : {}),
    })),
    notCounted: result.notCounted,
    ...(result.leftOut ? { leftOut: result.leftOut } : {}),
    ...(result.equivalents
      ? { equivalents: result.equivalents, equivalentsText: equivalentWords(result.equivalents) }
      : {}),
    ...(result.status === 'incomplete' && options.plans !== false ? { plans: learnerPlans(check) } : {}),
    ...(centreValues !== '' ? { centreValues } : {}),
  };
}

/** The command line's `--json` object. */
export function cohortJson(
  reading: CohortReading,
  checks: readonly LearnerCheck[],
  options: LearnerJsonOptions = {},
): CohortJson {
  return {
    learners: checks.map((check) => learnerJson(check, options)),
    warnings: reading.warnings.map((w) => ({
      cell: w.cell,
      ...(w.code ? { code: w.code } : {}),
      problem: w.problem,
      message: readingMessage(w),
    })),
  };
}
