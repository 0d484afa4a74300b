// How a sheet spells each state of a unit, so a cell the what-if writes looks like its neighbours: achieved and
// planned as the reader counted the sheet's marks, not taken as most untaken unit cells hold it.
import { isBlank } from '../sheet';
import { DEFAULT_MARK_STYLE, type MarkReader } from '../cohort/read';
import type { CohortReading, Grid, MarkStyle } from '../sheet';
import type { UnitChoice } from './unit-choices';

/**
 * How this sheet writes each state. Achieved and planned come from the reader's count of the sheet's marks; not taken
 * is the sheet's usual non-blank spelling (`-`, `N`) when most untaken unit cells hold one, else an empty cell. Each
 * spelling is checked to read back as meant, else the vocabulary's own word is used.
 */
export function sheetSpelling(grid: Grid, reading: CohortReading, reader: MarkReader): Record<UnitChoice, string> {
  const style: MarkStyle = reading.markStyle ?? DEFAULT_MARK_STYLE;
  const vocabulary = reader.vocabulary;
  const readsAs = (text: string, state: UnitChoice) => reader.read(text === '' ? null : text).state === state;
  const pick = (state: UnitChoice, preferred: string, words: readonly string[]) =>
    readsAs(preferred, state) ? preferred : (words.find((w) => w.trim() !== '' && readsAs(w, state)) ?? preferred);
  return {
    achieved: pick('achieved', style.achieved, vocabulary.achieved),
    planned: pick('planned', style.planned, vocabulary.planned),
    // Counted over every learner's unit cells (a long task at 20,000 learners): only when a unit is written untaken.
    get none() {
      return untakenSpelling(grid, reading, reader);
    },
  };
}

// The pane plans a row's changes on every toggle; the sheet-wide counts behind a spelling are made once per reading.
const untakenByReading = new WeakMap<CohortReading, string>();

function untakenSpelling(grid: Grid, reading: CohortReading, reader: MarkReader): string {
  let known = untakenByReading.get(reading);
  if (known === undefined) {
    known = countUntaken(grid, reading, reader);
    untakenByReading.set(reading, known);
  }
  return known;
}

function countUntaken(grid: Grid, reading: CohortReading, reader: MarkReader): string {
  // Counted by value first, then judged (blank, or read as not taken) once per distinct value: a sheet holds a handful
  // of spellings in its unit cells, and reading each of 20,000 learners' cells was most of opening What-if.
  let blank = 0;
  const values = new Map<string | number, number>();
  const columns = reading.unitColumns.map((c) => c.column - grid.left);
  for (const learner of reading.learners) {
    const row = grid.values[learner.row - grid.top];
    for (const column of columns) {
      const value = row?.[column] ?? null;
      if (value === null) blank++;
      else if (typeof value === 'string' || typeof value === 'number') values.set(value, (values.get(value) ?? 0) + 1);
    }
  }
  const texts = new Map<string, number>();
  for (const [value, n] of values) {
    if (isBlank(value)) blank += n;
    else if (reader.read(value).state === 'none') {
      const text = String(value).trim();
      texts.set(text, (texts.get(text) ?? 0) + n);
    }
  }
  let best = '';
  let count = blank;
  for (const [text, n] of texts) {
    if (n > count) {
      best = text;
      count = n;
    }
  }
  return best;
}
