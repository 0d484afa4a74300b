// Reads the "Qualification rules" sheet back into qualification definitions. Each block becomes the JSON a centre
// would write, and goes through the same validation as a rules file; every problem comes back naming the cell to
// correct, in the sheet's words. Values that differ from the catalogue are recorded as the centre's in each unit's
// source, so results can say which verdicts rest on them. Never throws: a broken sheet is a list of errors.
import type { QualificationDefinition } from '../rules/model';
import { readQualificationDefinitions } from '../rules/definition';
import { EMBEDDED_QUALIFICATIONS, normaliseQualificationId } from '../rules/catalogue';
import { RULES_SHEET_ORIGIN, withProvenance } from '../rules/engine';
import type { Grid } from '../sheet';
import { cellAddress } from '../sheet';
import { BLOCK_LABEL, RULES_SHEET_NAME } from './layout';
import { RulesSheetCells } from './cells';
import { BlockReader, blockStarts } from './block';
import { placeProblems } from './problem-cells';

/** A definition problem as the rules sheet shows it: the cell to correct, and what to do there. */
export interface RulesSheetProblem {
  /** A1 address of the cell to correct, always inside the grid read. */
  cell: string;
  /** What is wrong and what to do, in the sheet's words. */
  message: string;
}

export interface RulesSheetReading {
  /** The definitions of the blocks without an error, with the centre's values marked in each unit's source. */
  definitions: QualificationDefinition[];
  errors: RulesSheetProblem[];
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

class RulesSheetReader {
  private readonly cells: RulesSheetCells;
  private readonly blocks: BlockReader;

  constructor(
    private readonly grid: Grid,
    private readonly options: ReadRulesSheetOptions,
  ) {
    this.cells = new RulesSheetCells(grid);
    this.blocks = new BlockReader(this.cells);
  }

  read(): RulesSheetReading {
    const starts = blockStarts(this.cells);
    if (starts.length === 0) {
      this.cells.fail(
        0,
        0,
        `No qualification found: each qualification's block starts with a row whose first cell says "${BLOCK_LABEL}" and whose next cell holds its id. Write the sheet again with "Edit qualification data" in the pane, or with qualcheck rules export --out FILE.xlsx.`,
      );
      return { definitions: [], errors: this.cells.sortedErrors(), blocks: [] };
    }
    const blocks = starts.map((start, i) =>
      this.blocks.read(start, i + 1 < starts.length ? starts[i + 1].row : this.cells.height),
    );
    const definitions: QualificationDefinition[] = [];
    const firstRowOfId = new Map<string, number>();
    const origin = this.options.origin ?? `rules sheet "${this.grid.sheetName ?? RULES_SHEET_NAME}"`;
    const base = this.options.base ?? EMBEDDED_QUALIFICATIONS;
    for (const block of blocks) {
      const before = this.cells.errors.length;
      if (block.id !== undefined) {
        const key = normaliseQualificationId(block.id);
        const first = firstRowOfId.get(key);
        if (first !== undefined) {
          this.cells.fail(
            block.start.row,
            block.start.column + 1,
            `Qualification ${block.id} already has a block on this sheet (row ${this.cells.sheetRow(first)}): keep one block per qualification, and move this block's rows into it.`,
          );
        } else firstRowOfId.set(key, block.start.row);
      }
      const { definitions: parsed, problems } = readQualificationDefinitions([block.json], origin);
      placeProblems(block, this.cells, problems);
      const blockFailed = this.cells.errors.length > before || this.cells.hasErrorsIn(block.start.row, block.end);
      if (!blockFailed && parsed.length === 1) {
        const definition = parsed[0];
        const replaced = base.find((q) => normaliseQualificationId(q.id) === normaliseQualificationId(definition.id));
        definitions.push(withProvenance(definition, replaced, RULES_SHEET_ORIGIN));
      }
    }
    return {
      definitions,
      errors: this.cells.sortedErrors(),
      blocks: blocks.map((b) => ({
        qualificationId: b.id ?? '',
        cell: this.cells.address(b.start.row, b.start.column),
      })),
    };
  }
}
