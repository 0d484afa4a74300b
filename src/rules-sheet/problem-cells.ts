// A definition problem of a block, put on the cell to correct and worded in the sheet's vocabulary: fields by the
// sheet's column and row labels, places by the sheet's rows, declarations by the sheet's tables. The words come from
// the problem's data (definition-words.ts); nothing here reads English back.
import type { DefinitionProblem, PathSegment } from '../rules/model';
import { fieldLabel, FILE_WORDS, formatPath, problemWords, TYPE_WORDS } from '../rules/definition';
import type { ProblemVocabulary } from '../rules/definition';
import type { Block } from './json';
import type { RulesSheetCells } from './cells';
import type { TableName } from './layout';

/** A field as the sheet labels it, where its label differs from the JSON's: `the Minimum of rule total`, `GLH min`. */
function sheetField(root: unknown, path: readonly PathSegment[]): string {
  const [first, second, field, item] = path;
  if (first === 'rules' && typeof second === 'number') {
    const { owner } = FILE_WORDS.owner(root, path);
    if ((field === 'groups' || field === 'units') && typeof item === 'number' && path.length === 4)
      return `groups or units of ${owner}`;
    if (field === 'min' && path.length === 3) return `the Minimum of ${owner}`;
  }
  if (first === 'equivalents' && typeof second === 'number' && path.length === 3) {
    const { owner } = FILE_WORDS.owner(root, path);
    if (field === 'countsAs') return `the Counts as of ${owner}`;
    if (field === 'title') return `the Title of ${owner}`;
  }
  if (first === 'glh' && (second === 'min' || second === 'max') && path.length === 2) return `GLH ${second}`;
  if (first === 'minAge' && path.length === 1) return 'the minimum age';
  return fieldLabel(root, path);
}

const ITS = { min: 'its Minimum', groupTotal: 'its Total credits', glhMin: 'GLH min', glhMax: 'GLH max' } as const;

/** The rules sheet's vocabulary for one block: its rows are the positions the problems name. */
export function sheetWords(block: Block, cells: RulesSheetCells): ProblemVocabulary {
  return {
    ...FILE_WORDS,
    field: sheetField,
    its: (field) => ITS[field],
    minimumOf: (rule) => `the Minimum of rule ${rule}`,
    maximumOf: (rule) => `the Maximum of rule ${rule}`,
    table: (list) => (list === 'groups' ? 'the group table' : 'the unit table'),
    unknown: 'leave the cell empty when not known',
    types: (types) => {
      const words = types.filter((t) => t !== 'null').map((t) => TYPE_WORDS[t] ?? t);
      return types.includes('null') ? `${words.join(' or ')}, or empty when not known` : words.join(' or ');
    },
    dateFix: () => ': write a date such as 24/05/2012 or 2012-05-24',
    alias: 'Other header',
    positions: (list, first, second) => {
      const rows = list in block.rows ? block.rows[list as TableName] : undefined;
      const [a, b] = [rows?.[first - 1], rows?.[second - 1]];
      return a === undefined || b === undefined
        ? FILE_WORDS.positions(list, first, second)
        : `(rows ${cells.sheetRow(a)} and ${cells.sheetRow(b)})`;
    },
    here: 'on this sheet',
  };
}

const PATH_TAIL = /(\.[A-Za-z_$][\w$]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])$/;

/** The cell that holds a field, or of the nearest field around it, or the block's first cell. */
function cellOf(block: Block, cells: RulesSheetCells, path: readonly PathSegment[]): string {
  let key = formatPath(path, '[0]');
  for (;;) {
    const cell = block.cells.get(key);
    if (cell !== undefined) return cell;
    if (!PATH_TAIL.test(key)) return cells.address(block.start.row, block.start.column);
    key = key.replace(PATH_TAIL, '');
  }
}

/** Puts a block's definition problems on their cells, in the sheet's words. */
export function placeProblems(block: Block, cells: RulesSheetCells, problems: readonly DefinitionProblem[]): void {
  const words = sheetWords(block, cells);
  for (const problem of problems) {
    const position = cells.positionOf(cellOf(block, cells, problem.path));
    // What the sheet reading already said about a cell comes first; the validation's echo of it is dropped.
    if (cells.errors.some((e) => e.row === position.row && e.column === position.column)) continue;
    cells.errors.push({ ...position, message: problemWords(problem, block.json, words) });
  }
}
