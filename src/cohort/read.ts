// The cohort reader: a grid of cell values in, one record per learner and a warning for every problem out.
// It never throws and never guesses silently: what it cannot read is named by cell with what to do about it.
import type { Catalogue } from '../rules/catalogue';
import type { QualificationDefinition, UnitDefinition } from '../rules/model';
import type { CellValue, CohortReading, Grid, LearnerRecord, ReadWarning, UnitMark, UnitState } from './types';
import { cellAddress, columnLetters, intersectRanges, rangeAddress } from './address';
import { FIELD_LABEL, type LearnerField, learnerFieldOf } from './columns';
import { chooseTable, gridRange, gridWidth, isBlank } from './grid';
import { findHeader, type Header, HEADER_SEARCH_ROWS, type HeaderColumn, mergedRanges } from './header';
import { DEFAULT_MARKS, MarkReader, type MarkReading, MarkStyleCounter, type MarkVocabulary } from './marks';
import { QualificationResolver } from './qualification';
import { type UnitCandidate, type UnitIndex, unitIndexFor } from './unit-index';
import { isoFromDate } from './dates';

export interface ReadOptions {
  catalogue: Catalogue;
  /** The qualification for learners whose row names none (or when the sheet has no qualification column). */
  qualification?: string;
  marks?: MarkVocabulary;
}

type Problem = ReadWarning & { units?: string[] };

export function readCohort(grid: Grid, options: ReadOptions): CohortReading {
  try {
    return new CohortReader(grid, options).read();
  } catch (error) {
    // A last guard so the pane and the CLI always get an answer; the property test checks it is never reached.
    const top = Number.isFinite(grid?.top) ? grid.top : 1;
    const left = Number.isFinite(grid?.left) ? grid.left : 1;
    return emptyReading(top, left, [
      {
        cell: cellAddress(top, left),
        message: `The sheet could not be read (${error instanceof Error ? error.message : String(error)}). Copy the cohort to a new sheet and try again.`,
      },
    ]);
  }
}

/** The message of the warning `readCohort` gives when its own code failed: tests look for it. */
export const READER_FAILURE = 'The sheet could not be read';

function emptyReading(top: number, left: number, warnings: ReadWarning[]): CohortReading {
  return {
    layout: 'matrix',
    headerRow: 0,
    firstColumn: left,
    lastColumn: left,
    lastRow: top - 1,
    learners: [],
    warnings,
    unitColumns: [],
    hiddenRows: 0,
    hiddenColumns: 0,
  };
}

function errorOf(value: CellValue | undefined): string | undefined {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && typeof value.error === 'string' ? value.error : undefined;
}

/** The text of a learner's own field: numbers as typed (`1001`), dates as ISO. */
function fieldText(value: CellValue | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return isoFromDate(value);
  return undefined;
}

interface UnitColumn {
  header: HeaderColumn;
  candidates: UnitCandidate[];
  refs: string[];
  byQualification: Map<QualificationDefinition, UnitDefinition[]>;
  /** The unit as messages name it: its ref when the header names one unit, else the header. */
  label: string;
}

interface LearnerDraft {
  record: LearnerRecord;
  byRef: Map<string, UnitMark>;
}

const DEFAULT_STATE_OF_LIST: Record<'units' | 'achievedUnits' | 'plannedUnits', UnitState> = {
  units: 'planned',
  achievedUnits: 'achieved',
  plannedUnits: 'planned',
};

/** A unit in a list cell, with an optional mark in brackets: `L/601/0933 (A)`, `Unit 4 [P]`. */
const LISTED_WITH_MARK = /^(.*?)\s*[([]\s*([^()[\]]*?)\s*[)\]]\s*$/;
const LIST_SEPARATORS = /[,;\r\n]+/;

class CohortReader {
  private readonly warnings: ReadWarning[] = [];
  private readonly index: UnitIndex;
  private readonly resolver: QualificationResolver;
  private readonly marks: MarkReader;
  private readonly style = new MarkStyleCounter();
  private grid: Grid;

  constructor(
    private readonly original: Grid,
    private readonly options: ReadOptions,
  ) {
    this.grid = original;
    this.index = unitIndexFor(options.catalogue);
    this.resolver = new QualificationResolver(options.catalogue);
    this.marks = new MarkReader(options.marks ?? DEFAULT_MARKS);
  }

  read(): CohortReading {
    const choice = chooseTable(this.original);
    this.grid = choice.grid;
    const g = this.grid;
    if (choice.table && choice.others.length > 0) {
      const at = gridRange(g);
      this.warnings.push({
        cell: at ? cellAddress(at.top, at.left) : cellAddress(g.top, g.left),
        message: `The selection holds ${choice.others.length + 1} tables; ${choice.table.name} (${choice.table.range}) is read. To check ${choice.others.map((t) => `${t.name} (${t.range})`).join(', ')}, select that table.`,
      });
    }
    const width = gridWidth(g);
    const search = width > 0 ? findHeader(g, width, this.index) : {};
    const header = search.header;
    if (!header) {
      this.noHeader(search.nearMiss);
      return { ...emptyReading(g.top, g.left, this.warnings), table: choice.table?.name };
    }
    this.warnings.push(...header.warnings);
    return { ...this.readBelow(header), table: choice.table?.name };
  }

  private noHeader(nearMiss: { row: number; fields: string[]; unitLike: HeaderColumn[] } | undefined): void {
    const g = this.grid;
    const range = gridRange(g);
    const searched = range
      ? rangeAddress({ ...range, bottom: Math.min(range.bottom, range.top + HEADER_SEARCH_ROWS - 1) })
      : cellAddress(g.top, g.left);
    const needs =
      'A header row needs learner columns (Learner ID, Name, ULN, Qualification) and either one column per unit, headed by the ' +
      'unit reference (L/601/0933), unit number (Unit 4) or unit title, or a Units column listing each learner\'s units.';
    for (const column of nearMiss?.unitLike ?? []) this.unknownUnitHeader(column);
    if (nearMiss) {
      this.warnings.push({
        cell: cellAddress(nearMiss.row, range?.left ?? g.left),
        code: 'no-header',
        message: `Row ${nearMiss.row} names learner columns (${nearMiss.fields.join(', ')}) but no column names a unit of a qualification in the catalogue. ${needs}`,
      });
      return;
    }
    this.warnings.push({
      cell: cellAddress(range?.top ?? g.top, range?.left ?? g.left),
      code: 'no-header',
      message: `No header row found in ${searched}. ${needs}`,
    });
  }

  private unknownUnitHeader(column: HeaderColumn): void {
    this.warnings.push({
      cell: column.cell,
      code: 'unknown-header',
      message: `Header ${column.cell} "${column.text}" names no unit of the qualifications in the catalogue, so its column is not read. Check the unit reference or number, or add the qualification's definition.`,
    });
  }

  private readBelow(header: Header): CohortReading {
    const g = this.grid;
    const learnerColumns = new Map<LearnerField, HeaderColumn>();
    const unitHeaders: HeaderColumn[] = [];
    const listColumns: HeaderColumn[] = [];
    for (const column of header.columns) {
      if (column.role.kind === 'learner') learnerColumns.set(column.role.field, column);
      else if (column.role.kind === 'unit') unitHeaders.push(column);
      else if (column.role.kind === 'list') listColumns.push(column);
    }
    const layout = unitHeaders.length > 0 ? 'matrix' : 'list';
    if (layout === 'matrix') {
      for (const list of listColumns) {
        this.warnings.push({
          cell: list.cell,
          code: 'unknown-header',
          message: `${list.cell} "${list.text}" lists units, but the sheet also has a column per unit, which is what is read. Remove one of the two, so a learner's units are written once.`,
        });
      }
    }
    const unitColumns = layout === 'matrix' ? this.prepareUnitColumns(unitHeaders) : [];
    this.warnUnknownHeaders(header, unitColumns);

    const used: HeaderColumn[] = [...learnerColumns.values(), ...(layout === 'matrix' ? unitHeaders : listColumns)];
    used.sort((a, b) => a.index - b.index);
    const usedIndexes = used.map((c) => c.index);
    const defaultQualification = this.defaultQualification(header, learnerColumns, unitColumns);

    const idFields: LearnerField[] = ['learnerId', 'centreRef', 'candidateNo'];
    const hasIdColumn = idFields.some((f) => learnerColumns.has(f));
    if (!hasIdColumn) {
      this.warnings.push({
        cell: cellAddress(header.row, used[0]?.column ?? g.left),
        code: 'missing-learner-id',
        message: `The header in row ${header.row} has no Learner ID column (or Centre ref, Candidate no), so learners are named by their row. Add a Learner ID column to name them.`,
      });
    }

    const firstLearnerColumn = used.find((c) => c.role.kind === 'learner');
    const drafts: LearnerDraft[] = [];
    let lastBlank = header.rowIndex;
    for (let r = header.rowIndex + 1; r < g.values.length; r++) {
      const row = g.values[r] ?? [];
      let blank = true;
      for (const i of usedIndexes) {
        if (!isBlank(row[i])) {
          blank = false;
          break;
        }
      }
      if (blank) {
        lastBlank = r;
        continue;
      }
      if (firstLearnerColumn && this.repeatsHeader(row, firstLearnerColumn, learnerColumns)) {
        while (drafts.length > 0 && drafts[drafts.length - 1].record.row > g.top + lastBlank) drafts.pop();
        const at = cellAddress(g.top + r, firstLearnerColumn.column);
        this.warnings.push({
          cell: at,
          code: 'unknown-header',
          message: `Row ${g.top + r} repeats the header (${at} "${fieldText(row[firstLearnerColumn.index])}"): a second cohort starts here and is not read. Select it on its own to check it.`,
        });
        break;
      }
      const draft = this.readLearner(r, row, learnerColumns, hasIdColumn, defaultQualification);
      if (layout === 'matrix') this.readMatrixUnits(draft, r, row, unitColumns);
      else this.readListUnits(draft, r, row, listColumns);
      drafts.push(draft);
    }

    const learners = drafts.map((d) => this.finish(d));
    for (const learner of learners) for (const problem of learner.problems) this.warnings.push(problem);

    const lastRow = learners.length > 0 ? learners[learners.length - 1].row : header.row;
    this.warnMergedData(header, used, lastRow);
    const hidden = new Set(g.hiddenRows ?? []);
    const hiddenColumns = new Set(g.hiddenColumns ?? []);
    return {
      layout,
      headerRow: header.row,
      firstColumn: used.length > 0 ? used[0].column : g.left,
      lastColumn: used.length > 0 ? used[used.length - 1].column : g.left,
      lastRow,
      learners,
      warnings: this.warnings,
      unitColumns: unitColumns.map((u) => ({ column: u.header.column, header: u.header.text, refs: u.refs })),
      hiddenRows: hidden.size === 0 ? 0 : learners.filter((l) => hidden.has(l.row)).length,
      hiddenColumns: used.filter((c) => hiddenColumns.has(c.column)).length,
      markStyle: this.style.style(),
    };
  }

  private prepareUnitColumns(headers: HeaderColumn[]): UnitColumn[] {
    const columns: UnitColumn[] = [];
    const firstByUnit = new Map<UnitDefinition, HeaderColumn>();
    for (const header of headers) {
      if (header.role.kind !== 'unit') continue;
      const candidates = header.role.match.candidates;
      const refs = [...new Set(candidates.map((c) => c.unit.ref))];
      const byQualification = new Map<QualificationDefinition, UnitDefinition[]>();
      for (const c of candidates) {
        const list = byQualification.get(c.qualification);
        if (list) list.push(c.unit);
        else byQualification.set(c.qualification, [c.unit]);
      }
      const repeated = candidates.filter((c) => firstByUnit.has(c.unit));
      if (repeated.length > 0) {
        const first = firstByUnit.get(repeated[0].unit) as HeaderColumn;
        const named = [...new Set(repeated.map((c) => c.unit.ref))].join(', ');
        this.warnings.push({
          cell: header.cell,
          code: 'duplicate-unit',
          message: `Headers ${first.cell} "${first.text}" and ${header.cell} "${header.text}" both name unit ${named}. A learner marked in both is reported; remove one of the columns.`,
        });
      }
      for (const c of candidates) if (!firstByUnit.has(c.unit)) firstByUnit.set(c.unit, header);
      for (const [q, units] of byQualification) {
        if (units.length > 1) {
          this.warnings.push({
            cell: header.cell,
            code: 'unknown-header',
            message: `Header ${header.cell} "${header.text}" fits ${units.length} units of ${q.id} (${units.map((u) => u.ref).join(', ')}), so its marks cannot be read for ${q.id} learners. Head the column with the unit reference.`,
          });
        }
      }
      columns.push({ header, candidates, refs, byQualification, label: refs.length === 1 ? refs[0] : `"${header.text}"` });
    }
    return columns;
  }

  /** Headers that name no known unit are reported when they look like a unit, sit among unit columns, or hold marks. */
  private warnUnknownHeaders(header: Header, unitColumns: UnitColumn[]): void {
    const firstUnit = unitColumns[0]?.header.index ?? Infinity;
    const lastUnit = unitColumns[unitColumns.length - 1]?.header.index ?? -Infinity;
    for (const column of header.columns) {
      if (column.role.kind !== 'other') continue;
      const among = column.index > firstUnit && column.index < lastUnit;
      if (column.role.looksLikeUnit || among || this.holdsMarks(header, column)) this.unknownUnitHeader(column);
    }
  }

  private holdsMarks(header: Header, column: HeaderColumn): boolean {
    const g = this.grid;
    let filled = 0;
    let marks = 0;
    for (let r = header.rowIndex + 1; r < g.values.length && filled < 50; r++) {
      const value = g.values[r]?.[column.index];
      if (typeof value !== 'string' || value.trim() === '') continue;
      filled++;
      const reading = this.marks.read(value);
      if ((reading.state === 'achieved' && !reading.achievedOn) || reading.state === 'planned') marks++;
    }
    return marks >= 3 && marks >= filled * 0.6;
  }

  private defaultQualification(
    header: Header,
    learnerColumns: Map<LearnerField, HeaderColumn>,
    unitColumns: UnitColumn[],
  ): { text: string; qualification: QualificationDefinition | null } | undefined {
    const chosen = this.options.qualification?.trim();
    if (chosen) {
      const qualification = this.resolver.resolve(chosen) ?? null;
      if (!qualification) {
        this.warnings.push({
          cell: learnerColumns.get('qualification')?.cell ?? header.columns[0]?.cell ?? cellAddress(header.row, this.grid.left),
          code: 'unknown-qualification',
          message: `The chosen qualification "${chosen}" is not in the catalogue (${this.catalogueList()}). Choose one of these, or add its definition.`,
        });
      }
      return { text: chosen, qualification };
    }
    if (learnerColumns.has('qualification') || unitColumns.length === 0) return undefined;
    // Without a qualification column or a choice, a sheet whose every unit column belongs to one qualification is read
    // as that qualification, and says so.
    let common: Set<QualificationDefinition> | undefined;
    for (const column of unitColumns) {
      const own = new Set(column.byQualification.keys());
      common = common ? new Set([...common].filter((q) => own.has(q))) : own;
    }
    if (!common || common.size !== 1) return undefined;
    const [only] = common;
    this.warnings.push({
      cell: header.columns[0]?.cell ?? cellAddress(header.row, this.grid.left),
      message: `The sheet has no Qualification column and none was chosen; every unit column belongs to ${only.id} (${only.title}), so learners are checked against it. Add a Qualification column or choose the qualification to be sure.`,
    });
    return { text: only.id, qualification: only };
  }

  private catalogueList(): string {
    const ids = this.options.catalogue.qualifications.map((q) => q.id);
    return ids.length > 0 ? ids.join(', ') : 'it is empty';
  }

  private repeatsHeader(row: CellValue[], first: HeaderColumn, learnerColumns: Map<LearnerField, HeaderColumn>): boolean {
    const value = row[first.index];
    if (typeof value !== 'string' || first.role.kind !== 'learner' || learnerFieldOf(value) !== first.role.field) return false;
    let same = 0;
    for (const [field, column] of learnerColumns) {
      const cell = row[column.index];
      if (typeof cell === 'string' && learnerFieldOf(cell) === field) same++;
    }
    return same * 2 >= learnerColumns.size;
  }

  private readLearner(
    r: number,
    row: CellValue[],
    columns: Map<LearnerField, HeaderColumn>,
    hasIdColumn: boolean,
    fallback: { text: string; qualification: QualificationDefinition | null } | undefined,
  ): LearnerDraft {
    const g = this.grid;
    const sheetRow = g.top + r;
    const problems: Problem[] = [];
    const cells: LearnerRecord['cells'] = {};
    const text: Partial<Record<LearnerField, string>> = {};
    const raw: Partial<Record<LearnerField, CellValue>> = {};
    for (const [field, column] of columns) {
      const value = row[column.index];
      const cell = cellAddress(sheetRow, column.column);
      const error = errorOf(value);
      if (error) {
        problems.push({
          cell,
          code: 'formula-error',
          message: `Cell ${cell} (${FIELD_LABEL[field]}) holds the error ${error} from its formula. Fix the formula or type the value.`,
        });
        continue;
      }
      const t = fieldText(value);
      if (t === undefined) continue;
      text[field] = t;
      raw[field] = value ?? null;
      const key = field === 'fullName' ? 'name' : field === 'centreRef' || field === 'candidateNo' ? undefined : field;
      if (key) cells[key] = cell;
    }

    let learnerId: string;
    const idField = (['learnerId', 'centreRef', 'candidateNo'] as const).find((f) => text[f] !== undefined);
    if (idField) {
      learnerId = text[idField] as string;
      cells.learnerId = cellAddress(sheetRow, (columns.get(idField) as HeaderColumn).column);
    } else {
      learnerId = `row ${sheetRow}`;
      const named = text.fullName ?? text.firstName ?? text.lastName;
      const idColumn = columns.get('learnerId') ?? columns.get('centreRef') ?? columns.get('candidateNo');
      if (hasIdColumn && idColumn) {
        const cell = cellAddress(sheetRow, idColumn.column);
        problems.push({
          cell,
          code: 'missing-learner-id',
          message: `Row ${sheetRow}${named ? ` (${named})` : ''} has no learner id in ${cell}. Fill it in; until then the learner is shown as "row ${sheetRow}".`,
        });
      } else if (!named) {
        const cell = this.firstFilledCell(r, row);
        problems.push({
          cell,
          code: 'missing-learner-id',
          message: `Row ${sheetRow} has neither a learner id nor a name. Add them, or clear the row if it is not a learner.`,
        });
      }
    }

    let qualificationText: string | null = text.qualification ?? null;
    let qualification: QualificationDefinition | null = null;
    const qualificationColumn = columns.get('qualification');
    if (qualificationText !== null) {
      qualification = this.resolver.resolve(qualificationText) ?? null;
      if (!qualification) {
        const cell = cellAddress(sheetRow, (qualificationColumn as HeaderColumn).column);
        problems.push({
          cell,
          code: 'unknown-qualification',
          message: `Cell ${cell} names the qualification "${qualificationText}", which is not in the catalogue (${this.catalogueList()}). Write its qualification number (such as 600/5106/1), or add its definition.`,
        });
      }
    } else if (fallback) {
      qualificationText = fallback.text;
      qualification = fallback.qualification;
      if (!qualification) {
        problems.push({
          cell: qualificationColumn ? cellAddress(sheetRow, qualificationColumn.column) : this.firstFilledCell(r, row),
          code: 'unknown-qualification',
          message: `Row ${sheetRow} is checked against the chosen qualification "${fallback.text}", which is not in the catalogue. Choose a qualification the catalogue holds.`,
        });
      }
    } else {
      const cell = qualificationColumn ? cellAddress(sheetRow, qualificationColumn.column) : this.firstFilledCell(r, row);
      problems.push({
        cell,
        code: 'unknown-qualification',
        message: qualificationColumn
          ? `Cell ${cell} is blank, so row ${sheetRow} has no qualification. Fill in its qualification number, or choose a qualification for the sheet.`
          : `Row ${sheetRow} has no qualification: the sheet has no Qualification column. Add one, or choose the qualification for the sheet.`,
      });
    }

    const fullName = text.fullName ?? ([text.firstName, text.lastName].filter(Boolean).join(' ') || undefined);
    const record: LearnerRecord = {
      row: sheetRow,
      learnerId,
      qualificationText,
      qualification,
      achieved: [],
      planned: [],
      marks: [],
      problems,
      cells,
    };
    if (text.firstName !== undefined) record.firstName = text.firstName;
    if (text.lastName !== undefined) record.lastName = text.lastName;
    if (fullName !== undefined) record.fullName = fullName;
    if (raw.uln !== undefined) record.uln = raw.uln;
    if (raw.dateOfBirth !== undefined) record.dateOfBirth = raw.dateOfBirth;
    if (text.sex !== undefined) record.sex = text.sex;
    return { record, byRef: new Map() };
  }

  /** Where to point a problem that belongs to a whole row: its first filled cell, always inside the grid. */
  private firstFilledCell(r: number, row: CellValue[]): string {
    const g = this.grid;
    for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return cellAddress(g.top + r, g.left + c);
    return cellAddress(g.top + r, g.left);
  }

  private readMatrixUnits(draft: LearnerDraft, r: number, row: CellValue[], columns: UnitColumn[]): void {
    const g = this.grid;
    const formats = g.numberFormats?.[r];
    const q = draft.record.qualification;
    for (const column of columns) {
      const value = row[column.header.index];
      if (value === null || value === undefined) continue;
      const reading = this.marks.read(value, formats?.[column.header.index]);
      if (reading.state === 'none') continue;
      const cell = cellAddress(g.top + r, column.header.column);
      if (reading.state === 'error') {
        this.problem(draft, {
          cell,
          code: 'formula-error',
          message: `Cell ${cell} holds the error ${reading.error} from its formula, so unit ${column.label} is read as not taken. Fix the formula or type the mark.`,
          units: column.refs.length === 1 ? column.refs : undefined,
        });
        continue;
      }
      if (reading.state === 'unrecognised') {
        this.unrecognisedMark(draft, cell, reading.text, column.label, column.refs.length === 1 ? column.refs : undefined);
        continue;
      }
      if (typeof value === 'string') this.style.note(value, reading.state);
      let ref: string;
      if (q) {
        const units = column.byQualification.get(q);
        if (!units) {
          this.problem(draft, {
            cell,
            code: 'unit-not-in-qualification',
            message: `Cell ${cell} marks unit ${column.label}, which is not part of ${q.id} (the learner's qualification). Clear the mark, or correct the learner's qualification.`,
            units: column.refs,
          });
          continue;
        }
        if (units.length > 1) {
          this.problem(draft, {
            cell,
            code: 'unknown-unit',
            message: `Cell ${cell} is marked, but its header "${column.header.text}" fits ${units.length} units of ${q.id} (${units.map((u) => u.ref).join(', ')}). Head the column with the unit reference.`,
            units: units.map((u) => u.ref),
          });
          continue;
        }
        ref = units[0].ref;
      } else {
        ref = column.refs.length === 1 ? column.refs[0] : column.header.text;
      }
      this.addUnit(draft, ref, reading, cell, 'column');
    }
  }

  private readListUnits(draft: LearnerDraft, r: number, row: CellValue[], columns: HeaderColumn[]): void {
    const g = this.grid;
    const q = draft.record.qualification;
    for (const column of columns) {
      if (column.role.kind !== 'list') continue;
      const value = row[column.index];
      if (isBlank(value)) continue;
      const cell = cellAddress(g.top + r, column.column);
      const error = errorOf(value);
      if (error) {
        this.problem(draft, {
          cell,
          code: 'formula-error',
          message: `Cell ${cell} holds the error ${error} from its formula, so its units are not read. Fix the formula or type the units.`,
        });
        continue;
      }
      const listed = typeof value === 'string' ? value : fieldText(value) ?? '';
      const defaultState = DEFAULT_STATE_OF_LIST[column.role.field];
      for (const token of listed.split(LIST_SEPARATORS)) {
        const item = token.trim();
        if (item === '') continue;
        this.readListedUnit(draft, cell, item, defaultState, q);
      }
    }
  }

  private readListedUnit(draft: LearnerDraft, cell: string, item: string, defaultState: UnitState, q: QualificationDefinition | null): void {
    let unitText = item;
    let reading: MarkReading = defaultState === 'achieved' ? { state: 'achieved' } : { state: 'planned' };
    const marked = LISTED_WITH_MARK.exec(item);
    if (marked && marked[1] !== '') {
      const mark = this.marks.read(marked[2]);
      // A bracket that is not a mark may belong to the unit's name (`Using Email (advanced)`): the name without it
      // must then be no unit, and the whole must be one.
      const bracketInName = mark.state === 'unrecognised' && !this.index.match(marked[1], true) && this.index.match(item, true);
      if (!bracketInName) {
        unitText = marked[1];
        reading = mark;
      }
    }
    const match = this.index.match(unitText, true);
    if (!match) {
      this.problem(draft, {
        cell,
        code: 'unknown-unit',
        message: `Cell ${cell} lists "${unitText}", which is not a unit of any qualification in the catalogue. Check the unit reference (such as L/601/0933) or number.`,
        units: [unitText],
      });
      return;
    }
    const refs = [...new Set(match.candidates.map((c) => c.unit.ref))];
    const label = refs.length === 1 ? refs[0] : `"${unitText}"`;
    if (reading.state === 'none') return;
    if (reading.state === 'error') return;
    if (reading.state === 'unrecognised') {
      this.unrecognisedMark(draft, cell, reading.text, label, refs.length === 1 ? refs : undefined);
      return;
    }
    let ref: string;
    if (q) {
      const units = match.candidates.filter((c) => c.qualification === q).map((c) => c.unit);
      if (units.length === 0) {
        this.problem(draft, {
          cell,
          code: 'unit-not-in-qualification',
          message: `Cell ${cell} lists unit ${label}, which is not part of ${q.id} (the learner's qualification). Remove it, or correct the learner's qualification.`,
          units: refs,
        });
        return;
      }
      if (units.length > 1) {
        this.problem(draft, {
          cell,
          code: 'unknown-unit',
          message: `Cell ${cell} lists "${unitText}", which fits ${units.length} units of ${q.id} (${units.map((u) => u.ref).join(', ')}). Write the unit reference instead.`,
          units: units.map((u) => u.ref),
        });
        return;
      }
      ref = units[0].ref;
    } else {
      ref = refs.length === 1 ? refs[0] : unitText;
    }
    this.addUnit(draft, ref, reading, cell, 'list');
  }

  private unrecognisedMark(draft: LearnerDraft, cell: string, text: string, label: string, units: string[] | undefined): void {
    this.problem(draft, {
      cell,
      code: 'unrecognised-mark',
      message: `Cell ${cell} holds "${text}", which is not a mark the reader knows, so unit ${label} is read as not taken. Use ${this.marks.describe()}, or add "${text}" to the marks vocabulary.`,
      units,
    });
  }

  private addUnit(draft: LearnerDraft, ref: string, reading: MarkReading, cell: string, where: 'column' | 'list'): void {
    if (reading.state !== 'achieved' && reading.state !== 'planned') return;
    const existing = draft.byRef.get(ref);
    if (existing) {
      this.problem(draft, {
        cell,
        code: 'duplicate-unit',
        message:
          where === 'column'
            ? `Unit ${ref} is marked twice for ${draft.record.learnerId}, in ${existing.cell} and ${cell}. Keep one mark and clear the other.`
            : `Unit ${ref} is listed twice for ${draft.record.learnerId} (${existing.cell === cell ? cell : `${existing.cell} and ${cell}`}). List it once.`,
        units: [ref],
      });
      // Counted once, at its best state, so the order of the columns does not change the result.
      if (existing.state === 'planned' && reading.state === 'achieved') {
        existing.state = 'achieved';
        existing.cell = cell;
        if (reading.achievedOn) existing.achievedOn = reading.achievedOn;
      }
      return;
    }
    const mark: UnitMark = { ref, state: reading.state, cell };
    if (reading.state === 'achieved' && reading.achievedOn) mark.achievedOn = reading.achievedOn;
    draft.byRef.set(ref, mark);
  }

  private problem(draft: LearnerDraft, problem: Problem): void {
    if (problem.units === undefined) delete problem.units;
    draft.record.problems.push(problem);
  }

  private finish(draft: LearnerDraft): LearnerRecord {
    const record = draft.record;
    for (const mark of draft.byRef.values()) {
      record.marks.push(mark);
      if (mark.state === 'achieved') record.achieved.push(mark.ref);
      else record.planned.push(mark.ref);
    }
    return record;
  }

  /** Merged cells among learner rows hold their value in the first cell only; the rest read blank. */
  private warnMergedData(header: Header, used: HeaderColumn[], lastRow: number): void {
    if (used.length === 0 || lastRow <= header.row) return;
    const g = this.grid;
    const area = { top: header.row + 1, bottom: lastRow, left: used[0].column, right: used[used.length - 1].column };
    for (const m of mergedRanges(g)) {
      const inside = intersectRanges(m, area);
      if (!inside || m.bottom === m.top && m.right === m.left) continue;
      this.warnings.push({
        cell: cellAddress(inside.top, inside.left),
        message: `Cells ${rangeAddress(inside)} are merged, so only ${cellAddress(m.top, m.left)} holds a value and the others read as blank. Unmerge them and fill in each row (columns ${columnLetters(inside.left)} to ${columnLetters(inside.right)}).`,
      });
    }
  }
}
