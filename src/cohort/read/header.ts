// Finding the header row (anywhere in the first rows, under titles or blank rows) and what each column holds.
import type { CellValue, Grid, ReadWarning } from '../../sheet';
import {
  cellAddress,
  type CellRange,
  intersectRanges,
  parseRange,
  rangeAddress,
  gridRange,
  isExcelErrorText,
} from '../../sheet';
import { type LearnerField, type ListField, FIELD_LABEL, isUnitBanner, learnerFieldOf, listFieldOf } from './columns';
import type { UnitIndex, UnitMatch } from './unit-index';

/** The reader looks for a header this far down: trackers put titles, dates and notes above it, rarely more. */
export const HEADER_SEARCH_ROWS = 20;

export type ColumnRole =
  | { kind: 'learner'; field: LearnerField }
  | { kind: 'list'; field: ListField }
  | { kind: 'unit'; match: UnitMatch }
  | { kind: 'other'; looksLikeUnit: boolean };

export interface HeaderColumn {
  /** 0-based index into the grid's rows. */
  index: number;
  /** 1-based sheet column. */
  column: number;
  text: string;
  cell: string;
  role: ColumnRole;
}

export interface Header {
  /** 0-based grid row of the header. */
  rowIndex: number;
  /** 1-based sheet row. */
  row: number;
  columns: HeaderColumn[];
  warnings: ReadWarning[];
}

export function headerText(value: CellValue | undefined): string {
  if (typeof value === 'string') return isExcelErrorText(value) ? '' : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Merged areas of the grid, clipped to it. */
export function mergedRanges(grid: Grid): CellRange[] {
  const own = gridRange(grid);
  if (!own || !grid.merged) return [];
  const out: CellRange[] = [];
  for (const text of grid.merged) {
    const range = parseRange(text);
    const clipped = range ? intersectRanges(range, own) : undefined;
    if (range && clipped && (range.bottom > range.top || range.right > range.left)) out.push(range);
  }
  return out;
}

/** The texts of one header row; a cell under a vertical merge reads the merged value (a title spanning two header rows). */
function rowTexts(grid: Grid, r: number, width: number, merges: CellRange[]): string[] {
  const row = grid.values[r] ?? [];
  const texts = new Array<string>(width);
  for (let c = 0; c < width; c++) texts[c] = headerText(row[c]);
  const sheetRow = grid.top + r;
  for (const m of merges) {
    if (m.left !== m.right || m.top >= sheetRow || m.bottom < sheetRow || m.top < grid.top) continue;
    const c = m.left - grid.left;
    if (c >= 0 && c < width && texts[c] === '') texts[c] = headerText(grid.values[m.top - grid.top]?.[c]);
  }
  return texts;
}

/** Columns under a banner such as `Units` in the row above: from the banner cell to the next filled cell. */
function bannerColumns(texts: string[] | undefined): boolean[] | undefined {
  if (!texts) return undefined;
  const covered = new Array<boolean>(texts.length).fill(false);
  let inside = false;
  let any = false;
  for (let c = 0; c < texts.length; c++) {
    if (texts[c] !== '') inside = isUnitBanner(texts[c]);
    covered[c] = inside;
    any ||= inside;
  }
  return any ? covered : undefined;
}

function classify(text: string, index: UnitIndex, underBanner: boolean): ColumnRole {
  const learner = learnerFieldOf(text);
  if (learner) return { kind: 'learner', field: learner };
  const list = listFieldOf(text);
  if (list) return { kind: 'list', field: list };
  const match = index.match(text, underBanner);
  if (match) return { kind: 'unit', match };
  return { kind: 'other', looksLikeUnit: index.looksLikeUnit(text) || (underBanner && /^\s*\d{1,3}\s*$/.test(text)) };
}

interface Candidate {
  rowIndex: number;
  texts: string[];
  roles: (ColumnRole | undefined)[];
  learnerFields: number;
  units: number;
  lists: number;
  score: number;
  eligible: boolean;
}

function scoreRow(
  grid: Grid,
  r: number,
  width: number,
  merges: CellRange[],
  index: UnitIndex,
  above: string[] | undefined,
): Candidate {
  const texts = rowTexts(grid, r, width, merges);
  const banner = bannerColumns(above);
  const roles = new Array<ColumnRole | undefined>(width);
  const fields = new Set<LearnerField>();
  let units = 0;
  let lists = 0;
  for (let c = 0; c < width; c++) {
    if (texts[c] === '') continue;
    const role = classify(texts[c], index, banner?.[c] ?? false);
    roles[c] = role;
    if (role.kind === 'learner') fields.add(role.field);
    else if (role.kind === 'unit') units++;
    else if (role.kind === 'list') lists++;
  }
  const learnerFields = fields.size;
  const eligible = (units >= 1 || lists >= 1) && (learnerFields >= 1 || units >= 2);
  return {
    rowIndex: r,
    texts,
    roles,
    learnerFields,
    units,
    lists,
    score: 3 * learnerFields + units + 3 * lists,
    eligible,
  };
}

/** A row naming learner fields beats one that names only units (a learner's row of unit lists), then the higher score. */
function outranks(a: Candidate, b: Candidate): boolean {
  const aNamesLearners = a.learnerFields > 0 || a.lists > 0;
  const bNamesLearners = b.learnerFields > 0 || b.lists > 0;
  if (aNamesLearners !== bNamesLearners) return aNamesLearners;
  return a.score > b.score;
}

export interface HeaderSearch {
  header?: Header;
  /** The row that looked most like a header of learners when none named units (for the "what a header needs" message). */
  nearMiss?: { row: number; fields: string[]; unitLike: HeaderColumn[] };
}

/** The best header row in the first rows of the grid: the one naming the most learner fields, unit columns and unit lists. */
export function findHeader(grid: Grid, width: number, index: UnitIndex): HeaderSearch {
  const merges = mergedRanges(grid);
  const last = Math.min(HEADER_SEARCH_ROWS, grid.values.length);
  const candidates: Candidate[] = [];
  let above: string[] | undefined;
  for (let r = 0; r < last; r++) {
    const candidate = scoreRow(grid, r, width, merges, index, above);
    above = candidate.texts;
    candidates.push(candidate);
  }
  // A `Units` cell over a header row whose cell below is a unit heading is a banner, not a column listing units.
  // (A list cohort's first learner may hold a unit in that cell, but a learner's row names no learner fields.)
  for (let r = 0; r + 1 < candidates.length; r++) {
    const here = candidates[r];
    const below = candidates[r + 1];
    if (below.learnerFields === 0) continue;
    here.roles.forEach((role, c) => {
      if (role?.kind !== 'list' || role.field !== 'units' || below.roles[c]?.kind !== 'unit') return;
      if (/[,;\n([]/.test(below.texts[c])) return;
      here.roles[c] = { kind: 'other', looksLikeUnit: false };
      here.lists--;
      here.score -= 3;
      here.eligible = (here.units >= 1 || here.lists >= 1) && (here.learnerFields >= 1 || here.units >= 2);
    });
  }
  let best: Candidate | undefined;
  let nearMiss: Candidate | undefined;
  for (const candidate of candidates) {
    if (candidate.eligible && (!best || outranks(candidate, best))) best = candidate;
    if (
      !candidate.eligible &&
      candidate.learnerFields >= 2 &&
      (!nearMiss || candidate.learnerFields > nearMiss.learnerFields)
    )
      nearMiss = candidate;
  }
  if (!best) {
    if (!nearMiss) return {};
    const columns = headerColumns(grid, nearMiss);
    return {
      nearMiss: {
        row: grid.top + nearMiss.rowIndex,
        fields: columns.filter((c) => c.role.kind === 'learner').map((c) => c.text),
        unitLike: columns.filter((c) => c.role.kind === 'other' && c.role.looksLikeUnit),
      },
    };
  }
  return { header: settleHeader(grid, best, merges) };
}

function headerColumns(grid: Grid, candidate: Candidate): HeaderColumn[] {
  const row = grid.top + candidate.rowIndex;
  const columns: HeaderColumn[] = [];
  candidate.roles.forEach((role, c) => {
    if (!role) return;
    const column = grid.left + c;
    columns.push({ index: c, column, text: candidate.texts[c], cell: cellAddress(row, column), role });
  });
  return columns;
}

/**
 * Left to right: a learner field named again right after another is a duplicate column (the first is read);
 * named again after a blank column, it starts a second cohort beside the first, which is left for the user to select.
 */
function settleHeader(grid: Grid, candidate: Candidate, merges: CellRange[]): Header {
  const row = grid.top + candidate.rowIndex;
  const warnings: ReadWarning[] = [];
  const seen = new Map<LearnerField, HeaderColumn>();
  const columns: HeaderColumn[] = [];
  let gap = false;
  for (let c = 0; c < candidate.texts.length; c++) {
    const role = candidate.roles[c];
    if (!role) {
      if (columns.length > 0) gap = true;
      continue;
    }
    const column = grid.left + c;
    const cell = cellAddress(row, column);
    const text = candidate.texts[c];
    if (role.kind === 'learner') {
      const first = seen.get(role.field);
      if (first && gap) {
        warnings.push({
          cell,
          code: 'unknown-header',
          problem: { kind: 'second-cohort-heading', heading: { cell, text } },
        });
        break;
      }
      if (first) {
        warnings.push({
          cell,
          code: 'unknown-header',
          problem: {
            kind: 'field-column-twice',
            heading: { cell, text },
            field: FIELD_LABEL[role.field],
            first: first.cell,
          },
        });
        columns.push({ index: c, column, text, cell, role: { kind: 'other', looksLikeUnit: false } });
        gap = false;
        continue;
      }
    }
    const entry: HeaderColumn = { index: c, column, text, cell, role };
    if (role.kind === 'learner') seen.set(role.field, entry);
    columns.push(entry);
    gap = false;
  }

  const lastColumn = columns.length > 0 ? columns[columns.length - 1].column : grid.left;
  for (const m of merges) {
    if (m.top > row || m.bottom < row || m.left === m.right) continue;
    const clipped = intersectRanges(m, { top: row, bottom: row, left: grid.left, right: lastColumn });
    if (!clipped) continue;
    const own = gridRange(grid);
    const visible = own ? intersectRanges(m, own) : undefined;
    const at = cellAddress(row, clipped.left);
    warnings.push({
      cell: at,
      code: 'merged-header',
      problem: { kind: 'merged-header', range: rangeAddress(visible ?? m) },
    });
  }
  return { rowIndex: candidate.rowIndex, row, columns, warnings };
}
