// The QUALCHECK worksheet functions as Excel registers them. This file is only the Office side: the JSDoc below is
// what the metadata (functions.json) is generated from, the build appends a CustomFunctions.associate call for each
// function, and a result the pure part (learner-formula.ts) could not give becomes #VALUE! with its message.
// Every function runs in Excel's JavaScript-only custom functions runtime: each gets its cells as arguments and needs
// nothing from the workbook or the task pane, so the shared runtime is not needed.
import { creditsColumn, formulaResult, type FormulaValue } from './learner-formula';
import type { FormulaRange } from './formula-grid';
import type { ResultHeader } from '../cohort/verdict';
import { FunctionSession } from './session';

const session = new FunctionSession();

// The metadata generator reads each parameter's type as written (no aliases), so ranges are spelt `unknown[][]`.
// An optional range Excel leaves out arrives as null or undefined, which `resultCell` checks for.

function range(
  values: unknown[][],
  invocation: CustomFunctions.Invocation | undefined,
  position: number,
): FormulaRange {
  // Every range has both fields, so each call's ranges are of one shape: the code reading them optimises early.
  return { values, address: invocation?.parameterAddresses?.[position] || undefined };
}

function excelValue(value: FormulaValue): string | number | CustomFunctions.Error {
  return typeof value === 'object'
    ? new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, value.error)
    : value;
}

/**
 * What a function gives Excel: one cell, as a 1 x 1 array. The functions ask for their arguments' addresses
 * (`requiresParameterAddresses`), so messages name the learner's own cells, and Microsoft's custom-functions metadata
 * reference allows that option only with a result of `dimensionality: matrix`; a 1 x 1 array shows in its cell as the
 * value does (no spill), in Excel with dynamic arrays and without.
 */
export type FunctionResult = (string | number | CustomFunctions.Error)[][];

/**
 * The result column `header` for the learner of a call, as one cell. Any fault of qualcheck's own still reaches the
 * cell as #VALUE! with a message, never as an exception. Every function is this with its column and where its rules
 * argument is.
 */
function resultCell(
  header: ResultHeader | { error: string },
  headers: unknown[][],
  marks: unknown[][],
  qualification: unknown,
  rules: unknown[][] | null | undefined,
  rulesPosition: number,
  invocation: CustomFunctions.Invocation | undefined,
): FunctionResult {
  let value: FormulaValue;
  try {
    value =
      typeof header === 'object'
        ? header
        : formulaResult(
            session,
            {
              headers: range(headers, invocation, 0),
              marks: range(marks, invocation, 1),
              qualification,
              rules: Array.isArray(rules) ? range(rules, invocation, rulesPosition) : undefined,
            },
            header,
          );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    value = { error: `qualcheck could not check this row (${reason}); please report it` };
  }
  return [[excelValue(value)]];
}

/**
 * The learner's status, as the qualcheck: status column says it: achieved, on-track, incomplete, needs-data or invalid.
 * @customfunction STATUS
 * @param headers The row of unit headers, such as $E$1:$AQ$1 (learner columns such as Qualification may be included).
 * @param marks The learner's cells under the headers, such as E2:AQ2.
 * @param [qualification] The qualification id, code or title, when the row holds none.
 * @param [rules] A block of a "Qualification rules" sheet, whose values go over the built-in ones.
 * @param invocation Where the arguments are, so messages name the learner's cells.
 * @returns The status, as one cell.
 * @requiresParameterAddresses
 */
export function status(
  headers: unknown[][],
  marks: unknown[][],
  qualification: unknown,
  rules: unknown[][],
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return resultCell('qualcheck: status', headers, marks, qualification, rules, 3, invocation);
}

/**
 * The learner's credits: achieved, with planned units ("planned"), or at the level the rules name ("level"), as the result columns give them.
 * @customfunction CREDITS
 * @param headers The row of unit headers, such as $E$1:$AQ$1 (learner columns such as Qualification may be included).
 * @param marks The learner's cells under the headers, such as E2:AQ2.
 * @param [qualification] The qualification id, code or title, when the row holds none.
 * @param [which] "achieved" (the default), "planned" or "level".
 * @param [rules] A block of a "Qualification rules" sheet, whose values go over the built-in ones.
 * @param invocation Where the arguments are, so messages name the learner's cells.
 * @returns The credits, as one cell.
 * @requiresParameterAddresses
 */
export function credits(
  headers: unknown[][],
  marks: unknown[][],
  qualification: unknown,
  which: unknown,
  rules: unknown[][],
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return resultCell(creditsColumn(which), headers, marks, qualification, rules, 4, invocation);
}

/**
 * What the learner should do next, as the qualcheck: next step column says it.
 * @customfunction NEXTSTEP
 * @param headers The row of unit headers, such as $E$1:$AQ$1 (learner columns such as Qualification may be included).
 * @param marks The learner's cells under the headers, such as E2:AQ2.
 * @param [qualification] The qualification id, code or title, when the row holds none.
 * @param [rules] A block of a "Qualification rules" sheet, whose values go over the built-in ones.
 * @param invocation Where the arguments are, so messages name the learner's cells.
 * @returns The next step, as one cell.
 * @requiresParameterAddresses
 */
export function nextStep(
  headers: unknown[][],
  marks: unknown[][],
  qualification: unknown,
  rules: unknown[][],
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return resultCell('qualcheck: next step', headers, marks, qualification, rules, 3, invocation);
}

/**
 * The rules the learner's units break, in words, as the qualcheck: violations column says them; empty when none.
 * @customfunction VIOLATIONS
 * @param headers The row of unit headers, such as $E$1:$AQ$1 (learner columns such as Qualification may be included).
 * @param marks The learner's cells under the headers, such as E2:AQ2.
 * @param [qualification] The qualification id, code or title, when the row holds none.
 * @param [rules] A block of a "Qualification rules" sheet, whose values go over the built-in ones.
 * @param invocation Where the arguments are, so messages name the learner's cells.
 * @returns The violations, as one cell.
 * @requiresParameterAddresses
 */
export function violations(
  headers: unknown[][],
  marks: unknown[][],
  qualification: unknown,
  rules: unknown[][],
  invocation: CustomFunctions.Invocation,
): unknown[][] {
  return resultCell('qualcheck: violations', headers, marks, qualification, rules, 3, invocation);
}
