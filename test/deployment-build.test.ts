// A centre's deployment build: `npm run build -- --env publicUrl=https://host/path/` writes a dist/ whose manifest points
// every URL there and validates; a bad address is refused in one line. One real build serves the build's assertions.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deploymentManifest, parsePublicUrl, validatedDeploymentManifest } from '../scripts/deployment-manifest';
import { MAIN_SCHEMA, schemaFolder, validateManifest } from '../scripts/validate-manifest';
import { describeNeeding } from './support/needs';
import { repoRoot } from './support/cli';

const PUBLIC_URL = 'https://example.org/qualcheck/';
const devManifestFile = path.join(repoRoot, 'manifest.xml');
const devManifest = readFileSync(devManifestFile, 'utf8');

function npmBuild(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', 'build', '--', ...args],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** The addresses Office fetches (the http:// ones are XML namespaces). */
function urlsOf(xml: string): string[] {
  return [...xml.matchAll(/https:\/\/[^"'<\s]+/g)].map((match) => match[0]);
}

describe('deployment address', () => {
  it('is kept as an absolute HTTPS folder, a missing final slash added', () => {
    assert.equal(parsePublicUrl('https://example.org/qualcheck/'), 'https://example.org/qualcheck/');
    assert.equal(parsePublicUrl('https://example.org/qualcheck'), 'https://example.org/qualcheck/');
    assert.equal(parsePublicUrl(' https://addins.college.ac.uk '), 'https://addins.college.ac.uk/');
  });

  it('is refused when it is not HTTPS, not absolute, missing, or carries a query', () => {
    assert.throws(
      () => parsePublicUrl('http://example.org/qualcheck/'),
      /is not HTTPS: Office loads add-ins only over HTTPS/,
    );
    assert.throws(() => parsePublicUrl('example.org/qualcheck/'), /is not an absolute address/);
    assert.throws(() => parsePublicUrl('/qualcheck/'), /is not an absolute address/);
    assert.throws(() => parsePublicUrl(true), /publicUrl needs the HTTPS address/);
    assert.throws(() => parsePublicUrl(undefined), /publicUrl needs the HTTPS address/);
    assert.throws(() => parsePublicUrl('https://example.org/q/?v=2'), /query or fragment/);
  });
});

describe('deployment manifest', () => {
  it('moves every development URL under the deployment address and the AppDomain to its origin', () => {
    const deployed = deploymentManifest(devManifest, PUBLIC_URL);
    assert.doesNotMatch(deployed, /localhost/i);
    assert.match(deployed, /<SourceLocation DefaultValue="https:\/\/example\.org\/qualcheck\/taskpane\.html"\/>/);
    assert.match(deployed, /<AppDomain>https:\/\/example\.org<\/AppDomain>/);
    assert.match(deployed, /deployment manifest for https:\/\/example\.org\/qualcheck\//);
    // Everything else is the development manifest's: the same text between the URLs.
    const strip = (xml: string) => xml.replace(/<!--[\s\S]*?-->\s*/g, '').replace(/https:\/\/[^"'<\s]+/g, 'URL');
    assert.equal(strip(deployed), strip(devManifest));
  });

  it('refuses to leave a localhost address written another way, naming its line', () => {
    const odd = devManifest.replace(
      '<SupportUrl DefaultValue="https://localhost:3000/taskpane.html"/>',
      '<SupportUrl DefaultValue="https://localhost:3001/help.html"/>',
    );
    assert.notEqual(odd, devManifest);
    assert.throws(() => deploymentManifest(odd, PUBLIC_URL), /^Error: manifest\.xml:\d+ still names localhost/);
  });

  describeNeeding('the deployment manifest against the schemas', [path.join(schemaFolder(), MAIN_SCHEMA)], () => {
    it('fails validation with the problem and its line', async () => {
      const broken = devManifest.replace(
        '<Permissions>ReadWriteDocument</Permissions>',
        '<Permissions>Everything</Permissions>',
      );
      await assert.rejects(
        validatedDeploymentManifest(broken, PUBLIC_URL, () => assert.fail('the schemas are there')),
        /dist\/manifest\.xml is not a valid add-in manifest: line \d+: .*Permissions/,
      );
    });
  });
});

describe('npm run build -- --env publicUrl=...', function () {
  // One production webpack build (about 40 s of CPU), into a folder of its own so dist/ is left alone.
  this.timeout(300_000);
  let outDir: string;
  let build: { code: number; stdout: string; stderr: string };
  let deployed: string;

  before(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), 'qualcheck-deploy-'));
    build = await npmBuild(['--env', `publicUrl=${PUBLIC_URL}`, '--env', `outDir=${outDir}`]);
    assert.equal(build.code, 0, build.stderr + build.stdout);
    deployed = readFileSync(path.join(outDir, 'manifest.xml'), 'utf8');
  });

  after(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('writes a manifest that names no localhost', () => {
    assert.doesNotMatch(deployed, /localhost/i);
  });

  describeNeeding('the deployed manifest against the schemas', [path.join(schemaFolder(), MAIN_SCHEMA)], () => {
    it('validates offline, and the build says nothing is left unvalidated', async () => {
      const result = await validateManifest(deployed, 'dist/manifest.xml');
      assert.deepEqual(result.problems, []);
      assert.equal(result.valid, true);
      assert.equal(build.stderr, '', 'the schemas are there, so nothing is left unvalidated');
    });
  });

  it('points every URL but the AppDomain at a file the build wrote', () => {
    const urls = urlsOf(deployed.replace(/<!--[\s\S]*?-->/g, ''));
    assert.ok(urls.length >= 10, urls.join(', '));
    for (const url of urls) {
      if (url === 'https://example.org') continue;
      assert.ok(url.startsWith(PUBLIC_URL), url);
      const file = path.join(outDir, url.slice(PUBLIC_URL.length));
      assert.ok(existsSync(file), `${url}: ${file} was not built`);
    }
  });

  it('leaves the development manifest as it was', () => {
    assert.equal(readFileSync(devManifestFile, 'utf8'), devManifest);
    assert.match(devManifest, /https:\/\/localhost:3000\/taskpane\.html/);
  });

  for (const [address, reason] of [
    ['http://example.org/qualcheck/', /is not HTTPS/],
    ['qualcheck/', /is not an absolute address/],
  ] as const) {
    it(`refuses ${address} in one line, before building anything`, async () => {
      const refusedDir = path.join(outDir, 'refused');
      const refused = await npmBuild(['--env', `publicUrl=${address}`, '--env', `outDir=${refusedDir}`]);
      assert.equal(refused.code, 2);
      assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr);
      assert.match(refused.stderr, /^qualcheck: publicUrl "/);
      assert.match(refused.stderr, reason);
      assert.equal(existsSync(refusedDir), false);
    });
  }
});
