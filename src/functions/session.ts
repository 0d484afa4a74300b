// What the worksheet functions keep for as long as Excel keeps their runtime (one workbook session): the catalogue
// with each rules block a formula names put over it, read and compiled once, not once per call. Filling a column
// down 5,000 rows asks for the same block 5,000 times.
import type { Catalogue } from '../rules/catalogue';
import { embeddedCatalogue } from '../rules/catalogue';
import { applyRulesSheet } from '../cohort/rules-sheet-apply';
import { type FormulaRange, rangeName, rulesGrid } from './formula-grid';
import type { LearnerOutcome } from './learner-formula';

export type CatalogueChoice = { catalogue: Catalogue } | { error: string };

/** A session holds this many rules blocks before it starts again: a workbook names one or two. */
const BLOCKS_KEPT = 32;
/**
 * And this many learners' checks: a row's STATUS, CREDITS, NEXTSTEP and VIOLATIONS read and check it once, and a
 * recalculation of unchanged rows (opening the workbook) checks nothing again. About 2 KB each.
 */
const LEARNERS_KEPT = 10_000;

export class FunctionSession {
  private readonly withRules = new Map<string, CatalogueChoice>();
  private readonly learners = new Map<string, LearnerOutcome>();

  constructor(readonly catalogue: Catalogue = embeddedCatalogue()) {}

  /** The catalogue a formula checks against: the session's own, or with the formula's rules block over it. */
  catalogueFor(rules: FormulaRange | undefined): CatalogueChoice {
    if (!rules || rules.values.every((row) => row.every((v) => v === '' || v === null || v === undefined)))
      return { catalogue: this.catalogue };
    // Keyed by where the block is and what it holds: a centre's edit to the block makes a new entry.
    const key = `${rules.address ?? ''}\u0000${JSON.stringify(rules.values)}`;
    let choice = this.withRules.get(key);
    if (!choice) {
      choice = this.readRules(rules);
      if (this.withRules.size >= BLOCKS_KEPT) this.withRules.clear();
      this.withRules.set(key, choice);
    }
    return choice;
  }

  /** The outcome for a formula's cells, worked out by `check` the first time these exact cells are asked about. */
  learner(key: string, check: () => LearnerOutcome): LearnerOutcome {
    let outcome = this.learners.get(key);
    if (!outcome) {
      outcome = check();
      if (this.learners.size >= LEARNERS_KEPT) this.learners.clear();
      this.learners.set(key, outcome);
    }
    return outcome;
  }

  private readRules(rules: FormulaRange): CatalogueChoice {
    const use = applyRulesSheet(this.catalogue, rulesGrid(rules));
    if (use.errors.length > 0) {
      const [first] = use.errors;
      const more =
        use.errors.length > 1
          ? ` (and ${use.errors.length - 1} more problem${use.errors.length > 2 ? 's' : ''} in the block)`
          : '';
      const at = rangeName(rules, '');
      return { error: `rules block${at ? ` ${at}` : ''}: ${first.cell}: ${first.message}${more}` };
    }
    return { catalogue: use.catalogue };
  }
}
