// `npm run demo`: checks the embedded sample cohorts and prints what a centre administrator would see.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatCheckReport, runCheck } from '../src/cli/check';
import { runRegister } from '../src/cli/register';
import { summarise, STATUSES } from '../src/cohort/verdict/results';
import { UserError } from '../src/cli/user-error';

const root = path.resolve(__dirname, '..');
const rel = (file: string) => path.relative(process.cwd(), file);

async function main(): Promise<void> {
  const outDir = path.join(root, 'samples/out');
  await fs.mkdir(outDir, { recursive: true });

  const sample = path.join(root, 'samples/cohort-600-5106-1.xlsx');
  const run = await runCheck(rel(sample), { out: rel(path.join(outDir, 'cohort-600-5106-1-checked.xlsx')) });
  console.log(formatCheckReport(run));

  // 600/5106/1 closed for registration on 31/12/2013: prepare registration as of a date it was open.
  console.log('\nRegistration prep as of 1 June 2013:');
  await runRegister(
    rel(sample),
    { date: '2013-06-01', out: rel(path.join(outDir, 'registrations-600-5106-1.csv')) },
    (text) => process.stdout.write(text),
  );

  // OCR 10266: the specification gives no unit credits, so every learner waits for data until the centre fills them in.
  console.log('\nOCR 10266, before and after the centre fills in unit credits on a "Qualification rules" sheet:');
  for (const name of ['ocr-10266-cohort.xlsx', 'ocr-10266-with-rules.xlsx']) {
    const ocrRun = await runCheck(rel(path.join(root, 'samples', name)), {});
    const summary = summarise(ocrRun.checks);
    console.log(`  ${name.padEnd(32)} ${STATUSES.map((s) => `${s} ${summary.byStatus[s]}`).join(', ')}`);
  }

  const layoutDir = path.join(root, 'samples/layouts');
  const layouts = (await fs.readdir(layoutDir).catch(() => [] as string[])).filter((f) => f.endsWith('.xlsx')).sort();
  if (layouts.length > 0) {
    console.log('\nThe same learners kept in other layouts:');
    for (const name of layouts) {
      const layoutRun = await runCheck(rel(path.join(layoutDir, name)), { qualification: '600/5106/1' });
      const summary = summarise(layoutRun.checks);
      console.log(`  ${name.padEnd(32)} ${STATUSES.map((s) => `${s} ${summary.byStatus[s]}`).join(', ')}`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UserError ? `demo: ${error.message}` : error);
  process.exitCode = 1;
});
