// A copy of a package with some parts changed or added. Every other part is unpacked and packed again as it is,
// never parsed, so it comes out byte for byte the same when unzipped, in the zip's order, stored or deflated as it
// was. The copy is written to a temporary file beside the target and renamed at the end, so a failed write leaves no
// half-written workbook.
import { once } from 'node:events';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TransformOptions } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
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
import { ZipWriter } from './zip';

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
    let zip: ZipWriter | undefined;
    try {
      zip = await ZipWriter.create(file, (name) => new PartTooLargeError(name));
      const written = new Set<string>();
      let total = 0;
      for await (const entry of source.eachEntry()) {
        // yauzl has turned backslashes to slashes and refused a name outside the package.
        const name = entry.fileName;
        const mtime = entry.getLastModDate();
        if (name.endsWith('/')) {
          await zip.directory(name, mtime);
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
        // A part changed whole is written as given; any other is made from the original's bytes as they unpack,
        // each checked against the CRC-32 its zip records.
        const bytesOf = async (): Promise<AsyncIterable<Buffer> | Buffer[]> => {
          if (Buffer.isBuffer(content)) return [content];
          return content(checkedAgainstCrc(name, entry, unpacked(name, entry, source)));
        };
        if (entry.compressionMethod !== 0) {
          await zip.deflated(name, mtime, await bytesOf());
          continue;
        }
        // A part stored uncompressed is stored again, whole, with its size and checksum before its data.
        const chunks: Buffer[] = [];
        for await (const chunk of await bytesOf()) chunks.push(chunk);
        await zip.stored(name, mtime, Buffer.concat(chunks));
      }
      const now = new Date();
      for (const [key, { name }] of [...this.texts, ...this.contents]) {
        if (written.has(key)) continue;
        const content = this.changed(key);
        if (!content) continue;
        await zip.deflated(name, now, Buffer.isBuffer(content) ? [content] : content(emptyPart()));
      }
      await zip.finish();
    } catch (error) {
      await zip?.close().catch(() => undefined);
      throw error;
    } finally {
      source.close();
    }
  }
}

const DEFLATED = 8;
/**
 * The pieces a copied part is handed on in: four times yauzl's 16 KB, and as little CPU as a megabyte; larger pieces
 * became text too large for V8's young generation, garbage kept until a full collection (30-50 MB more peak at 50,000
 * learners).
 */
const UNPACK_CHUNK_BYTES = 64 * 1024;
/**
 * The packed bytes given the inflater at a time, and the most it makes in one trip to the threadpool. Each trip's end
 * is seen only when the main thread turns the event loop, which it does when it waits; yauzl's 64 KB pieces, each
 * unpacked 64 KB a trip, made the inflate keep step with the patch, which waited for each in turn (0.3-0.8 s of
 * waiting in a write of 2 s at 50,000 learners, under load; 0.04-0.08 s with these). 96 KB of packed sheet makes
 * about a megabyte, one trip. Larger trips and more read ahead (4 MB) waited less still, but the buffers held cost a full collection more.
 */
const INFLATE_FEED_BYTES = 96 * 1024;
const INFLATE_TRIP_BYTES = 1024 * 1024;
/** How far the inflater runs ahead of the patch: the next trip is under way while one is patched. */
const UNPACK_AHEAD_BYTES = 1024 * 1024;

/**
 * A copied part's bytes as they unpack, UNPACK_CHUNK_BYTES at a time (yauzl's own inflater hands them over 16 KB at a
 * time: thousands of trips through the event loop for a large sheet, and more CPU), never more than its entry says.
 * A part stored, encrypted or packed otherwise is left to yauzl, which unpacks or refuses it as it always did.
 */
async function* unpacked(name: string, entry: yauzl.Entry, source: yauzl.ZipFile): AsyncIterable<Buffer> {
  if (entry.compressionMethod !== DEFLATED || entry.isEncrypted()) {
    yield* (await source.openReadStreamPromise(entry)) as AsyncIterable<Buffer>;
    return;
  }
  const raw = await source.openReadStreamPromise(entry, { decodeFileData: false });
  // Node's zlib streams pass their options on to the stream they are, though @types/node types only zlib's own.
  const options: zlib.ZlibOptions & TransformOptions = {
    chunkSize: INFLATE_TRIP_BYTES,
    readableHighWaterMark: UNPACK_AHEAD_BYTES,
  };
  const inflater = zlib.createInflateRaw(options);
  void feed(raw, inflater).catch((error: unknown) => inflater.destroy(error as Error));
  let size = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > entry.uncompressedSize) throw damaged(`part ${name} unpacks to more than the zip says`);
      for (let at = 0; at < chunk.length; at += UNPACK_CHUNK_BYTES)
        yield at === 0 && chunk.length <= UNPACK_CHUNK_BYTES ? chunk : chunk.subarray(at, at + UNPACK_CHUNK_BYTES);
    }
  } finally {
    raw.destroy();
    inflater.destroy();
  }
  if (size < entry.uncompressedSize) throw damaged(`part ${name} unpacks to less than the zip says`);
}

/** Gives the inflater the packed bytes in pieces of INFLATE_FEED_BYTES, as it takes them. */
async function feed(raw: AsyncIterable<Buffer>, inflater: zlib.InflateRaw): Promise<void> {
  let pieces: Buffer[] = [];
  let filled = 0;
  const give = async () => {
    const piece = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, filled);
    pieces = [];
    filled = 0;
    if (!inflater.write(piece)) await once(inflater, 'drain');
  };
  for await (const chunk of raw) {
    pieces.push(chunk);
    filled += chunk.length;
    if (filled >= INFLATE_FEED_BYTES) await give();
  }
  if (filled > 0) await give();
  inflater.end();
}

/** The bytes of a part the package did not have. */
async function* emptyPart(): AsyncIterable<Buffer> {}

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
