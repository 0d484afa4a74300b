// The command line: `qualcheck check <cohort.xlsx>` and `qualcheck register <cohort.xlsx>`.
import { Command, CommanderError } from 'commander';
import { formatCheckReport, runCheck } from './check';
import { UserError } from './user-error';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function buildProgram(out: (text: string) => void): Command {
  const program = new Command();
  program
    .name('qualcheck')
    .description('Checks vocational qualification rules of combination for a cohort of learners in an Excel workbook.')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: (text) => process.stderr.write(text) });

  program
    .command('check')
    .description('check every learner of a cohort sheet against their qualification rules')
    .argument('<cohort.xlsx>', 'the cohort workbook (never modified)')
    .option('--sheet <name>', 'the sheet to read (default: the first sheet holding a cohort)')
    .option('--qualification <id>', 'qualification for learners when the sheet has no qualification column')
    .option('--rules <file.json>', 'add or replace qualifications from a JSON definition file (repeatable)', collect, [])
    .option('--marks <file.json>', 'the meaning of the marks in unit cells, when the sheet uses its own')
    .option('--out <out.xlsx>', 'write a copy of the workbook with result columns')
    .option('--json', 'print one JSON object instead of the table')
    .action(async (file: string, options: { sheet?: string; qualification?: string; rules: string[]; marks?: string; out?: string; json?: boolean }) => {
      const run = await runCheck(file, options);
      out(options.json ? `${JSON.stringify(run.json, null, 2)}\n` : `${formatCheckReport(run)}\n`);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram((text) => process.stdout.write(text));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`qualcheck: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    // A fault of ours, not the user's: still one line, and a hint to report it.
    process.stderr.write(`qualcheck: internal error: ${(error as Error).message ?? String(error)} (please report this with the workbook's layout)\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
