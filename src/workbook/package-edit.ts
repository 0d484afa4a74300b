// A copy of a package with some parts changed or added. Every other part is unpacked and packed again as it is,
// never parsed, so it comes out byte for byte the same when unzipped, in the zip's order, stored or deflated as it
// was. The copy is written to a temporary file beside the target and renamed at the end, so a failed write leaves no
// half-written workbook.
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import {
  checkedAgainstCrc,
  DEFAULT_LIMITS,
  outOfProportion,
  withTrueCommentLength,
  type WorkbookPackage,
} from './package';
import { relationshipType, relativeTarget, withAppSheetTitle, withOverride, withRelationship } from './package-entries';
import { damaged } from './errors';
import { readRelationships, relationshipsPartOf, type WorkbookInfo } from './parts';

/**
 * The bytes of a part, or a source of them made when the part is written from the part's own bytes as they unpack
 * (a sheet patched as it streams; `original` is empty for a part the package did not have).
 */
export type PartContent = Buffer | ((original: AsyncIterable<Buffer>) => AsyncIterable<Buffer>);

/** A text part written back: UTF-8, whatever it was read as, so a declaration that says UTF-16 is made to agree. */
function utf8(text: string): Buffer {
  return Buffer.from(text.replace(/^(<\?xml[^>]*encoding\s*=\s*["'])utf-16(?:le|be)?(["'])/i, '$1UTF-8$2'), 'utf8');
}

export class PartTooLargeError extends Error {
  constructor(readonly part: string) {
    super(`part ${part} unpacks to more than any real workbook holds`);
  }
}

export class PackageEdit {
  private readonly texts = new Map<string, { name: string; text: string }>();
  private readonly contents = new Map<string, { name: string; content: PartContent }>();

  constructor(readonly pkg: WorkbookPackage) {}

  has(part: string): boolean {
    const key = part.toLowerCase();
    return this.pkg.has(part) || this.texts.has(key) || this.contents.has(key);
  }

  /** Every part's name, those added included. */
  partNames(): string[] {
    return [
      ...new Set([
        ...this.pkg.partNames(),
        ...[...this.texts.values()].map((t) => t.name),
        ...[...this.contents.values()].map((c) => c.name),
      ]),
    ];
  }

  /** The part's text as edited so far, or undefined when the package has no such part. */
  async text(part: string): Promise<string | undefined> {
    const edited = this.texts.get(part.toLowerCase());
    if (edited) return edited.text;
    return this.pkg.has(part) ? this.pkg.readText(part) : undefined;
  }

  setText(part: string, text: string): void {
    this.contents.delete(part.toLowerCase());
    this.texts.set(part.toLowerCase(), { name: part, text });
  }

  setContent(part: string, content: PartContent): void {
    this.texts.delete(part.toLowerCase());
    this.contents.set(part.toLowerCase(), { name: part, content });
  }

  private changed(part: string): PartContent | undefined {
    const key = part.toLowerCase();
    const text = this.texts.get(key);
    if (text) return utf8(text.text);
    return this.contents.get(key)?.content;
  }

  /** Writes the copy to `out` (via a temporary file beside it). `bytes` is the package the edit was opened on. */
  async write(bytes: Buffer, out: string): Promise<void> {
    const temporary = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.qualcheck-partial`);
    try {
      await this.writeTo(bytes, temporary);
      await fs.rename(temporary, out);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  private async writeTo(bytes: Buffer, file: string): Promise<void> {
    const source = await yauzl.fromBufferPromise(withTrueCommentLength(bytes), {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: false,
      validateEntrySizes: true,
    });
    const zip = new yazl.ZipFile();
    const output = createWriteStream(file);
    const done = new Promise<void>((resolve, reject) => {
      output.on('error', reject);
      output.on('close', resolve);
    });
    done.catch(() => undefined);
    // A part that fails to unpack (or a sheet that fails to patch) stops the whole copy.
    const fail = (error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error)));
    const written = new Set<string>();
    const add = (
      name: string,
      content: PartContent,
      options: { mtime?: Date; compress?: boolean },
      entry?: yauzl.Entry,
    ) => {
      // A part stored uncompressed is stored again; yazl refuses a compression level beside compress: false.
      const settings = options.compress === false ? options : { ...options, compressionLevel: 6 };
      if (Buffer.isBuffer(content) && options.compress === false) {
        zip.addBuffer(content, name, settings);
        return;
      }
      // A part made whole (a text set on the edit) is deflated when the zip reaches it, as a copied part is: yazl
      // deflates a buffer the moment it is added, and the hundreds of parts of a large ownership record each held a
      // deflater at once (about 130 MB of `check --out`'s peak at 50,000 learners).
      if (Buffer.isBuffer(content)) {
        zip.addReadStreamLazy(name, settings, (callback) => callback(null, Readable.from([content])));
        return;
      }
      zip.addReadStreamLazy(name, settings, (callback) => {
        const original = entry ? source.openReadStreamPromise(entry) : Promise.resolve(Readable.from([]));
        original.then(
          (input) => {
            input.on('error', fail);
            const bytes = entry ? checkedAgainstCrc(name, entry, input as AsyncIterable<Buffer>) : input;
            const stream = Readable.from(content(bytes as AsyncIterable<Buffer>));
            stream.on('error', fail);
            callback(null, stream);
          },
          (error: unknown) => {
            fail(error);
            callback(null, Readable.from([]));
          },
        );
      });
    };
    try {
      let total = 0;
      for await (const entry of source.eachEntry()) {
        const name = entry.fileName;
        const options = { mtime: entry.getLastModDate(), compress: entry.compressionMethod !== 0 };
        if (name.endsWith('/')) {
          zip.addEmptyDirectory(name, { mtime: options.mtime });
          continue;
        }
        const key = name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
        written.add(key);
        // Every part copied is bounded, so a zip bomb among the images is not unpacked to fill the disk.
        total += entry.uncompressedSize;
        if (entry.uncompressedSize > DEFAULT_LIMITS.partBytes || total > DEFAULT_LIMITS.totalBytes)
          throw new PartTooLargeError(name);
        const disproportion = outOfProportion(entry);
        if (disproportion) throw disproportion;
        const content = this.changed(key) ?? ((original: AsyncIterable<Buffer>) => original);
        if (options.compress || Buffer.isBuffer(content)) {
          add(name, content, options, entry);
          continue;
        }
        // A stored part goes in whole, with its size and checksum before its data: streamed, yazl would put them
        // after it (a data descriptor), which readers that walk the local headers of stored entries cannot follow.
        const chunks: Buffer[] = [];
        const stored = (await source.openReadStreamPromise(entry)) as AsyncIterable<Buffer>;
        for await (const chunk of content(checkedAgainstCrc(name, entry, stored))) chunks.push(chunk);
        add(name, Buffer.concat(chunks), options);
      }
      for (const [key, { name }] of [...this.texts, ...this.contents]) {
        if (written.has(key)) continue;
        const content = this.changed(key);
        if (content) add(name, content, {});
      }
      zip.end();
      zip.outputStream.on('error', fail);
      zip.outputStream.pipe(output);
      await done;
    } catch (error) {
      output.destroy();
      throw error;
    } finally {
      source.close();
    }
  }
}

/**
 * Lists an added worksheet in docProps/app.xml (the extended properties other programs show as the list of sheets)
 * when the package has that part and keeps the list there; Excel itself does not need it.
 */
export async function listSheetInAppProperties(edit: PackageEdit, info: WorkbookInfo, name: string): Promise<void> {
  const part = (await readRelationships(edit.pkg, '')).find(
    (r) => r.type === 'extended-properties' && r.part !== undefined,
  )?.part;
  if (part === undefined || !edit.has(part)) return;
  const app = await edit.text(part);
  if (app === undefined) return;
  const worksheets = info.sheets.filter((s) => s.kind === 'worksheet').length;
  const listed = withAppSheetTitle(app, name, worksheets);
  if (listed !== app) edit.setText(part, listed);
}

/** Adds a relationship from the workbook part to a new part, and the part's content type. */
export async function addWorkbookPart(
  edit: PackageEdit,
  info: WorkbookInfo,
  part: string,
  kind: string,
  contentType: string,
): Promise<string> {
  const relsPart = relationshipsPartOf(info.part);
  const type = relationshipType(
    info.relationships.map((r) => r.typeUri),
    kind,
  );
  const { xml, id } = withRelationship(await edit.text(relsPart), type, relativeTarget(info.part, part));
  edit.setText(relsPart, xml);
  const types = await edit.text('[Content_Types].xml');
  if (types === undefined) throw damaged('it has no [Content_Types].xml');
  edit.setText('[Content_Types].xml', withOverride(types, part, contentType));
  return id;
}
