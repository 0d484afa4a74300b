// A catalogue rule's note is data (a level rule read as exactly its level), worded on each surface with that surface's
// way to change the reading; a rules file and the rules sheet hold it in words, and give it back as the catalogue's
// while it says those words. A centre's own note is text, shown as written everywhere.
import assert from 'node:assert/strict';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { noteWords } from '../src/rules/catalogue';
import { definitionsJson, readDefinitionsJson } from '../src/rules/definition/file';
import { diffDefinitions } from '../src/rules/definition/diff';
import { paneNoteWords } from '../src/taskpane/status-words';

const [IQ] = EMBEDDED_QUALIFICATIONS;
const levelRule = IQ.rules.find((r) => r.kind === 'levelCredits');
const SAID =
  'The text says "at level 2"; it is read literally as exactly level 2 (units above level 2 do not count here). ' +
  'A centre that reads it as "level 2 or above" can ';

describe("a rule's note", () => {
  it("is worded by each surface: a rules file's field there, the rules sheet's column in the pane", () => {
    assert.ok(levelRule?.note !== undefined && typeof levelRule.note !== 'string', 'the catalogue note is data');
    assert.equal(noteWords(levelRule.note), `${SAID}set orAbove to true in a rules file.`);
    assert.equal(
      paneNoteWords(levelRule.note),
      `${SAID}say yes in the rule’s “At or above” column of the rules sheet (Rules tab).`,
    );
    const written = JSON.parse(definitionsJson([IQ])) as { rules: { note?: unknown }[] };
    assert.equal(written.rules[IQ.rules.indexOf(levelRule)].note, `${SAID}set orAbove to true in a rules file.`);
  });

  it("read back from a rules file unchanged is the catalogue's again; changed, it is the centre's, shown as written", () => {
    const index = IQ.rules.indexOf(levelRule ?? IQ.rules[0]);
    const same = readDefinitionsJson(definitionsJson([IQ]), 'centre.json', EMBEDDED_QUALIFICATIONS).definitions[0];
    assert.deepEqual(same.rules[index], levelRule);
    assert.deepEqual(diffDefinitions(EMBEDDED_QUALIFICATIONS, [same]), []);

    const json = JSON.parse(definitionsJson([IQ])) as { rules: { note?: string }[] };
    const own = `${json.rules[index].note ?? ''} Our awarding body confirmed this reading.`;
    json.rules[index].note = own;
    const [edited] = readDefinitionsJson(JSON.stringify(json), 'centre.json', EMBEDDED_QUALIFICATIONS).definitions;
    assert.equal(edited.rules[index].note, own);
    assert.equal(paneNoteWords(edited.rules[index].note ?? ''), own);
    assert.equal(diffDefinitions(EMBEDDED_QUALIFICATIONS, [edited]).length, 1);
  });

  it('of a centre is its own text on every surface', () => {
    assert.equal(noteWords('read as or above'), 'read as or above');
    assert.equal(paneNoteWords('can set orAbove to true in a rules file'), 'can set orAbove to true in a rules file');
  });
});
