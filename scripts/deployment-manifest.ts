// The manifest a centre deploys: the development manifest with every https://localhost:3000 address moved to the
// address the built dist/ folder is served from (`npm run build -- --env publicUrl=https://host/path/`).
// webpack.config.js calls these while it copies manifest.xml into dist/; manifest.xml itself is never changed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAIN_SCHEMA, schemaFolder, validateManifest } from './validate-manifest';

/** Where every URL of the development manifest points (npm run dev-server). */
export const DEV_ORIGIN = 'https://localhost:3000';

const EXAMPLE = '--env publicUrl=https://example.org/qualcheck/';

/**
 * The deployment address as the manifest will use it: absolute, HTTPS, ending in "/" so that file names can follow it.
 * Throws with a one-line message saying what to give instead.
 */
export function parsePublicUrl(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new Error(`publicUrl needs the HTTPS address dist/ is served from, for example ${EXAMPLE}`);
  }
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error(
      `publicUrl "${text}" is not an absolute address: give it with https:// and the host, for example ${EXAMPLE}`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new Error(
      `publicUrl "${text}" is not HTTPS: Office loads add-ins only over HTTPS, so give an https:// address, for example ${EXAMPLE}`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(
      `publicUrl "${text}" carries a user name, query or fragment: give the plain folder address, for example ${EXAMPLE}`,
    );
  }
  return url.pathname.endsWith('/') ? url.href : `${url.href}/`;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/**
 * The development manifest with its addresses moved under `publicUrl` (from parsePublicUrl): a URL becomes the same
 * file under the new folder, a bare origin (an AppDomain) becomes the new origin. Comments that speak of the
 * development server are replaced by one saying where this copy came from. Throws if "localhost" is still left anywhere,
 * naming its line, so that an address written some other way is never deployed by mistake.
 */
export function deploymentManifest(xml: string, publicUrl: string): string {
  const origin = new URL(publicUrl).origin;
  // No "--" inside an XML comment: the command is named without its option.
  const note = `<!-- qualcheck: deployment manifest for ${publicUrl}, written by npm run build with publicUrl=${publicUrl}.
     Change manifest.xml and build again rather than editing this copy. -->`;
  const withoutDevComments = xml.replace(/<!--[\s\S]*?-->\s*/g, (comment) =>
    comment.includes(DEV_ORIGIN) ? '' : comment,
  );
  const moved = withoutDevComments.replace(
    /https:\/\/localhost:3000(\/[^"'<\s]*)?/g,
    (_match, path: string | undefined) => (path ? new URL(path.slice(1), publicUrl).href : origin),
  );
  const withNote = moved.replace(/^(<\?xml[^>]*\?>\s*)/, `$1${note}\n`);
  const left = withNote.search(/localhost/i);
  if (left >= 0) {
    throw new Error(
      `manifest.xml:${lineOf(withNote, left)} still names localhost after moving ${DEV_ORIGIN} to ${publicUrl}: write that address as ${DEV_ORIGIN}/...`,
    );
  }
  return withNote;
}

/**
 * deploymentManifest, validated offline as `npm run validate` validates manifest.xml; throws with every problem and its
 * line when the schemas reject it. Without the schemas (a centre's own clone has no ../shared) it says so in `warn` and
 * how to validate online, and returns the manifest unvalidated.
 */
export async function validatedDeploymentManifest(
  xml: string,
  publicUrl: string,
  warn: (line: string) => void,
): Promise<string> {
  const deployed = deploymentManifest(xml, publicUrl);
  const folder = schemaFolder();
  if (!existsSync(join(folder, MAIN_SCHEMA))) {
    warn(
      `dist/manifest.xml was not validated: the manifest schemas are not at ${folder} (set QUALCHECK_MANIFEST_SCHEMAS), so validate it online with npx office-addin-manifest validate dist/manifest.xml`,
    );
    return deployed;
  }
  const { valid, problems } = await validateManifest(deployed, 'dist/manifest.xml', folder);
  if (!valid) {
    throw new Error(
      `dist/manifest.xml is not a valid add-in manifest: ${problems.map((p) => `line ${p.line ?? '?'}: ${p.message}`).join('; ')}`,
    );
  }
  return deployed;
}
