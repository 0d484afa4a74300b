import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_SCHEMA, schemaFolder, validateManifest } from '../scripts/validate-manifest';
import { describeNeeding } from './support/needs';

const root = join(__dirname, '..');
const manifest = readFileSync(join(root, 'manifest.xml'), 'utf8');

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('add-in manifest', () => {
  it('asks for ExcelApi 1.6, the set that brings conditional formats', () => {
    assert.match(manifest, /<Set Name="ExcelApi" MinVersion="1\.6"\/>/);
  });

  it('opens the pane with "Check cohort" and runs checkNow with "Check now"', () => {
    assert.match(manifest, /<bt:String id="CheckCohort.Label" DefaultValue="Check cohort"\/>/);
    assert.match(manifest, /<bt:String id="CheckNow.Label" DefaultValue="Check now"\/>/);
    assert.match(manifest, /<Action xsi:type="ShowTaskpane">/);
    assert.match(manifest, /<FunctionName>checkNow<\/FunctionName>/);
    assert.match(manifest, /<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane.html"\/>/);
  });

  it('declares the QUALCHECK worksheet functions: script, page and metadata as the build writes them', () => {
    const point = /<AllFormFactors>\s*<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/.exec(
      manifest,
    );
    assert.ok(point, 'a CustomFunctions extension point for all form factors');
    const url = (resid: string) =>
      new RegExp(`<bt:Url id="${resid.replace('.', '\\.')}" DefaultValue="([^"]+)"/>`).exec(manifest)?.[1];
    const resources = Object.fromEntries(
      ['Script', 'Page', 'Metadata'].map((part) => [
        part,
        new RegExp(`<${part}>\\s*<SourceLocation resid="([^"]+)"/>`).exec(point[1])?.[1],
      ]),
    );
    assert.deepEqual(
      Object.values(resources).map((resid) => url(resid ?? '')),
      [
        'https://localhost:3000/functions.js',
        'https://localhost:3000/functions.html',
        'https://localhost:3000/functions.json',
      ],
    );
    const namespace = /<Namespace resid="([^"]+)"\/>/.exec(point[1])?.[1];
    assert.match(manifest, new RegExp(`<bt:String id="${namespace}" DefaultValue="QUALCHECK"/>`));
  });

  it('points every image at an icon in assets/ of the size it claims', () => {
    const images = [...manifest.matchAll(/https:\/\/localhost:3000\/assets\/icon-(\d+)\.png/g)];
    assert.ok(images.length >= 4);
    for (const [, size] of images) {
      const { width, height } = pngSize(join(root, 'assets', `icon-${size}.png`));
      assert.equal(width, Number(size));
      assert.equal(height, Number(size));
    }
    for (const size of [16, 32, 64, 80])
      assert.ok(
        images.some(([, s]) => Number(s) === size),
        `icon-${size}.png not referenced`,
      );
  });
});

describeNeeding(
  'add-in manifest against the schemas (manifest-schemas of the shared folder)',
  [join(schemaFolder(), MAIN_SCHEMA)],
  () => {
    it('validates offline against the OfficeApp 1.1 schemas', async () => {
      const result = await validateManifest(manifest);
      assert.deepEqual(result.problems, []);
      assert.equal(result.valid, true);
    });

    it('rejects a wrong Permissions value and names its line and the allowed values', async () => {
      const broken = manifest.replace(
        '<Permissions>ReadWriteDocument</Permissions>',
        '<Permissions>ReadWriteEverything</Permissions>',
      );
      assert.notEqual(broken, manifest);
      const result = await validateManifest(broken);
      assert.equal(result.valid, false);
      const problem = result.problems.find((p) => p.message.includes('Permissions'));
      assert.ok(problem, JSON.stringify(result.problems));
      assert.equal(problem.line, lineOf(broken, '<Permissions>'));
      assert.match(problem.message, /ReadWriteDocument/);
    });

    it('rejects a ribbon button without an action', async () => {
      const broken = manifest.replace(/<Action xsi:type="ExecuteFunction">[\s\S]*?<\/Action>/, '');
      const result = await validateManifest(broken);
      assert.equal(result.valid, false);
    });

    it('rejects a CustomFunctions extension point without its page', async () => {
      const broken = manifest.replace(/<Page>[\s\S]*?<\/Page>/, '');
      assert.notEqual(broken, manifest);
      assert.equal((await validateManifest(broken)).valid, false);
    });
  },
);
