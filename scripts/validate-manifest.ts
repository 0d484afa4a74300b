// Validates manifest.xml offline against the add-in manifest XML schemas (OfficeApp 1.1 with VersionOverrides 1.0),
// using libxml2 compiled to WebAssembly so CI needs neither network nor a native xmllint.
// The schemas live outside the repository (manifest-schemas/ of the shared folder, ../shared or QUALCHECK_SHARED, by
// default; QUALCHECK_MANIFEST_SCHEMAS overrides): they are Microsoft's files and are read, never copied. Without them
// the script says so in one line and passes (fails under CI=true); `npx office-addin-manifest validate manifest.xml`
// validates online.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { missingSharedLine, sharedPath, sharedRequired } from './shared-folder';

export const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';
/** Schemas the main one imports; xmllint-wasm has no file system of its own, so they are preloaded by name. */
const IMPORTED_SCHEMAS = [
  'OfficeAppBasicTypesV1_0.xsd',
  'MailAppVersionOverridesV1_0.xsd',
  'MailAppVersionOverridesV1_1.xsd',
  'TaskPaneAppVersionOverridesV1_0.xsd',
];

export interface ManifestProblem {
  /** 1-based line in the manifest, when libxml2 gives one. */
  line: number | null;
  message: string;
}

export interface ManifestValidation {
  valid: boolean;
  problems: ManifestProblem[];
}

export function schemaFolder(): string {
  return process.env.QUALCHECK_MANIFEST_SCHEMAS ?? sharedPath('manifest-schemas');
}

export async function validateManifest(
  xml: string,
  fileName = 'manifest.xml',
  folder = schemaFolder(),
): Promise<ManifestValidation> {
  const mainSchema = join(folder, MAIN_SCHEMA);
  if (!existsSync(mainSchema)) {
    throw new Error(
      `The manifest schemas are not at ${folder} (looked for ${MAIN_SCHEMA}). ` +
        'Set QUALCHECK_MANIFEST_SCHEMAS to the folder that holds them, or validate online with `npx office-addin-manifest validate manifest.xml`.',
    );
  }
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: MAIN_SCHEMA, contents: readFileSync(mainSchema, 'utf8') }],
    preload: IMPORTED_SCHEMAS.map((name) => ({ fileName: name, contents: readFileSync(join(folder, name), 'utf8') })),
  });
  const problems = result.errors.map((error) => ({
    line: error.loc?.lineNumber ?? null,
    message: error.message.trim(),
  }));
  if (!result.valid && problems.length === 0) problems.push({ line: null, message: result.rawOutput.trim() });
  return { valid: result.valid, problems };
}

async function main(): Promise<void> {
  const file = resolve(__dirname, '..', 'manifest.xml');
  const missing = missingSharedLine(
    'npm run validate (manifest.xml against the schemas, offline)',
    join(schemaFolder(), MAIN_SCHEMA),
    process.env.QUALCHECK_MANIFEST_SCHEMAS ? 'QUALCHECK_MANIFEST_SCHEMAS' : 'QUALCHECK_SHARED',
  );
  if (missing) {
    // A clone without the shared folder still passes `npm test`; CI, which has it, fails without it.
    if (sharedRequired()) {
      console.error(missing);
      process.exitCode = 1;
    } else {
      console.log(`skipped: ${missing}`);
    }
    return;
  }
  const { valid, problems } = await validateManifest(readFileSync(file, 'utf8'));
  if (valid) {
    console.log(`manifest.xml is valid against ${MAIN_SCHEMA} (offline, ${schemaFolder()})`);
    return;
  }
  for (const problem of problems) console.error(`manifest.xml:${problem.line ?? '?'}: ${problem.message}`);
  process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  });
}
