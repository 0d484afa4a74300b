// What the browser tests share: one webpack build of the pane with the fake host (reused while no source is newer),
// a static server on a local port, Debian's Chromium through playwright-core, and a page that records every request
// and every console error.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.join(__dirname, '..', '..');
export const PANE_BUILD = path.join(ROOT, 'test-artifacts', 'pane');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const STAMP = path.join(PANE_BUILD, '.built');
const CHROMIUM = process.env.QUALCHECK_CHROMIUM ?? '/usr/bin/chromium';

function newestIn(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestIn(path.join(target, entry)));
  return newest;
}

/** Builds the pane and the fake host bundle once; later runs reuse it while nothing it is built from changed. */
export function buildPane(): void {
  const inputs = [
    'src',
    'test/fake-excel',
    'test/browser/host',
    'webpack.config.js',
    'scripts/definition-shape-code.ts',
    'scripts/definition-shape-loader.cjs',
    'package-lock.json',
    'manifest.xml',
    'assets',
  ];
  const newestInput = Math.max(...inputs.map((p) => newestIn(path.join(ROOT, p))));
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs > newestInput) return;
  const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const result = spawnSync(
    process.execPath,
    [webpack, '--mode', 'production', '--env', 'testHost', '--env', 'outDir=test-artifacts/pane'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`webpack failed:\n${result.stdout}\n${result.stderr}`);
  writeFileSync(STAMP, new Date().toISOString());
}

export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing: apt-get install -y chromium (or set QUALCHECK_CHROMIUM)`;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'application/javascript',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
};

export interface LocalServer {
  origin: string;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 and a free port: the only place the pane may fetch from. */
export async function serve(folder: string): Promise<LocalServer> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = path.join(folder, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(folder) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface RecordedPage {
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Requests that would have left the machine (blocked). */
  outside: string[];
  consoleErrors: string[];
}

/**
 * A page on which office.js is answered with `officeJs` (a stub or a local copy) and every other request either goes to
 * the local server or is blocked and recorded.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  officeJs: (url: string) => string | undefined,
  width = 380,
  deviceScaleFactor = 1,
): Promise<RecordedPage> {
  const context = await browser.newContext({ viewport: { width, height: 1000 }, deviceScaleFactor });
  const page = await context.newPage();
  const recorded: RecordedPage = { page, requests: [], outside: [], consoleErrors: [] };
  page.on('request', (request) => recorded.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') recorded.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => recorded.consoleErrors.push(`uncaught: ${error.message}`));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    const body = officeJs(url);
    if (body !== undefined) return route.fulfill({ status: 200, contentType: 'application/javascript', body });
    recorded.outside.push(url);
    return route.abort('blockedbyclient');
  });
  return recorded;
}

export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * Keeps a screenshot as a test artifact, and copies it over the one in docs/ only when asked
 * (`QUALCHECK_UPDATE_DOCS=1 npm run test:browser`): a test run never changes the checkout by itself.
 */
export function keepScreenshot(shot: string, docsName: string): void {
  if (!process.env.QUALCHECK_UPDATE_DOCS) return;
  const docs = path.join(__dirname, '..', '..', 'docs', docsName);
  if (!existsSync(docs) || !readFileSync(docs).equals(readFileSync(shot))) copyFileSync(shot, docs);
}
