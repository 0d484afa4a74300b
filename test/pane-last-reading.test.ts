// The reading the pane keeps for What-if (src/taskpane/last-reading.ts): only a whole sheet's, only for the settings
// it was made with, and none after the pane changed the rules it was made with.
import assert from 'node:assert/strict';
import { inspectSheet } from '../src/excel/active-sheet';
import { LastReading, readingKey } from '../src/taskpane/last-reading';
import { catalogueWithExample, exampleGrid, fakeWith, settingsFor } from './whatif-fixtures';

async function readings() {
  const { catalogue } = catalogueWithExample();
  const { fake, sheet } = fakeWith(exampleGrid());
  fake.book.activeSheet = 'Cohort';
  const whole = await inspectSheet(fake.run, settingsFor(catalogue));
  sheet.addTable('Learners', 'A1:H3');
  fake.book.select('Cohort', 'B2');
  const table = await inspectSheet(fake.run, { ...settingsFor(catalogue), scope: 'selection' });
  return { whole, table };
}

describe('the reading the pane keeps for What-if', () => {
  it('keeps a whole sheet’s reading for the settings it was made with, and no other', async () => {
    const { whole } = await readings();
    const kept = new LastReading();
    kept.keep(readingKey({}), whole, kept.mark());
    assert.equal(kept.take(readingKey({})), whole);
    assert.equal(kept.take(readingKey({ qualification: 'EX/0001/1' })), null);
    kept.forget();
    assert.equal(kept.take(readingKey({})), null);
  });

  it('does not keep a table’s reading, which is not what What-if reads', async () => {
    const { whole, table } = await readings();
    assert.equal(table.read.wholeSheet, false);
    const kept = new LastReading();
    kept.keep(readingKey({}), whole, kept.mark());
    kept.keep(readingKey({}), table, kept.mark());
    assert.equal(kept.take(readingKey({})), whole);
  });

  it('drops the reading when the rules sheet is edited, tells its listeners, and keeps none begun before the edit', async () => {
    const { whole } = await readings();
    const kept = new LastReading();
    kept.hearsRulesEdits(true);
    let told = 0;
    const stop = kept.onRulesEdited(() => told++);
    kept.keep(readingKey({}), whole, kept.mark());
    const begun = kept.mark();
    kept.rulesEdited();
    assert.equal(told, 1);
    assert.equal(kept.take(readingKey({})), null);
    assert.equal(kept.current(begun), false);
    kept.keep(readingKey({}), whole, begun);
    assert.equal(kept.take(readingKey({})), null, 'read before the edit: it may hold the old rules');
    kept.keep(readingKey({}), whole, kept.mark());
    assert.equal(kept.take(readingKey({})), whole);
    stop();
    kept.rulesEdited();
    assert.equal(told, 1);
  });
});
