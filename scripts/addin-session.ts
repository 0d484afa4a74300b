// `npm start` / `npm stop`: serve the add-in on https://localhost:3000 (webpack serve, in the background) and sideload it
// into desktop Excel with Microsoft's office-addin-debugging, as the official task-pane template does; where there is no
// desktop Excel (Linux, or `npm start -- --web`), print the steps for Excel on the web instead. `npm stop` unregisters
// the add-in and ends the dev server this started.
//
// office-addin-debugging is run through npx, pinned, only where desktop Excel is: as a dev dependency it brings ~400
// packages (a peer dependency on the Microsoft 365 Agents Toolkit CLI, with a native keychain module that does not build
// here) for a step that can only run on Windows and macOS.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const OFFICE_ADDIN_DEBUGGING = 'office-addin-debugging@7.0.0';
const root = resolve(__dirname, '..');
const manifest = join(root, 'manifest.xml');
/** As webpack.config.js reads it: tests serve elsewhere so they never meet a dev server already on 3000. */
const port = Number(process.env.QUALCHECK_DEV_PORT) || 3000;
const pidFile = join(tmpdir(), `qualcheck-dev-server-${port}.json`);
const logFile = join(tmpdir(), `qualcheck-dev-server-${port}.log`);
/** A development build of the pane takes a while on a busy machine. */
const START_TIMEOUT_MS = 240_000;

interface DevServer {
  pid: number;
  port: number;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function fail(line: string, code = 1): never {
  process.stderr.write(`qualcheck: ${line}\n`);
  process.exit(code);
}

function desktopExcel(): boolean {
  if (process.platform === 'darwin') return existsSync('/Applications/Microsoft Excel.app');
  if (process.platform === 'win32') {
    const query = spawnSync(
      'reg',
      ['query', 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\App Paths\\excel.exe'],
      { stdio: 'ignore' },
    );
    return query.status === 0;
  }
  return false;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function recordedServer(): DevServer | undefined {
  if (!existsSync(pidFile)) return undefined;
  const server = JSON.parse(readFileSync(pidFile, 'utf8')) as DevServer;
  return isAlive(server.pid) ? server : undefined;
}

/** The certificate authority the dev server's certificate is checked against, as Office will check it. */
async function certificateAuthority(): Promise<Buffer> {
  const folder = process.env.QUALCHECK_DEV_CERTS;
  if (folder) return readFileSync(join(folder, 'ca.crt'));
  // As office-addin-debugging does before it starts a dev server: create and trust the Office development certificates
  // in the foreground, where the administrator prompt can be answered (the server runs detached). webpack.config.js
  // then finds them trusted.
  const { getHttpsServerOptions } = await import('office-addin-dev-certs');
  const { ca } = await getHttpsServerOptions();
  return Buffer.from(ca);
}

function answers(ca: Buffer): Promise<boolean> {
  return new Promise((done) => {
    const request = get({ host: 'localhost', port, path: '/taskpane.html', ca, timeout: 5_000 }, (response) => {
      response.resume();
      done(response.statusCode === 200);
    });
    request.on('error', () => done(false));
    request.on('timeout', () => request.destroy());
  });
}

async function startDevServer(ca: Buffer): Promise<DevServer> {
  const running = recordedServer();
  if (running && (await answers(ca))) {
    say(`The dev server is already running on https://localhost:${port} (process ${running.pid}).`);
    return running;
  }
  if (await answers(ca))
    fail(`something else already serves https://localhost:${port}: stop it, or npm stop if it was npm start`);
  say(`Starting the dev server on https://localhost:${port} (log: ${logFile}) ...`);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), 'serve', '--mode', 'development'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', log, log],
    env: process.env,
  });
  closeSync(log);
  child.unref();
  if (child.pid === undefined) fail('could not start the dev server');
  const server = { pid: child.pid, port };
  writeFileSync(pidFile, `${JSON.stringify(server)}\n`);
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isAlive(server.pid)) {
      rmSync(pidFile, { force: true });
      fail(`the dev server stopped while starting; its output is in ${logFile}`);
    }
    if (await answers(ca)) {
      say(`The dev server is running on https://localhost:${port} (process ${server.pid}); npm stop ends it.`);
      return server;
    }
    await new Promise((wake) => setTimeout(wake, 500));
  }
  stopProcessTree(server.pid);
  rmSync(pidFile, { force: true });
  fail(`the dev server did not answer within ${START_TIMEOUT_MS / 1000} s; its output is in ${logFile}`);
}

function stopProcessTree(pid: number): void {
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/pid', String(pid), '/t', '/f'], { stdio: 'ignore' });
    return;
  }
  // Detached, so the server leads its own process group: end the group, webpack's workers included.
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    if (isAlive(pid)) process.kill(pid, 'SIGTERM');
  }
}

function officeAddinDebugging(args: string[]): number {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const run = spawnSync(npx, ['--yes', OFFICE_ADDIN_DEBUGGING, ...args], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  return run.status ?? 1;
}

function printWebSteps(): void {
  say('');
  say(
    process.platform === 'linux'
      ? 'There is no desktop Excel on Linux.'
      : 'Desktop Excel is not used (none found, or --web).',
  );
  say('To try the add-in in Excel on the web:');
  say(
    `  1. Open https://localhost:${port}/taskpane.html in your browser once: it should say "Open this pane from Excel" with no certificate warning.`,
  );
  say('  2. Open a workbook at https://www.office.com (OneDrive or SharePoint).');
  say(
    '  3. Choose Home > Add-ins > More Add-ins (on some tenants Insert > Add-ins), then My Add-ins > Upload My Add-in.',
  );
  say(`  4. Browse to ${manifest} and choose Upload.`);
  say('  5. The Qualifications group appears on the Home tab with Check cohort and Check now.');
  if (port !== 3000)
    say(
      `  (manifest.xml points at https://localhost:3000; this server is on ${port} because QUALCHECK_DEV_PORT says so.)`,
    );
  say('npm stop ends the dev server when you are done.');
}

async function start(web: boolean): Promise<void> {
  const ca = await certificateAuthority();
  await startDevServer(ca);
  if (!web && desktopExcel()) {
    say('Sideloading into desktop Excel with office-addin-debugging ...');
    const code = officeAddinDebugging([
      'start',
      manifest,
      'desktop',
      '--app',
      'excel',
      '--dev-server-port',
      String(port),
    ]);
    if (code !== 0)
      fail(
        `office-addin-debugging could not sideload the add-in (exit code ${code}); docs/addin.md says how to sideload by hand`,
      );
    return;
  }
  printWebSteps();
}

function stop(): void {
  if (desktopExcel()) {
    const code = officeAddinDebugging(['stop', manifest]);
    if (code !== 0)
      process.stderr.write(`qualcheck: office-addin-debugging could not unregister the add-in (exit code ${code})\n`);
  }
  const server = recordedServer();
  rmSync(pidFile, { force: true });
  if (!server) {
    say(`No dev server started by npm start is running on port ${port}.`);
    return;
  }
  stopProcessTree(server.pid);
  say(`Stopped the dev server (process ${server.pid}).`);
}

const [command, ...options] = process.argv.slice(2);
if (command === 'start') {
  start(options.includes('--web')).catch((error: unknown) =>
    fail(error instanceof Error ? error.message : String(error)),
  );
} else if (command === 'stop') {
  stop();
} else {
  fail('usage: tsx scripts/addin-session.ts start [--web] | stop', 2);
}
