// Which values a centre supplied is a field of the unit (`supplied`): JSON definitions write and read it, a rewording
// or a `;` in the unit's source text changes nothing the engine believes, and older exports with only the text load.
import assert from 'node:assert/strict';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import { parseQualificationDefinitions } from '../src/rules/definition/definition';
import { definitionsJson, readDefinitionsJson } from '../src/rules/definition/file';
import { checkUnits } from '../src/rules/engine/evaluate';
import type { QualificationDefinition } from '../src/rules/model/model';
import { centreFacts, RULES_SHEET_ORIGIN, withProvenance } from '../src/rules/engine/provenance';

function ocr10266(): QualificationDefinition {
  const q = embeddedCatalogue().find('10266');
  if (!q) throw new Error('10266 missing from the embedded catalogue');
  return q;
}

/** 10266 with a centre's credits for its fourth unit, as the rules sheet reader marks them. */
function withCentreCredits(): QualificationDefinition {
  const q = ocr10266();
  const units = q.units.map((u, i) => (i === 3 ? { ...u, credits: 3 } : u));
  return withProvenance({ ...q, units }, q, RULES_SHEET_ORIGIN);
}

describe("provenance of a centre's values", () => {
  it('is a field of the unit, beside the source text a person reads', () => {
    const unit = withCentreCredits().units[3];
    assert.deepEqual(unit.supplied, { credits: { from: 'rules sheet' } });
    assert.match(unit.source ?? '', /credits: your rules sheet$/);
    assert.deepEqual([...centreFacts(unit)], [['credits', 'your rules sheet']]);
  });

  it('travels through a JSON rules file as data, marked as coming from that file when read back', () => {
    const text = definitionsJson([withCentreCredits()]);
    const written = JSON.parse(text) as { units: { supplied?: unknown }[] };
    assert.deepEqual(written.units[3].supplied, { credits: { from: 'rules sheet' } });
    const { definitions, errors } = readDefinitionsJson(text, '/home/centre/centre.json', EMBEDDED_QUALIFICATIONS);
    assert.deepEqual(errors, []);
    assert.deepEqual(definitions[0].units[3].supplied, { credits: { from: 'rules file', file: 'centre.json' } });
  });

  it('does not depend on the source text: a reworded text or a ";" in it changes nothing the checks believe', () => {
    const q = withCentreCredits();
    const reworded = {
      ...q,
      units: q.units.map((u, i) =>
        i === 3 ? { ...u, source: 'typed in by the exams officer; credits: see the 2019 letter' } : u,
      ),
    };
    assert.deepEqual([...centreFacts(reworded.units[3])], [['credits', 'your rules sheet']]);
    const plain = { ...q, units: q.units.map((u, i) => (i === 2 ? { ...u, source: 'credits: your rules sheet' } : u)) };
    assert.equal(
      centreFacts(plain.units[2]).size,
      0,
      'text alone, on a unit built in memory, is not a record of provenance',
    );
  });

  it('loads from an older export that has only the text', () => {
    const json = JSON.parse(definitionsJson([withCentreCredits()])) as {
      units: { supplied?: unknown; source?: string }[];
    };
    delete json.units[3].supplied;
    assert.match(json.units[3].source ?? '', /credits: your rules sheet$/);
    const { definitions, errors } = parseQualificationDefinitions(json, 'old.json');
    assert.deepEqual(errors, []);
    assert.deepEqual(definitions[0].units[3].supplied, { credits: { from: 'rules sheet' } });
    assert.deepEqual(definitions[0].units[2].supplied, undefined);
  });

  it("is named in a rule's result as data, with where each fact came from, and in its words", () => {
    // The catalogue knows the fifth unit's credits here; the centre supplies the fourth's.
    const base = ocr10266();
    const catalogue = { ...base, units: base.units.map((u, i) => (i === 4 ? { ...u, credits: 2 } : u)) };
    const units = catalogue.units.map((u, i) => (i === 3 ? { ...u, credits: 3 } : u));
    const q = withProvenance({ ...catalogue, units }, catalogue, RULES_SHEET_ORIGIN);
    const u4 = q.units[3].ref;
    const result = checkUnits(q, { achieved: q.units.map((u) => u.ref), planned: [] });
    const total = result.achieved.rules.find((r) => r.kind === 'totalCredits');
    const use = total?.uses?.find((x) => x.unit.ref === u4);
    assert.equal(use?.fact, 'credits');
    assert.match(total?.message ?? '', new RegExp(`credits of ${u4.replace(/\//g, '\\/')} from your rules sheet`));
  });

  it("lists every fact a rule used, the catalogue's too, each with where it came from", () => {
    // The catalogue knows the sixth unit's credits here; the centre supplies the fourth's.
    const base = ocr10266();
    const catalogue = { ...base, units: base.units.map((u, i) => (i === 5 ? { ...u, credits: 2 } : u)) };
    const units = catalogue.units.map((u, i) => (i === 3 ? { ...u, credits: 3 } : u));
    const q = withProvenance({ ...catalogue, units }, catalogue, RULES_SHEET_ORIGIN);
    const u4 = q.units[3].ref;
    const result = checkUnits(q, { achieved: q.units.map((u) => u.ref), planned: [] });
    const counted = q.units.filter((u) => result.achieved.counted.includes(u.ref));
    const u1 = counted.find((u) => u.ref !== u4 && u.credits !== null)?.ref ?? '';
    const total = result.achieved.rules.find((r) => r.kind === 'totalCredits');
    const credits = (ref: string) => total?.uses?.find((x) => x.unit.ref === ref && x.fact === 'credits')?.where;
    assert.deepEqual(credits(u4), { from: 'rules sheet' });
    assert.deepEqual(credits(u1), { from: 'definition', origin: q.origin });
    assert.equal(total?.uses?.length, counted.filter((u) => u.credits !== null).length, 'one use per counted credit');
    const mandatory = result.achieved.rules.find((r) => r.kind === 'mandatory');
    const group = q.units[0].group;
    assert.deepEqual(
      mandatory?.uses?.map((x) => [x.unit.ref, x.fact, x.where.from]),
      q.units.filter((u) => u.group === group).map((u) => [u.ref, 'group', 'definition']),
      'a mandatory group uses which units belong to it',
    );
  });
});
