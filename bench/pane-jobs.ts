// What the pane's jobs on one learner cost the Excel adapter at 20,000 learners on the fake host (test/fake-excel,
// no latency): syncs (round trips to Excel) and bytes (requests and responses together), after a check of the sheet.
// What-if opened on a learner: as the What-if tab does when it is shown after a check, the selection, then the
// learner's row and the header to confirm the check's reading still holds (src/excel/reading-confirm.ts).
// Apply: one unit of that learner made planned, written with the learner's results.
// Goals (issue 27): opening What-if at most 2 syncs and 50 KB; Apply at most 3 syncs and 20 KB.
//   npx tsx bench/pane-jobs.ts [learners, default 20000] [--json]
import { planRowChanges } from '../src/whatif/row-edits';
import { sheetChoices } from '../src/whatif/unit-choices';
import { applyRowChanges } from '../src/excel/apply-row';
import { type CheckSettings } from '../src/excel/active-sheet';
import { checkSheet } from '../src/excel/check-job';
import { learnerRowStaleness } from '../src/excel/reading-confirm';
import { readSelection } from '../src/excel/selection';
import { stalenessWords } from '../src/taskpane/check/reading-words';
import { embeddedCatalogue } from '../src/rules/catalogue';
import { createFakeExcel, type SyncRecord } from '../test/fake-excel';
import { fillSheet } from '../test/fake-excel/from-grid';
import { cohortOf, sampleGrid } from '../test/fake-excel/sample';

const json = process.argv.includes('--json');
const LEARNERS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20_000);
export const GOALS = {
  whatifOpen: { syncs: 2, bytes: 50 * 1024 },
  apply: { syncs: 3, bytes: 20 * 1024 },
};
/** The learner What-if is opened on: a row of the sample with units left to plan. */
const LEARNER_ROW = 8;

interface JobCost {
  syncs: number;
  bytes: number;
}

function costOf(syncs: readonly SyncRecord[]): JobCost {
  return { syncs: syncs.length, bytes: syncs.reduce((n, s) => n + s.requestBytes + s.responseBytes, 0) };
}

async function main(): Promise<void> {
  const { grid } = await sampleGrid();
  const fake = createFakeExcel();
  fillSheet(fake.book.addSheet('Cohort'), cohortOf(grid, LEARNERS));
  fake.book.activeSheet = 'Cohort';
  fake.book.select('Cohort', `A${LEARNER_ROW}`);
  const catalogue = embeddedCatalogue();
  const settings: CheckSettings = { catalogue, scope: 'sheet', place: 'beside' };
  const checked = await checkSheet(fake.run, settings);
  const inspection = { read: checked.read, reading: checked.reading };

  fake.stats.reset();
  const selected = await readSelection(fake.run);
  const stale = await learnerRowStaleness(fake.run, inspection, selected.row);
  const whatifOpen = costOf(fake.stats.syncs);
  if (stale !== null) throw new Error(`the check's reading is stale just after the check: ${stalenessWords(stale)}`);

  const record = inspection.reading.learners.find((l) => l.row === selected.row);
  if (!record || !record.qualification) throw new Error(`no learner with a qualification on row ${selected.row}`);
  const unit = record.qualification.units.find(
    (u) => !record.achieved.includes(u.ref) && !record.planned.includes(u.ref),
  );
  if (!unit) throw new Error(`the learner on row ${record.row} has every unit already`);
  const choices = { ...sheetChoices(record), [unit.ref]: 'planned' as const };
  const options = { catalogue };
  const planned = planRowChanges({ grid: inspection.read.grid, reading: inspection.reading, record }, choices, options);
  fake.stats.reset();
  await applyRowChanges(fake.run, {
    sheetName: inspection.read.sheetName,
    grid: inspection.read.grid,
    reading: inspection.reading,
    record,
    changes: planned.changes,
    intended: { achieved: record.achieved, planned: [...record.planned, unit.ref] },
    options,
  });
  const apply = costOf(fake.stats.syncs);

  if (json) {
    console.log(JSON.stringify({ pane: { learners: LEARNERS, whatifOpen, apply } }));
    return;
  }
  const kb = (bytes: number) => `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 0 })} KB`;
  const line = (name: string, cost: JobCost, goal: JobCost) =>
    console.log(
      `  ${name}: ${cost.syncs} syncs (goal <= ${goal.syncs}), ${kb(cost.bytes)} (goal <= ${kb(goal.bytes)}): ${cost.syncs <= goal.syncs && cost.bytes <= goal.bytes ? 'met' : 'NOT met'}`,
    );
  console.log(`pane jobs at ${LEARNERS.toLocaleString('en-GB')} learners after a check (fake host):`);
  line(`What-if opened on row ${record.row}`, whatifOpen, GOALS.whatifOpen);
  line(`Apply (${unit.ref} planned)`, apply, GOALS.apply);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
