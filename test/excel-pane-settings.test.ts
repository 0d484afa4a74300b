// The pane's saved settings: whatever storage holds, the pane starts with usable settings, and marks typed by a centre
// become a vocabulary the reader uses, or errors that say what to change.
import assert from 'node:assert/strict';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  markVocabularyOf,
  rememberUndoWarning,
  saveSettings,
  undoWarningSeen,
  type KeyValueStore,
} from '../src/settings/pane-settings';

function memoryStore(initial: Record<string, string> = {}): KeyValueStore & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('pane settings', () => {
  it('start from the defaults when nothing, or something unreadable, is stored', () => {
    assert.deepEqual(loadSettings(memoryStore()), DEFAULT_SETTINGS);
    assert.deepEqual(loadSettings(memoryStore({ 'qualcheck.settings.v1': '{not json' })), DEFAULT_SETTINGS);
    assert.deepEqual(loadSettings(memoryStore({ 'qualcheck.settings.v1': '[1,2]' })), DEFAULT_SETTINGS);
  });

  it('come back as they were saved, and unknown values fall back to the defaults', () => {
    const store = memoryStore();
    const chosen = {
      ...DEFAULT_SETTINGS,
      qualification: '10266',
      place: 'sheet' as const,
      scope: 'selection' as const,
      marks: { achieved: 'Done', planned: '', notTaken: 'n/a', datesMeanAchieved: false },
    };
    saveSettings(chosen, store);
    assert.deepEqual(loadSettings(store), chosen);
    store.setItem('qualcheck.settings.v1', JSON.stringify({ place: 'elsewhere', scope: 7, qualification: 3 }));
    const loaded = loadSettings(store);
    assert.equal(loaded.place, 'beside');
    assert.equal(loaded.scope, 'sheet');
    assert.equal(loaded.qualification, '');
  });

  it('survive a storage that refuses to write', () => {
    const refusing: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    assert.doesNotThrow(() => saveSettings(DEFAULT_SETTINGS, refusing));
    assert.doesNotThrow(() => rememberUndoWarning(refusing));
    assert.equal(undoWarningSeen(refusing), false);
  });

  it('remember that the undo warning was seen', () => {
    const store = memoryStore();
    assert.equal(undoWarningSeen(store), false);
    rememberUndoWarning(store);
    assert.equal(undoWarningSeen(store), true);
  });

  it('turn comma-separated marks into a vocabulary that keeps the defaults', () => {
    const { vocabulary, errors } = markVocabularyOf({
      ...DEFAULT_SETTINGS,
      marks: { achieved: 'Done, Signed off', planned: 'Booked', notTaken: '', datesMeanAchieved: false },
    });
    assert.deepEqual(errors, []);
    assert.ok(
      vocabulary?.achieved.includes('Done') &&
        vocabulary.achieved.includes('Signed off') &&
        vocabulary.achieved.includes('A'),
    );
    assert.ok(vocabulary?.planned.includes('Booked'));
    assert.equal(vocabulary?.datesMeanAchieved, false);
  });

  it('name a mark given two meanings', () => {
    const { vocabulary, errors } = markVocabularyOf({
      ...DEFAULT_SETTINGS,
      marks: { achieved: 'Done', planned: 'done', notTaken: '', datesMeanAchieved: true },
    });
    assert.equal(vocabulary, undefined);
    assert.match(errors.join(' '), /"done" is in both achieved and planned/);
  });
});
