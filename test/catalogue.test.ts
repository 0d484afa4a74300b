// The embedded catalogue checked against the specification texts themselves, not against a copy of the data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { embeddedCatalogue, noteWords } from '../src/rules/catalogue';
import { EMBEDDED_QUALIFICATIONS } from '../src/rules/catalogue/embedded';
import type { QualificationDefinition, UnitDefinition } from '../src/rules/model/model';
import { describeNeeding, sharedPath } from './support/needs';

const SPECS = sharedPath('specs');
/** The specification texts, read when the shared folder is there (describeNeeding below). */
let iqText = '';
let ocrText = '';
let readme = '';

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

function qualification(id: string): QualificationDefinition {
  const q = EMBEDDED_QUALIFICATIONS.find((x) => x.id === id);
  assert.ok(q, `qualification ${id} is embedded`);
  return q;
}

interface TableRow {
  group: 'A' | 'B' | 'C';
  barredSet: string | undefined;
  ref: string;
  title: string;
  credits: number;
  glh: number;
}

/**
 * Rows of the IQ unit table, whose cells lost their separators: `1<group><ref><title><credit><GLH>`. Credits are one
 * digit in this table, so the first of the trailing digits is the credit value and the rest are GLH (README).
 */
function iqTable(): TableRow[] {
  const row =
    /^1(Mandatory Group A|Optional Group B|Optional Group C (?:General Units|Barred Units Group (C\d)))([A-Z]\/\d{3}\/\d{4})(.+?)(\d)(\d+)$/;
  const rows: TableRow[] = [];
  for (const line of iqText.split(/\r?\n/)) {
    const m = row.exec(line.trim());
    if (!m) continue;
    const group = m[1].startsWith('Mandatory Group A') ? 'A' : m[1] === 'Optional Group B' ? 'B' : 'C';
    rows.push({ group, barredSet: m[2], ref: m[3], title: m[4].trim(), credits: Number(m[5]), glh: Number(m[6]) });
  }
  return rows;
}

describeNeeding('the embedded catalogue, read against the specification texts', [SPECS], () => {
  iqText = readFileSync(path.join(SPECS, '000_1286ae5b7cb69819.txt'), 'utf8');
  ocrText = readFileSync(path.join(SPECS, '001_6b8505b51714802b.txt'), 'utf8');
  readme = readFileSync(path.join(SPECS, 'README.md'), 'utf8');

  describe('the embedded IQ 600/5106/1 catalogue, read against the IQ specification', () => {
    const q = qualification('600/5106/1');
    const table = iqTable();
    const unit = (ref: string): UnitDefinition | undefined => q.units.find((u) => u.ref === ref);

    it('has as many units as the specification states, and the table has that many rows', () => {
      const stated = Number(/Total Units (\d+)/.exec(iqText)?.[1]);
      assert.equal(stated, 39);
      assert.equal(table.length, stated);
      assert.equal(q.units.length, stated);
    });

    it('holds every unit of the table with its title, credits, GLH and group', () => {
      for (const row of table) {
        const u = unit(row.ref);
        assert.ok(u, `${row.ref} is in the catalogue`);
        assert.deepEqual(
          { title: u.title, credits: u.credits, glh: u.glh, group: u.group },
          { title: row.title, credits: row.credits, glh: row.glh, group: row.group },
          `${row.ref} matches its table row`,
        );
      }
    });

    it('holds no unit that is not in the table', () => {
      const refs = new Set(table.map((r) => r.ref));
      assert.deepEqual(
        q.units.filter((u) => !refs.has(u.ref)).map((u) => u.ref),
        [],
      );
    });

    it('reads the run-together credit and GLH cells as the README explains', () => {
      const cell = (ref: string) => {
        const u = unit(ref);
        return u ? `${u.credits}${u.glh}` : undefined;
      };
      assert.equal(cell('L/601/0933'), '533');
      assert.equal(cell('D/503/0352'), '29');
      assert.equal(cell('M/601/1511'), '640');
      assert.equal(cell('D/601/1553'), '853');
      assert.equal(cell('H/503/0403'), '412');
      assert.equal(cell('K/503/0421'), '740');
    });

    it('gives the two mandatory units 6 credits together, as the rule sentence says', () => {
      const stated = Number(/(\d+) credits from both of the mandatory units/.exec(iqText)?.[1]);
      const mandatory = q.units.filter((u) => u.group === 'A');
      assert.equal(mandatory.length, 2);
      assert.equal(
        mandatory.reduce((sum, u) => sum + (u.credits ?? 0), 0),
        stated,
      );
      assert.equal(stated, 6);
    });

    it('has the barred sets of the table, one rule per "Barred Units Group Cn"', () => {
      const fromTable = new Map<string, string[]>();
      for (const row of table)
        if (row.barredSet) fromTable.set(row.barredSet, [...(fromTable.get(row.barredSet) ?? []), row.ref]);
      assert.deepEqual([...fromTable.keys()].sort(), ['C1', 'C2', 'C3', 'C4', 'C5']);
      const barred = q.rules.filter((r) => r.kind === 'barred');
      assert.equal(barred.length, fromTable.size);
      for (const rule of barred) {
        assert.deepEqual([...rule.units].sort(), [...(fromTable.get(rule.id) ?? [])].sort(), `barred set ${rule.id}`);
      }
    });

    it('takes the qualification facts from the page header', () => {
      const ukDate = (label: string) => {
        const m = new RegExp(`${label} (\\d{2})/(\\d{2})/(\\d{4})`).exec(iqText);
        return m ? `${m[3]}-${m[2]}-${m[1]}` : undefined;
      };
      assert.deepEqual(q.operational, { from: ukDate('Operational Start Date'), to: ukDate('Operational End Date') });
      assert.equal(q.minAge, Number(/Min Age From (\d+)/.exec(iqText)?.[1]));
      assert.deepEqual(q.glh, {
        min: Number(/Min Guided Learning Hours (\d+)/.exec(iqText)?.[1]),
        max: Number(/Max Guided Learning Hours (\d+)/.exec(iqText)?.[1]),
      });
      const total = q.rules.find((r) => r.kind === 'totalCredits');
      assert.equal(total?.min, Number(/Min Credit (\d+)/.exec(iqText)?.[1]));
      assert.ok(flat(iqText).includes(`Title ${q.title}`));
    });

    it('knows a unit level only where the README facts table gives one, and says how sure it is', () => {
      const facts = new Map<string, { level: number; sure: string }>();
      for (const m of readme.matchAll(/^\| ([A-Z]\/\d{3}\/\d{4}) [^|]*\| (\d) \| ([^|]+) \|$/gm)) {
        facts.set(m[1], { level: Number(m[2]), sure: m[3].trim() });
      }
      assert.equal(facts.size, 17);
      for (const u of q.units) {
        const fact = facts.get(u.ref);
        assert.equal(u.level, fact?.level ?? null, `level of ${u.ref}`);
        if (!fact) continue;
        const expected = fact.sure.startsWith('listed') ? 'level: listed in ' : 'level: inferred: ';
        assert.ok(u.source?.includes(expected), `${u.ref} source says "${expected}": ${u.source}`);
      }
    });

    it('reads "15 of which must be at level 2" as exactly level 2, and says so in a note', () => {
      const rule = q.rules.find((r) => r.kind === 'levelCredits');
      assert.ok(rule && rule.kind === 'levelCredits');
      assert.deepEqual(
        { level: rule.level, orAbove: rule.orAbove, min: rule.min },
        { level: 2, orAbove: false, min: 15 },
      );
      assert.match(noteWords(rule.note ?? ''), /"at level 2".*exactly level 2/);
    });

    it('asks for 12 credits from Group B and 22 from Groups B and C together', () => {
      const groupRules = q.rules.flatMap((r) => (r.kind === 'groupCredits' ? [{ groups: r.groups, min: r.min }] : []));
      assert.deepEqual(groupRules, [
        { groups: ['B'], min: 12 },
        { groups: ['B', 'C'], min: 22 },
      ]);
      const mandatoryCredits = Number(/(\d+) credits from both of the mandatory units/.exec(iqText)?.[1]);
      const remaining = Number(/the remaining (\d+) credits selected/.exec(iqText)?.[1]);
      assert.equal(12 + remaining, 22);
      assert.equal(mandatoryCredits + 22, q.rules.find((r) => r.kind === 'totalCredits')?.min);
    });
  });

  describe('the embedded OCR catalogue, read against the OCR data sheet', () => {
    const level3Start = flat(ocrText).indexOf(
      'The OCR Level 3 Certificate in Principles of Contact Centre Operations (10267)',
    );
    const sections: Record<string, string> = {
      '10266': flat(ocrText).slice(0, level3Start),
      '10267': flat(ocrText).slice(level3Start),
    };

    for (const id of ['10266', '10267']) {
      const q = qualification(id);
      const section = sections[id];

      it(`${id}: every unit title appears in its section of the sheet, under its number where the sheet kept it`, () => {
        for (const u of q.units) {
          const spellings = [u.title, ...(u.aliases ?? [])];
          const found = spellings.find((t) => section.includes(t));
          assert.ok(found, `title of unit ${u.number} appears: ${u.title}`);
          if (!u.source?.includes('number was lost'))
            assert.ok(section.includes(`${u.number}. ${found}`), `unit ${u.number} is numbered in the sheet`);
        }
      });

      it(`${id}: numbers its units 1 to n with groups A (1-3) and B, and knows no credit, GLH or level`, () => {
        assert.deepEqual(
          q.units.map((u) => u.number),
          q.units.map((_, i) => i + 1),
        );
        assert.deepEqual(
          q.units.map((u) => u.group),
          q.units.map((_, i) => (i < 3 ? 'A' : 'B')),
        );
        assert.ok(q.units.every((u) => u.credits === null && u.glh === null && u.level === null));
      });

      it(`${id}: takes the rule numbers from the qualification structure sentence`, () => {
        const m =
          /achieve at least (\d+) credits, of which (\d+) must be at Level (\d), made up of three mandatory units from Group A \((\d+) credits\) and a minimum of (\d+) credits from optional Group B/.exec(
            section,
          );
        assert.ok(m, 'structure sentence found');
        const [, total, atLevel, level, groupA, groupB] = m.map(Number);
        const rules = q.rules;
        assert.equal(rules.find((r) => r.kind === 'totalCredits')?.min, total);
        const levelRule = rules.find((r) => r.kind === 'levelCredits');
        assert.ok(levelRule?.kind === 'levelCredits');
        assert.deepEqual([levelRule.min, levelRule.level, levelRule.orAbove], [atLevel, level, false]);
        assert.match(noteWords(levelRule.note ?? ''), new RegExp(`"at Level ${level}".*exactly level ${level}`));
        assert.equal(q.groups.find((g) => g.id === 'A')?.totalCredits, groupA);
        assert.deepEqual(
          rules.flatMap((r) => (r.kind === 'groupCredits' ? [[r.groups, r.min]] : [])),
          [[['B'], groupB]],
        );
        assert.equal(q.level, level);
      });

      it(`${id}: bars the pairs the sheet names "unit X or Y (but not both)"`, () => {
        const pairs = [...section.matchAll(/unit (\d+) or (\d+) \(but not both\)/g)].map((m) => [
          Number(m[1]),
          Number(m[2]),
        ]);
        const byNumber = new Map(q.units.map((u) => [u.ref, u.number]));
        const barred = q.rules.flatMap((r) => (r.kind === 'barred' ? [r.units.map((ref) => byNumber.get(ref))] : []));
        assert.deepEqual(barred, pairs);
      });

      it(`${id}: has the title the sheet gives`, () => {
        assert.ok(section.includes(`${q.title} (${id})`));
      });
    }

    it('uses the QCF references the README found for the OCR units, and stable ids elsewhere', () => {
      const found =
        /OCR unit references found: 10266 unit 1 (\S+), unit 3 (\S+); 10267 unit 1 (\S+), unit 3 (\S+)\./.exec(readme);
      assert.ok(found);
      const refOf = (id: string, n: number) => qualification(id).units.find((u) => u.number === n)?.ref;
      assert.deepEqual([refOf('10266', 1), refOf('10266', 3), refOf('10267', 1), refOf('10267', 3)], found.slice(1));
      assert.equal(refOf('10266', 4), '10266-U4');
      assert.equal(refOf('10267', 14), '10267-U14');
    });
  });

  describe('every embedded rule', () => {
    const specOf: Record<string, string> = {
      '600/5106/1': flat(iqText),
      '10266': flat(ocrText),
      '10267': flat(ocrText),
    };

    for (const q of EMBEDDED_QUALIFICATIONS) {
      it(`of ${q.id} quotes a sentence or clause of its specification`, () => {
        for (const rule of q.rules)
          assert.ok(specOf[q.id].includes(flat(rule.text)), `rule ${rule.id}: "${rule.text}"`);
      });
    }
  });
});

describe('the embedded catalogue', () => {
  it('is found by the catalogue under its qualification id', () => {
    const catalogue = embeddedCatalogue();
    for (const id of ['600/5106/1', '10266', '10267']) assert.equal(catalogue.find(id)?.id, id);
  });
});
