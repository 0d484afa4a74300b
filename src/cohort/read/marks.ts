// Marks in unit cells: which spellings mean achieved, planned or not taken. The vocabulary is data, so a centre
// can declare its own (`--marks FILE.json` on the command line) instead of retyping its tracker.
import type { CellValue, MarkStyle, UnitState, KnownMarks } from '../../sheet';
import { isDateFormat, isoFromDate, isoFromExcelSerial, isoFromText, isExcelErrorText } from '../../sheet';

/** Which spellings mean achieved, planned or not taken: the reading-problems' own shape, so a problem can carry it. */
export type MarkVocabulary = KnownMarks;

export const DEFAULT_MARKS: MarkVocabulary = Object.freeze({
  achieved: Object.freeze(['A', 'Ach', 'Achieved', 'Y', 'Yes', '✓', '✔', 'Complete', 'Completed']),
  planned: Object.freeze(['P', 'Planned', 'IP', 'In progress', 'x', 'Registered', 'R']),
  notTaken: Object.freeze(['', 'N', 'No', '-', '0']),
  datesMeanAchieved: true,
});

/** What one unit cell says. `none` is "not taken"; `unrecognised` and `error` leave the unit not taken and are reported. */
export type MarkReading =
  | { state: 'achieved'; achievedOn?: string }
  | { state: 'planned' }
  | { state: 'none' }
  | { state: 'unrecognised'; text: string }
  | { state: 'error'; error: string };

/** Marks compare case-insensitively, with spaces collapsed and `In-progress` read as `In progress`. */
export function markKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/(\p{L})[-_](?=\p{L})/gu, '$1 ');
}

const NONE: MarkReading = Object.freeze({ state: 'none' });
const PLANNED: MarkReading = Object.freeze({ state: 'planned' });
const ACHIEVED: MarkReading = Object.freeze({ state: 'achieved' });

/** Above this many distinct texts the cache stops growing: a sheet of free text must not cost memory per cell. */
const CACHE_LIMIT = 5000;

/** Reads unit cells against one vocabulary; keeps a cache because a cohort repeats the same few marks millions of times. */
export class MarkReader {
  private readonly byKey = new Map<string, MarkReading>();
  /** Each text read, its reading and how often it was seen (which also gives the sheet's own spelling of marks). */
  private readonly cache = new Map<string, { reading: MarkReading; uses: number }>();
  private readonly dates = new Map<number, MarkReading>();

  constructor(readonly vocabulary: MarkVocabulary = DEFAULT_MARKS) {
    // Later lists win, so a centre that adds `x` to achieved takes it out of planned.
    for (const word of vocabulary.notTaken) this.byKey.set(markKey(word), NONE);
    for (const word of vocabulary.planned) this.byKey.set(markKey(word), PLANNED);
    for (const word of vocabulary.achieved) this.byKey.set(markKey(word), ACHIEVED);
    if (!this.byKey.has('')) this.byKey.set('', NONE);
  }

  read(value: CellValue | undefined, numberFormat?: string): MarkReading {
    if (value === null || value === undefined) return NONE;
    if (typeof value === 'string') return this.readText(value);
    if (typeof value === 'number') {
      const known = this.byKey.get(markKey(String(value)));
      if (known) return known;
      if (isDateFormat(numberFormat)) return this.readDate(isoFromExcelSerial(value), String(value));
      return { state: 'unrecognised', text: String(value) };
    }
    if (typeof value === 'boolean') {
      const text = value ? 'TRUE' : 'FALSE';
      return this.byKey.get(markKey(text)) ?? { state: 'unrecognised', text };
    }
    if (value instanceof Date) {
      const time = value.getTime();
      let reading = this.dates.get(time);
      if (!reading) {
        // Not a date Excel can show (####): named by its number, as the add-in, which reads the serial, names it.
        reading = this.readDate(isoFromDate(value), String(Math.round((time - Date.UTC(1899, 11, 30)) / 86_400_000)));
        if (this.dates.size < CACHE_LIMIT) this.dates.set(time, reading);
      }
      return reading;
    }
    if (typeof value === 'object' && typeof value.error === 'string') return { state: 'error', error: value.error };
    return { state: 'unrecognised', text: String(value) };
  }

  private readText(text: string): MarkReading {
    const cached = this.cache.get(text);
    if (cached) {
      cached.uses++;
      return cached.reading;
    }
    const key = markKey(text);
    let reading = this.byKey.get(key);
    if (!reading) {
      const iso = isoFromText(text);
      if (iso) reading = this.readDate(iso, text);
      else if (isExcelErrorText(text)) reading = { state: 'error', error: text.trim() };
      else reading = { state: 'unrecognised', text: text.trim() };
    }
    if (this.cache.size < CACHE_LIMIT) this.cache.set(text, { reading, uses: 1 });
    return reading;
  }

  /** The sheet's most used spelling of each state among the texts read so far. */
  style(fallback: MarkStyle = DEFAULT_MARK_STYLE): MarkStyle {
    const counter = new MarkStyleCounter();
    for (const [text, { reading, uses }] of this.cache) {
      if (reading.state === 'planned' || (reading.state === 'achieved' && !reading.achievedOn))
        counter.note(text, reading.state, uses);
    }
    return counter.style(fallback);
  }

  private readDate(iso: string | undefined, text: string): MarkReading {
    if (iso && this.vocabulary.datesMeanAchieved) return { state: 'achieved', achievedOn: iso };
    return { state: 'unrecognised', text: iso ?? text };
  }
}

const FIELDS = ['achieved', 'planned', 'notTaken', 'datesMeanAchieved', 'replaceDefaults'] as const;
const LISTS = ['achieved', 'planned', 'notTaken'] as const;

/**
 * A centre's marks file: `{"achieved": ["Done"], "planned": ["Booked"], "notTaken": ["n/a"]}`, each list optional.
 * Words are added to the defaults (a word moves to the state the file gives it); `"replaceDefaults": true` uses only
 * the file's words; `"datesMeanAchieved": false` makes dates in unit cells unrecognised marks.
 */
export function parseMarkVocabulary(json: unknown): { vocabulary?: MarkVocabulary; errors: string[] } {
  const errors: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      errors: ['marks: expected an object such as {"achieved": ["Done"], "planned": ["Booked"], "notTaken": ["n/a"]}'],
    };
  }
  const record = json as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      errors.push(`marks: unknown field "${key}"; the fields are ${FIELDS.join(', ')}`);
    }
  }
  const given: Partial<Record<(typeof LISTS)[number], string[]>> = {};
  for (const list of LISTS) {
    const raw = record[list];
    if (raw === undefined) continue;
    if (!Array.isArray(raw)) {
      errors.push(`marks.${list}: expected a list of marks such as ["A", "Done"]`);
      continue;
    }
    const words: string[] = [];
    raw.forEach((word: unknown, i) => {
      if (typeof word === 'string' || typeof word === 'number') words.push(String(word));
      else errors.push(`marks.${list}[${i}]: expected text, found ${word === null ? 'null' : typeof word}`);
    });
    given[list] = words;
  }
  for (const flag of ['datesMeanAchieved', 'replaceDefaults'] as const) {
    if (record[flag] !== undefined && typeof record[flag] !== 'boolean')
      errors.push(`marks.${flag}: expected true or false`);
  }
  const seen = new Map<string, string>();
  for (const list of LISTS) {
    for (const word of given[list] ?? []) {
      const key = markKey(word);
      const other = seen.get(key);
      if (other !== undefined && other !== list)
        errors.push(`marks: "${word}" is in both ${other} and ${list}; keep it in one list`);
      seen.set(key, list);
    }
  }
  if (errors.length > 0) return { errors };

  const replace = record.replaceDefaults === true;
  const merged = {} as Record<(typeof LISTS)[number], string[]>;
  for (const list of LISTS) {
    const base = replace
      ? []
      : DEFAULT_MARKS[list].filter((w) => {
          const owner = seen.get(markKey(w));
          return owner === undefined || owner === list;
        });
    merged[list] = [...base, ...(given[list] ?? [])];
  }
  const datesMeanAchieved =
    typeof record.datesMeanAchieved === 'boolean' ? record.datesMeanAchieved : DEFAULT_MARKS.datesMeanAchieved;
  return { vocabulary: { ...merged, datesMeanAchieved }, errors };
}

export type { MarkStyle } from '../../sheet';

export const DEFAULT_MARK_STYLE: MarkStyle = Object.freeze({ achieved: 'A', planned: 'P', notTaken: '' });

/** Counts the spellings a sheet uses for each state; the most used one is its style. */
export class MarkStyleCounter {
  private readonly counts: Record<UnitState, Map<string, number>> = { achieved: new Map(), planned: new Map() };

  note(text: string, state: UnitState, times = 1): void {
    const spelling = text.trim();
    if (spelling === '') return;
    const map = this.counts[state];
    map.set(spelling, (map.get(spelling) ?? 0) + times);
  }

  style(fallback: MarkStyle = DEFAULT_MARK_STYLE): MarkStyle {
    const most = (map: Map<string, number>, otherwise: string) => {
      let best = otherwise;
      let bestCount = 0;
      for (const [spelling, count] of map) {
        if (count > bestCount) {
          best = spelling;
          bestCount = count;
        }
      }
      return best;
    };
    return {
      achieved: most(this.counts.achieved, fallback.achieved),
      planned: most(this.counts.planned, fallback.planned),
      notTaken: fallback.notTaken,
    };
  }
}

/** The text to put in a unit cell for a state, in the sheet's own style. */
export function markText(state: UnitState | 'none', style: MarkStyle = DEFAULT_MARK_STYLE): string {
  return state === 'none' ? style.notTaken : style[state];
}
