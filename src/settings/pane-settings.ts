// The pane's settings, kept in the browser storage of the add-in's origin (shared by the pane and the ribbon
// command's page), never in the workbook and never sent anywhere. No Office.js and no React here: the ribbon command
// reads them too.
import { parseMarkVocabulary, type MarkVocabulary } from '../cohort/read';
import type { ResultsPlace } from '../placement';
import type { ReadScope } from '../sheet';

export interface PaneSettings {
  /** Qualification id for learners whose row names none ('' = none chosen). */
  qualification: string;
  place: ResultsPlace;
  scope: ReadScope;
  /** Extra words the centre uses for each state of a unit, comma-separated as typed. */
  marks: { achieved: string; planned: string; notTaken: string; datesMeanAchieved: boolean };
}

export const DEFAULT_SETTINGS: PaneSettings = {
  qualification: '',
  place: 'beside',
  scope: 'sheet',
  marks: { achieved: '', planned: '', notTaken: '', datesMeanAchieved: true },
};

const SETTINGS_KEY = 'qualcheck.settings.v1';
const UNDO_WARNING_KEY = 'qualcheck.undoWarningSeen.v1';

/** Storage that may be missing or refuse (private windows, locked-down Office profiles): then settings last the session. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const memory = new Map<string, string>();
const memoryStore: KeyValueStore = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };

export function browserStore(): KeyValueStore {
  try {
    const store = globalThis.localStorage;
    store.getItem(SETTINGS_KEY);
    return store;
  } catch {
    return memoryStore;
  }
}

/**
 * Where results go, from a saved setting or the value a radio hands back: a sheet of their own only when it says so,
 * else beside the data (the default), so a setting never holds a place the writers do not know.
 */
export function resultsPlaceOf(value: unknown): ResultsPlace {
  return value === 'sheet' ? 'sheet' : 'beside';
}

/** What a check reads, likewise: the selected table or range only when it says so, else the whole sheet. */
export function readScopeOf(value: unknown): ReadScope {
  return value === 'selection' ? 'selection' : 'sheet';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function loadSettings(store: KeyValueStore = browserStore()): PaneSettings {
  try {
    const saved: unknown = JSON.parse(store.getItem(SETTINGS_KEY) ?? 'null');
    if (!isRecord(saved)) return DEFAULT_SETTINGS;
    const marks = isRecord(saved.marks) ? saved.marks : {};
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      qualification: text(saved.qualification),
      place: resultsPlaceOf(saved.place),
      scope: readScopeOf(saved.scope),
      marks: {
        achieved: text(marks.achieved),
        planned: text(marks.planned),
        notTaken: text(marks.notTaken),
        datesMeanAchieved: marks.datesMeanAchieved !== false,
      },
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(settings: PaneSettings, store: KeyValueStore = browserStore()): void {
  try {
    store.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Storage refused: the settings still apply until the pane closes.
  }
}

export function undoWarningSeen(store: KeyValueStore = browserStore()): boolean {
  try {
    return store.getItem(UNDO_WARNING_KEY) === 'yes';
  } catch {
    return false;
  }
}

export function rememberUndoWarning(store: KeyValueStore = browserStore()): void {
  try {
    store.setItem(UNDO_WARNING_KEY, 'yes');
  } catch {
    // As above.
  }
}

function words(text: string): string[] {
  return text
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
}

/** The mark vocabulary the settings describe (the defaults plus the centre's words), or the errors that stop it. */
export function markVocabularyOf(settings: PaneSettings): { vocabulary?: MarkVocabulary; errors: string[] } {
  const { achieved, planned, notTaken, datesMeanAchieved } = settings.marks;
  return parseMarkVocabulary({
    achieved: words(achieved),
    planned: words(planned),
    notTaken: words(notTaken),
    datesMeanAchieved,
  });
}
