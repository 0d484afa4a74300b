// npm start / npm stop as a developer without desktop Excel (Linux, as CI) runs them: the dev server comes up over HTTPS
// with the given certificates (generated here, trusted by nobody: no administrator rights needed), the Excel-on-the-web
// steps are printed, a second start finds it running, and npm stop ends it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCertificates } from 'office-addin-dev-certs';
import { repoRoot } from './support/cli';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, 'localhost', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function fetchPane(port: number, ca: Buffer): Promise<{ status: number; body: string } | Error> {
  return new Promise((resolve) => {
    const request = get({ host: 'localhost', port, path: '/taskpane.html', ca, timeout: 5_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', (error) => resolve(error));
    request.on('timeout', () => request.destroy(new Error('timed out')));
  });
}

describe('npm start / npm stop without desktop Excel', function () {
  // One development build of the pane while the dev server starts.
  this.timeout(300_000);
  let certs: string;
  let ca: Buffer;
  let port: number;
  let env: NodeJS.ProcessEnv;
  let started: Run;
  const pidFile = () => path.join(tmpdir(), `qualcheck-dev-server-${port}.json`);

  function npm(script: 'start' | 'stop'): Promise<Run> {
    return new Promise((resolve) => {
      execFile('npm', ['run', '--silent', script], { cwd: repoRoot, env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });
  }

  before(async function () {
    if (process.platform !== 'linux') this.skip(); // elsewhere npm start looks for desktop Excel and sideloads into it
    certs = mkdtempSync(path.join(tmpdir(), 'qualcheck-certs-'));
    await generateCertificates(
      path.join(certs, 'ca.crt'),
      path.join(certs, 'localhost.crt'),
      path.join(certs, 'localhost.key'),
      2,
    );
    ca = readFileSync(path.join(certs, 'ca.crt'));
    port = await freePort();
    env = { ...process.env, QUALCHECK_DEV_CERTS: certs, QUALCHECK_DEV_PORT: String(port) };
    started = await npm('start');
  });

  after(() => {
    // Should the test fail half-way, end the server it started (by the id npm start recorded).
    if (port && existsSync(pidFile())) {
      const { pid } = JSON.parse(readFileSync(pidFile(), 'utf8')) as { pid: number };
      try {
        process.kill(-pid, 'SIGTERM');
      } catch {
        // already gone
      }
      rmSync(pidFile(), { force: true });
    }
    if (certs) rmSync(certs, { recursive: true, force: true });
  });

  it('serves the pane over HTTPS with the development certificate and prints the Excel-on-the-web steps', async () => {
    assert.equal(started.code, 0, started.stderr + started.stdout);
    assert.match(
      started.stdout,
      new RegExp(`The dev server is running on https://localhost:${port} \\(process \\d+\\)`),
    );
    assert.match(started.stdout, /There is no desktop Excel on Linux/);
    assert.match(started.stdout, /My Add-ins > Upload My Add-in/);
    assert.ok(started.stdout.includes(path.join(repoRoot, 'manifest.xml')), started.stdout);
    const pane = await fetchPane(port, ca);
    assert.ok(!(pane instanceof Error), String(pane));
    assert.equal(pane.status, 200);
    assert.match(pane.body, /appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js/);
  });

  it('finds the server already running on a second npm start', async () => {
    const again = await npm('start');
    assert.equal(again.code, 0, again.stderr);
    const pid = (JSON.parse(readFileSync(pidFile(), 'utf8')) as { pid: number }).pid;
    assert.match(again.stdout, new RegExp(`already running on https://localhost:${port} \\(process ${pid}\\)`));
  });

  it('ends the server on npm stop, and says so when there is none', async () => {
    const stopped = await npm('stop');
    assert.equal(stopped.code, 0, stopped.stderr);
    assert.match(stopped.stdout, /Stopped the dev server \(process \d+\)/);
    assert.equal(existsSync(pidFile()), false);
    let pane = await fetchPane(port, ca);
    for (let tries = 0; !(pane instanceof Error) && tries < 20; tries++) {
      await new Promise((wake) => setTimeout(wake, 250));
      pane = await fetchPane(port, ca);
    }
    assert.ok(pane instanceof Error, 'the pane is still served after npm stop');
    const none = await npm('stop');
    assert.equal(none.code, 0);
    assert.match(none.stdout, new RegExp(`No dev server started by npm start is running on port ${port}`));
  });
});
