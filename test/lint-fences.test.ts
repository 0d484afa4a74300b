// The folder fences in eslint.config.mjs, proved to bite: a small snippet linted as if it stood in a folder must
// fail with the fence's rule when it crosses it, and pass where the crossing is allowed; the real tree passes.
import assert from 'node:assert/strict';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The fence rules a snippet breaks when linted as the file at `filePath` (relative to the repository). */
async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  assert.ok(result, `ESLint linted ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], `the snippet for ${filePath} parses`);
  return result.messages
    .filter((m) => m.ruleId !== null && FENCE_RULES.has(m.ruleId))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const FENCE_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'qualcheck/one-way-in']);

function importing(from: string): string {
  return `import { thing } from '${from}';\nexport const used = thing;\n`;
}

const EXCEL_RUN = 'export const run = () => Excel.run(async () => undefined);\n';

describe('lint fences between the folders', function () {
  this.timeout(120_000);

  const crossings: [string, string, RegExp][] = [
    ['src/cli/fence-fixture.ts', importing('../excel/active-sheet'), /no-restricted-imports: .*excel/],
    ['src/cli/fence-fixture.ts', importing('../taskpane/settings'), /no-restricted-imports: .*taskpane/],
    ['src/workbook/fence-fixture.ts', importing('../excel/host'), /no-restricted-imports: .*excel/],
    ['src/commands/fence-fixture.ts', importing('../taskpane/services'), /no-restricted-imports: .*taskpane/],
    ['src/registration/fence-fixture.ts', importing('../excel/host'), /no-restricted-imports: .*excel/],
    ['src/registration/fence-fixture.ts', importing('node:fs'), /no-restricted-imports: .*node:/],
    ['src/registration/fence-fixture.ts', importing('../cli/open-inputs'), /no-restricted-imports: .*cli/],
    ['src/cohort/read/fence-fixture.ts', importing('../../workbook/package'), /no-restricted-imports: .*workbook/],
    ['src/cohort/verdict/fence-fixture.ts', importing('../../excel/host'), /no-restricted-imports: .*excel/],
    ['src/sheet/fence-fixture.ts', importing('node:fs'), /no-restricted-imports: .*node:/],
    ['src/placement/fence-fixture.ts', importing('exceljs'), /no-restricted-imports: .*exceljs/],
    ['src/whatif/fence-fixture.ts', importing('react'), /no-restricted-imports: .*react/],
    ['src/rules-sheet/fence-fixture.ts', importing('../taskpane/settings'), /no-restricted-imports: .*taskpane/],
    // The bottom layer knows nothing above it; the rules sheet and What-if import only what they use.
    ['src/sheet/fence-fixture.ts', importing('../cohort/read'), /no-restricted-imports: .*cohort/],
    ['src/rules/fence-fixture.ts', importing('../placement'), /no-restricted-imports: .*placement/],
    ['src/rules-sheet/fence-fixture.ts', importing('../cohort/read'), /no-restricted-imports: .*cohort/],
    ['src/rules-sheet/fence-fixture.ts', importing('../placement'), /no-restricted-imports: .*placement/],
    ['src/rules-sheet/fence-fixture.ts', importing('../whatif'), /no-restricted-imports: .*whatif/],
    ['src/whatif/fence-fixture.ts', importing('../rules-sheet'), /no-restricted-imports: .*rules-sheet/],
    [
      'src/whatif/fence-fixture.ts',
      importing('../registration/learner-problems'),
      /no-restricted-imports: .*registration/,
    ],
    // A folder with an index.ts is entered from outside only through it.
    ['src/excel/fence-fixture.ts', importing('../placement/ownership'), /one-way-in: .*src\/placement/],
    ['src/cli/fence-fixture.ts', importing('../cohort/read/header'), /one-way-in: .*src\/cohort\/read/],
    ['src/cohort/verdict/fence-fixture.ts', importing('../read/marks'), /one-way-in: .*src\/cohort\/read/],
    ['src/whatif/fence-fixture.ts', importing('../sheet/address'), /one-way-in: .*src\/sheet/],
    ['src/taskpane/fence-fixture.ts', importing('../rules/kinds/sum'), /one-way-in: .*src\/rules\/kinds/],
    ['src/cli/fence-fixture.ts', importing('../workbook/sheet-patch'), /one-way-in: .*src\/workbook/],
    ['src/taskpane/fence-fixture.ts', importing('../excel/apply-row'), /one-way-in: .*src\/excel/],
    ['src/rules/fence-fixture.ts', importing('react'), /no-restricted-imports: .*react/],
    ['src/settings/fence-fixture.ts', importing('../excel/read-sheet'), /no-restricted-imports: .*excel/],
    ['src/functions/fence-fixture.ts', importing('../excel/host'), /no-restricted-imports: .*excel/],
    ['src/cohort/fence-fixture.ts', EXCEL_RUN, /no-restricted-globals: .*'Excel'/],
    ['src/registration/fence-fixture.ts', EXCEL_RUN, /no-restricted-globals: .*'Excel'/],
    ['src/cli/fence-fixture.ts', EXCEL_RUN, /no-restricted-globals: .*'Excel'/],
    ['src/commands/fence-fixture.ts', EXCEL_RUN, /no-restricted-globals: .*'Excel'/],
    ['src/taskpane/fence-fixture.tsx', 'export const here = typeof Excel !== "undefined";\n', /no-restricted-globals/],
    ['src/functions/functions-fixture.ts', EXCEL_RUN, /no-restricted-globals: .*'Excel'/],
  ];
  for (const [file, code, expected] of crossings) {
    it(`refuses ${code.split('\n')[0].replace(/^export const \w+ = /, '')} in ${path.dirname(file)}`, async () => {
      const errors = await fenceErrors(file, code);
      assert.ok(
        errors.some((e) => expected.test(e)),
        `expected ${expected} in [${errors.join('; ')}]`,
      );
    });
  }

  const allowed: [string, string][] = [
    ['src/commands/fence-fixture.ts', importing('../excel')],
    ['src/commands/fence-fixture.ts', importing('../settings/pane-settings')],
    ['src/cli/fence-fixture.ts', importing('../placement')],
    ['src/cli/fence-fixture.ts', importing('../workbook')],
    ['src/excel/fence-fixture.ts', importing('../cohort/read')],
    ['src/cohort/verdict/fence-fixture.ts', importing('../read')],
    ['src/placement/fence-fixture.ts', importing('./ownership')],
    ['src/rules-sheet/fence-fixture.ts', importing('../sheet')],
    ['src/whatif/fence-fixture.ts', importing('../placement')],
    ['src/excel/fence-fixture.ts', "export const load = () => import('../rules-sheet/write.js');\n"],
    ['src/taskpane/fence-fixture.ts', importing('../excel')],
    ['src/taskpane/fence-fixture.ts', "export const load = () => import('../excel/rules-sheet-edits.js');\n"],
    ['src/registration/fence-fixture.ts', importing('../cohort/verdict')],
    ['src/excel/fence-fixture.ts', EXCEL_RUN],
  ];
  for (const [file, code] of allowed) {
    it(`allows ${code.split('\n')[0].replace(/^export const \w+ = /, '')} in ${path.dirname(file)}`, async () => {
      assert.deepEqual(await fenceErrors(file, code), []);
    });
  }

  it('passes on the real tree', async () => {
    const results = await eslint.lintFiles(['src']);
    const broken = results.flatMap((r) =>
      r.messages
        .filter((m) => m.severity === 2)
        .map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    assert.ok(results.length > 100, `ESLint saw the source files (${results.length})`);
    assert.deepEqual(broken, []);
  });
});
