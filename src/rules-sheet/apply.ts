// What a check does with a workbook's rules sheet: read it against the catalogue it overrides, put its valid
// definitions over that catalogue, and list what changed for a reviewer. The pane, the worksheet functions and the
// CLI all call this; only the policy for a sheet with problems differs between them.
import type { Catalogue } from '../rules/catalogue';
import type { QualificationDefinition } from '../rules/model';
import { diffDefinitions } from '../rules/definition';
import type { Grid } from '../sheet';
import { readRulesSheet, type RulesSheetProblem } from './read';

/**
 * What a sheet with problems is used for. `skip-block` (the pane): the blocks without a problem are used, so one
 * typo does not undo a centre's other corrections while they fix it. `all-or-nothing` (the command line): nothing is
 * used, since a run on half of a centre's corrections would give results no one asked for.
 */
export type RulesSheetPolicy = 'skip-block' | 'all-or-nothing';

export interface RulesSheetUse {
  /** The catalogue with the sheet's valid definitions in place of (or beside) its own. */
  catalogue: Catalogue;
  /** The sheet's definitions that were used. */
  definitions: QualificationDefinition[];
  /** Problems naming cells; which definitions are used despite them is the policy's to say. */
  errors: RulesSheetProblem[];
  /** One line per change against `catalogue`, for the pane's review list and the CLI report. */
  changes: string[];
}

export function applyRulesSheet(
  catalogue: Catalogue,
  grid: Grid,
  { policy = 'skip-block' }: { policy?: RulesSheetPolicy } = {},
): RulesSheetUse {
  const reading = readRulesSheet(grid, { base: catalogue.qualifications });
  const definitions = policy === 'all-or-nothing' && reading.errors.length > 0 ? [] : reading.definitions;
  return {
    catalogue: catalogue.withDefinitions(definitions),
    definitions,
    errors: reading.errors,
    changes: diffDefinitions(catalogue.qualifications, definitions),
  };
}
