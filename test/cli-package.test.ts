// The command line as a centre installs it: `npm pack` (which compiles it), the tarball installed into an empty folder
// without dev dependencies, and the installed bin run on the sample. One pack and one install serve every assertion.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { qualcheck, repoRoot } from './support/cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    // npm passes its own settings to scripts as npm_config_* variables; the install must not inherit the repo's.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
    );
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function mustRun(command: string, args: string[], cwd: string): Promise<Run> {
  const result = await run(command, args, cwd);
  assert.equal(result.code, 0, `${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result;
}

const sample = path.join(repoRoot, 'samples', 'cohort-600-5106-1.xlsx');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};

describe('the command line as an installed package', function () {
  // npm pack compiles the CLI; the install fetches exceljs and the other runtime dependencies (from npm's cache when warm).
  this.timeout(240_000);
  let work: string;
  let app: string;

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'qualcheck-pack-'));
    await mustRun('npm', ['pack', '--pack-destination', work, '--silent'], repoRoot);
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
    assert.equal(tarball, `${pkg.name}-${pkg.version}.tgz`);
    app = path.join(work, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "centre", "private": true }\n');
    await mustRun(
      'npm',
      ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, tarball)],
      app,
    );
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('holds compiled JavaScript only, and installs no TypeScript tooling', () => {
    const installed = path.join(app, 'node_modules', pkg.name);
    const files = readdirSync(installed, { recursive: true, encoding: 'utf8' }).sort();
    assert.ok(files.includes(path.join('lib', 'qualcheck.js')), files.join(', '));
    assert.deepEqual(
      files.filter((file) => /\.tsx?$/.test(file)),
      [],
    );
    const modules = readdirSync(path.join(app, 'node_modules'));
    for (const tool of ['tsx', 'typescript', 'esbuild', 'ts-loader', 'webpack']) {
      assert.ok(pkg.devDependencies[tool], `${tool} should be a dev dependency`);
      assert.ok(!modules.includes(tool), `${tool} was installed with the package`);
    }
  });

  it('finds every package the compiled CLI requires among those installed', async () => {
    const bundle = readFileSync(path.join(app, 'node_modules', pkg.name, 'lib', 'qualcheck.js'), 'utf8');
    // Packages left outside the bundle, required at start or imported when a command needs them.
    const required = [
      ...new Set([...bundle.matchAll(/(?:require|import)\("([^".][^"]*)"\)/g)].map((match) => match[1])),
    ].filter((name) => !name.startsWith('node:'));
    assert.ok(required.includes('commander') && required.includes('exceljs'), required.join(', '));
    // Resolved from the centre's folder, as the installed bin resolves them (some load only when a command runs).
    const script = `for (const name of ${JSON.stringify(required)}) require.resolve(name, { paths: [${JSON.stringify(path.join(app, 'node_modules', pkg.name))}] });`;
    await mustRun(process.execPath, ['-e', script], app);
  });

  it('prints the package version', async () => {
    const result = await mustRun('npx', ['--no', '--', 'qualcheck', '--version'], app);
    assert.equal(result.stdout.trim(), pkg.version);
  });

  it('checks the sample cohort with the same JSON as the repository run', async () => {
    const installed = await mustRun('npx', ['--no', '--', 'qualcheck', 'check', sample, '--json'], app);
    const repo = await qualcheck(['check', sample, '--json']);
    assert.equal(repo.code, 0, repo.stderr);
    const json = JSON.parse(installed.stdout) as { learners: unknown[] };
    assert.ok(json.learners.length > 0);
    assert.deepEqual(json, JSON.parse(repo.stdout));
    assert.equal(installed.stderr, '');
  });

  it('gives a bad path the same one-line message and exit code as the repository run', async () => {
    const missing = path.join(work, 'no-such-cohort.xlsx');
    const installed = await run('npx', ['--no', '--', 'qualcheck', 'check', missing], app);
    const repo = await qualcheck(['check', missing]);
    assert.equal(installed.code, 2);
    assert.equal(installed.code, repo.code);
    assert.equal(installed.stderr, repo.stderr);
    assert.equal(installed.stderr.trim().split('\n').length, 1);
  });
});
