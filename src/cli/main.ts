// The command line: `qualcheck check <cohort.xlsx>` and `qualcheck register <cohort.xlsx>`.
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { UserError } from './user-error';

// Each command's module is imported when the command runs: they bring the workbook reader, the rules and the writers
// (exceljs, most of a second to load, for --out and rules export), and `qualcheck --version` or `--help` should not
// wait for any of it.

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Commander's own errors (an unknown option, a missing argument) as the tool's other errors are: one line, prefixed
 * "qualcheck:", ending with where to look. Commander writes "error: ..." and puts its "Did you mean" on a second line.
 * The text is Commander's English, not qualcheck's words read back: its output hook hands over nothing else.
 */
function oneLineErrors(command: Command, usage: string): Command {
  return command.configureOutput({
    outputError: (text, write) => {
      const message = text
        .replace(/^error: /, '')
        .trim()
        .replace(/\n\(Did you mean (.*)\?\)$/, ' (did you mean $1?)')
        .replace(/\s*\n\s*/g, ' ')
        .replace(/\.$/, '');
      write(`qualcheck: ${message}; ${usage} --help shows how to use it\n`);
    },
  });
}

/** What the cohort options give a command's action. */
interface CohortOptionValues {
  sheet?: string;
  qualification?: string;
  rules: string[];
  marks?: string;
}

/** The options that say how to read a cohort sheet, the same for every command that reads one. */
function cohortOptions(command: Command): Command {
  return command
    .option('--sheet <name>', 'the sheet to read (default: the first sheet holding a cohort)')
    .option('--qualification <id>', 'qualification for learners when the sheet has no qualification column')
    .option(
      '--rules <file.json|file.xlsx>',
      "add or replace qualifications from a JSON definition file or a workbook's rules sheet (repeatable)",
      collect,
      [],
    )
    .option('--marks <file.json>', 'the meaning of the marks in unit cells, when the sheet uses its own');
}

/** What the learner table options give a command's action. */
interface LearnerTableOptionValues {
  json?: boolean;
  all?: boolean;
}

/** The options of a command that prints a table of learners: JSON instead, or every learner, not a screenful. */
function learnerTableOptions(command: Command): Command {
  return command
    .option('--json', 'print one JSON object instead of the table')
    .option('--all', 'list every learner in the table (it stops after a screenful otherwise)');
}

export function buildProgram(
  out: (text: string) => void,
  setExitCode: (code: number) => void = () => undefined,
): Command {
  const program = new Command();
  program
    .name('qualcheck')
    .description('Checks vocational qualification rules of combination for a cohort of learners in an Excel workbook.')
    .version(version, '-V, --version', 'the version of qualcheck')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: (text) => process.stderr.write(text) });
  oneLineErrors(program, 'qualcheck');

  const check = program.command('check');
  oneLineErrors(check, 'qualcheck check');
  learnerTableOptions(
    cohortOptions(
      check
        .description('check every learner of a cohort sheet against their qualification rules')
        .argument('<cohort.xlsx>', 'the cohort workbook (never modified)'),
    ).option('--out <out.xlsx>', 'write a copy of the workbook with result columns'),
  ).action(async (file: string, options: CohortOptionValues & LearnerTableOptionValues & { out?: string }) => {
    const { formatCheckReport, runCheck } = await import('./check.js');
    const run = await runCheck(file, options);
    out(options.json ? `${JSON.stringify(run.json, null, 2)}\n` : `${formatCheckReport(run, options)}\n`);
  });

  const register = program.command('register');
  oneLineErrors(register, 'qualcheck register');
  learnerTableOptions(
    cohortOptions(
      register
        .description(
          'find what the awarding body would reject before registering the cohort, and write the registration file',
        )
        .argument('<cohort.xlsx>', 'the cohort workbook (never modified)')
        .option('--date <YYYY-MM-DD>', 'registration date (default: today)')
        .option('--out <registrations.csv>', 'write the learners ready to register as a bulk registration CSV'),
    ),
  ).action(
    async (file: string, options: CohortOptionValues & LearnerTableOptionValues & { date?: string; out?: string }) => {
      const { runRegister } = await import('./register.js');
      setExitCode(await runRegister(file, options, out));
    },
  );

  const rules = oneLineErrors(program.command('rules'), 'qualcheck rules').description(
    'the qualification data: export it to edit, and see what a centre changed',
  );
  oneLineErrors(rules.command('export'), 'qualcheck rules export')
    .description(
      'write the built-in qualification data (with any --rules files over it) as JSON, or as a rules sheet to fill in',
    )
    .option(
      '--out <file.json|file.xlsx>',
      'write a JSON rules file, or a workbook with a "Qualification rules" sheet (default: JSON to the screen)',
    )
    .option('--qualification <id>', 'only this qualification')
    .option(
      '--rules <file.json|file.xlsx>',
      "put a centre's rules file over the built-in data first (repeatable)",
      collect,
      [],
    )
    .action(async (options: { out?: string; qualification?: string; rules: string[] }) => {
      const { runRulesExport } = await import('./rules.js');
      await runRulesExport(options, out);
    });
  oneLineErrors(rules.command('diff'), 'qualcheck rules diff')
    .description(
      "list what a rules file (JSON, or a workbook's rules sheet) changes against the built-in catalogue, one line each",
    )
    .argument('<file.json|file.xlsx>', 'the rules file, or a workbook holding a "Qualification rules" sheet')
    .action(async (file: string) => {
      const { runRulesDiff } = await import('./rules.js');
      await runRulesDiff(file, out);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(
    (text) => process.stdout.write(text),
    (code) => {
      exitCode = code;
    },
  );
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`qualcheck: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    // A fault of ours, not the user's: still one line, and a hint to report it. Its own exit code, so a script does
    // not take it for register's 1 (some learners held back).
    process.stderr.write(
      `qualcheck: internal error: ${(error as Error).message ?? String(error)} (please report this with the workbook's layout)\n`,
    );
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
