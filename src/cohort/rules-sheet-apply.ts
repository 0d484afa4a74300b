// What a check does with a workbook's rules sheet: read it against the catalogue it overrides, put its valid
// definitions over that catalogue, and list what changed for a reviewer. The pane and the CLI both call this.
import type { Catalogue } from '../rules/catalogue';
import type { QualificationDefinition } from '../rules/model';
import { diffDefinitions } from '../rules/definition-diff';
import type { Grid } from './types';
import { readRulesSheet, type RulesSheetError } from './rules-sheet-read';

export interface RulesSheetUse {
  /** The catalogue with the sheet's valid definitions in place of (or beside) its own. */
  catalogue: Catalogue;
  /** The sheet's definitions that were used. */
  definitions: QualificationDefinition[];
  /** Problems naming cells; a block with any problem is not used, the others are. */
  errors: RulesSheetError[];
  /** One line per change against `catalogue`, for the pane's review list and the CLI report. */
  changes: string[];
}

export function applyRulesSheet(catalogue: Catalogue, grid: Grid): RulesSheetUse {
  const { definitions, errors } = readRulesSheet(grid, { base: catalogue.qualifications });
  return {
    catalogue: catalogue.withDefinitions(definitions),
    definitions,
    errors,
    changes: diffDefinitions(catalogue.qualifications, definitions),
  };
}
