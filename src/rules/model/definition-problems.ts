// What can be wrong with a qualification definition, as data: a code, the values the words need, and the path of the
// field to correct (relative to the definition). Nothing here is English: each surface (a rules file, the rules
// sheet) words a problem with its own vocabulary (../definition/words.ts), so rewording a check changes no reader.

export type PathSegment = string | number;

/** The problems of a definition's shape, found by the schema validator. */
type ShapeProblem =
  | { code: 'missing-field'; field: string; help: string }
  | { code: 'missing-kind' }
  | { code: 'unknown-kind'; kind: unknown; hint?: string }
  | { code: 'unknown-field'; field: string; hint?: string; allowed: readonly string[] }
  /** `expected`: JSON types, or `level` for a level's number or word. */
  | { code: 'wrong-type'; expected: readonly string[] | 'level'; nullable: boolean; value: unknown }
  | { code: 'minimum-below-one'; value: unknown }
  | { code: 'below-minimum'; limit: number; nullable: boolean; value: unknown }
  | { code: 'empty-list'; limit: number }
  | { code: 'empty-text'; help?: string }
  | { code: 'invalid'; detail?: string };

/** Names and levels a definition's fields hold that do not resolve. */
type NameProblem =
  | { code: 'entry-sublevel'; value: string }
  | { code: 'not-a-level'; value: string; highest: number }
  | { code: 'level-out-of-range'; value: number; highest: number }
  | { code: 'unknown-group'; name: string; groups: readonly string[] }
  | { code: 'unknown-unit'; ref: string };

/** Problems of the definition as a whole. `first` and `second` are positions in a list, from 1. */
type WholeProblem =
  | { code: 'duplicate-group'; id: string; first: number; second: number }
  | { code: 'duplicate-unit'; ref: string; first: number; second: number }
  | { code: 'duplicate-unit-number'; number: number; firstRef: string; ref: string }
  | { code: 'duplicate-rule-id'; id: string; first: number; second: number }
  | { code: 'alias-clash'; alias: string; unit: string; other: string }
  /** `unit`: the qualification's own unit whose ref or other header the equivalent's ref is. */
  | { code: 'equivalent-is-own-unit'; ref: string; unit: string }
  | { code: 'duplicate-equivalent'; ref: string; first: number; second: number }
  /** `why`: a QCF reference with digits missing or over, a ref with more text after it, or too short to be one. */
  | { code: 'malformed-unit-ref'; ref: string; why: 'qcf-digits' | 'extra-text' | 'too-short' }
  | { code: 'bad-date'; field: 'from' | 'to'; value: string }
  | { code: 'dates-backwards'; from: string; to: string }
  | { code: 'glh-backwards'; min: number; max: number }
  | { code: 'group-total-mismatch'; group: string; total: number; known: number; allKnown: boolean }
  | { code: 'barred-too-few'; set: string; units: number }
  | { code: 'mandatory-group-empty'; rule: string; group: string }
  | { code: 'mandatory-over-total'; rule: string; group: string; least: number; exact: boolean; total: TotalRule }
  /** `counted`: the units the rule counts, in the kind's words. */
  | { code: 'unreachable-minimum'; rule: string; min: number; counted: string; most: number; measure?: string }
  /** `result`: the rule's result in its kind's words; `fix`: what its kind says to correct. */
  | { code: 'unsatisfiable'; rule: string; barred: boolean; result: string; fix: string }
  /**
   * No set of units meets `rule` and `others` together (each of them needed for that), with a maximum that forbids
   * more among them (`maxima`, `rule` itself perhaps); `says`: each other rule in its kind's words.
   */
  | {
      code: 'unsatisfiable-together';
      rule: string;
      others: readonly { id: string; says: string }[];
      maxima: readonly string[];
      fix: string;
    };

/** Problems of a rules file as a whole. */
type FileProblem =
  | { code: 'not-json'; detail: string }
  | { code: 'not-a-definition' }
  | { code: 'empty-file' }
  | { code: 'qualification-twice'; id: string; first: number; second: number };

export interface TotalRule {
  id: string;
  min: number;
}

export type ProblemData = ShapeProblem | NameProblem | WholeProblem | FileProblem;
export type ProblemCode = ProblemData['code'];

/** One problem: what is wrong, and where (the path of the field within the definition). */
export type DefinitionProblem = ProblemData & {
  path: readonly PathSegment[];
  /** The definition's position when a file holds a list of them. */
  item?: number;
};

/** Every code, for the tests that word each one on each surface. */
export const PROBLEM_CODES: readonly ProblemCode[] = [
  'missing-field',
  'missing-kind',
  'unknown-kind',
  'unknown-field',
  'wrong-type',
  'minimum-below-one',
  'below-minimum',
  'empty-list',
  'empty-text',
  'invalid',
  'entry-sublevel',
  'not-a-level',
  'level-out-of-range',
  'unknown-group',
  'unknown-unit',
  'duplicate-group',
  'duplicate-unit',
  'duplicate-unit-number',
  'duplicate-rule-id',
  'alias-clash',
  'equivalent-is-own-unit',
  'duplicate-equivalent',
  'malformed-unit-ref',
  'bad-date',
  'dates-backwards',
  'glh-backwards',
  'group-total-mismatch',
  'barred-too-few',
  'mandatory-group-empty',
  'mandatory-over-total',
  'unreachable-minimum',
  'unsatisfiable',
  'unsatisfiable-together',
  'not-json',
  'not-a-definition',
  'empty-file',
  'qualification-twice',
];
