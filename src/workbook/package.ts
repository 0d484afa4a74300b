// An .xlsx/.xlsm package opened for reading: its parts listed from the zip's central directory and each one inflated
// only when asked for, with bounds on how far any part (and all of them together) may unpack, so a zip bomb is
// refused in seconds. Part names are as in OPC: no leading '/', compared without regard to case.
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { damaged, WorkbookFileError } from './errors';
import { XmlTokenizer } from './xml-tokenizer';
import { PartTextDecoder, XmlSyntaxError, type XmlHandler } from './xml-tokens';

export interface PackageLimits {
  /** Most bytes one part may unpack to. */
  partBytes: number;
  /** Most bytes all the parts read may unpack to together. */
  totalBytes: number;
}

/**
 * A cohort sheet of 10 million cells (the most sheet-size.ts lets through) is about 400 MB of XML: a part that
 * unpacks to more is no worksheet anyone made.
 */
export const DEFAULT_LIMITS: PackageLimits = { partBytes: 512 * 1024 * 1024, totalBytes: 1024 * 1024 * 1024 };

/**
 * A part that unpacks to more than this many times its packed size, once past PROPORTION_FLOOR_BYTES, is refused: the
 * XML of real sheets packs 5 to 30 times (the corpus's largest parts: at most 25), while a zip bomb's run of one byte
 * packs about 1,000 times. Refusing it costs nothing; unpacking it would cost seconds and hundreds of megabytes.
 */
export const PROPORTION_LIMIT = 200;
export const PROPORTION_FLOOR_BYTES = 16 * 1024 * 1024;

/** The refusal of a part whose unpacked size is out of proportion to its packed size, or null when it is not. */
export function outOfProportion(entry: yauzl.Entry): WorkbookFileError | null {
  const { uncompressedSize, compressedSize } = entry;
  if (uncompressedSize <= PROPORTION_FLOOR_BYTES || uncompressedSize <= compressedSize * PROPORTION_LIMIT) return null;
  const times = Math.round(uncompressedSize / Math.max(1, compressedSize)).toLocaleString('en-GB');
  return new WorkbookFileError(
    `cannot be read: its part ${partNameOf(entry.fileName)} unpacks to ${Math.round(uncompressedSize / MB).toLocaleString('en-GB')} MB, ${times} times its packed size, where real workbook parts pack at most ${PROPORTION_LIMIT} times (it may be a zip bomb)`,
  );
}

const MB = 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const STORED = 0;

/** A zip entry's name as an OPC part name: forward slashes, no leading slash. */
function partNameOf(entryName: string): string {
  return entryName.replace(/\\/g, '/').replace(/^\/+/, '');
}

/**
 * Why yauzl could not open the zip, in words: its messages are for programmers. They are yauzl's English, not
 * qualcheck's, and yauzl gives no codes, so its text is the only way to tell one failure from another.
 */
function zipProblem(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/end of central directory|central directory|truncated|out of range|EOF/i.test(text))
    return 'the file is cut short or its zip directory is broken';
  if (/multi-disk|spanned/i.test(text)) return 'it is a zip split across several files';
  if (/invalid characters|absolute path|relative path|file name/i.test(text))
    return 'a part has a name no workbook uses';
  return 'its zip structure is broken';
}

export class WorkbookPackage {
  /** Entries by lower-case part name, and by the name as written (which wins when a name is spelt exactly). */
  private readonly entries = new Map<string, yauzl.Entry>();
  private readonly exact = new Map<string, yauzl.Entry>();
  private bytesRead = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly limits: PackageLimits,
  ) {}

  /** Opens the package held in `bytes` (the caller has checked it starts as a zip does). */
  static async open(bytes: Buffer, limits: PackageLimits = DEFAULT_LIMITS): Promise<WorkbookPackage> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(withTrueCommentLength(bytes), {
        lazyEntries: true,
        autoClose: false,
        strictFileNames: false,
        validateEntrySizes: true,
      });
    } catch (error) {
      throw damaged(zipProblem(error));
    }
    const pkg = new WorkbookPackage(zip, limits);
    try {
      for await (const entry of zip.eachEntry()) {
        if (entry.fileName.endsWith('/')) continue;
        // Part names are equal without regard to case; where a zip holds two such, the first is the part.
        const name = partNameOf(entry.fileName);
        pkg.exact.set(name, entry);
        if (!pkg.entries.has(name.toLowerCase())) pkg.entries.set(name.toLowerCase(), entry);
      }
    } catch (error) {
      zip.close();
      throw damaged(zipProblem(error));
    }
    return pkg;
  }

  close(): void {
    this.zip.close();
  }

  /** Every part's name as the zip spells it. */
  partNames(): string[] {
    return [...this.exact.keys()];
  }

  has(part: string): boolean {
    return this.entries.has(partNameOf(part).toLowerCase());
  }

  /** The zip entry of a part, for a writer that copies it as stored. */
  entry(part: string): yauzl.Entry | undefined {
    const name = partNameOf(part);
    return this.exact.get(name) ?? this.entries.get(name.toLowerCase());
  }

  /** The part's bytes as stored in the zip, still compressed, with how they are compressed: to copy a part unchanged. */
  async rawBytes(part: string): Promise<{ entry: yauzl.Entry; data: Buffer }> {
    const entry = this.required(part);
    const stream = await this.zip.openReadStreamPromise(entry, { decodeFileData: false }).catch(() => {
      throw damaged(`part ${part} cannot be found where the zip says it is`);
    });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch {
      throw damaged(`part ${part} is cut short`);
    }
    return { entry, data: Buffer.concat(chunks) };
  }

  private required(part: string): yauzl.Entry {
    const entry = this.entry(part);
    if (!entry) throw damaged(`part ${partNameOf(part)} is missing`);
    return entry;
  }

  /** Calls `onChunk` with the part's bytes as they unpack. */
  async streamBytes(part: string, onChunk: (chunk: Buffer) => void): Promise<void> {
    const entry = this.required(part);
    const name = partNameOf(part);
    if (entry.isEncrypted()) {
      throw new WorkbookFileError(
        'is encrypted (a zip password); remove the password in the program that made it, save as .xlsx and try again',
      );
    }
    if (!entry.canDecodeFileData())
      throw damaged(`part ${name} is compressed in a way Excel does not use (method ${entry.compressionMethod})`);
    if (entry.uncompressedSize > this.limits.partBytes) throw this.tooLarge(name);
    const disproportion = outOfProportion(entry);
    if (disproportion) throw disproportion;
    if (this.bytesRead + entry.uncompressedSize > this.limits.totalBytes) throw this.tooLargeInTotal();
    // The packed bytes in the pieces yauzl cuts (slices of the file's bytes), taken as they come ('data'): an async
    // iterator joins the pieces waiting into a new buffer before they are joined into one (measured).
    const packed = await this.zip.openReadStreamPromise(entry, { decodeFileData: false }).catch(() => {
      throw damaged(`part ${name} cannot be found where the zip says it is`);
    });
    const raw: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      packed.on('data', (piece: Buffer) => raw.push(piece));
      packed.on('end', resolve);
      packed.on('error', reject);
    }).catch(() => {
      throw damaged(`part ${name} is cut short`);
    });
    let size = 0;
    let inHandler = false;
    const crc = new PartChecksum(name, entry);
    const take = (bytes: Buffer): void => {
      crc.add(bytes);
      size += bytes.length;
      this.bytesRead += bytes.length;
      if (size > entry.uncompressedSize) throw damaged(`part ${name} unpacks to more than the zip says`);
      if (size > this.limits.partBytes) throw this.tooLarge(name);
      if (this.bytesRead > this.limits.totalBytes) throw this.tooLargeInTotal();
      inHandler = true;
      onChunk(bytes);
      inHandler = false;
    };
    if (entry.compressionMethod === STORED) {
      const stored = Buffer.concat(raw);
      for (let at = 0; at < stored.length; at += CHUNK_BYTES) take(stored.subarray(at, at + CHUNK_BYTES));
    } else {
      // Large output chunks: the sheet is handed over in a few dozen pieces rather than thousands of 16 KB ones.
      // Each chunk is handed on as zlib gives it ('data'), not through an async iterator, which joins the chunks
      // waiting in the stream's buffer into a new one (a copy of the part, measured) and waits a promise per chunk.
      const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES });
      try {
        await new Promise<void>((resolve, reject) => {
          inflater.on('data', (chunk: Buffer) => {
            try {
              take(chunk);
            } catch (error) {
              reject(error);
              inflater.destroy();
            }
          });
          inflater.on('end', resolve);
          inflater.on('error', reject);
          // In one piece: zlib hands out a chunk per piece written, and 64 KB packs to well under CHUNK_BYTES.
          inflater.end(Buffer.concat(raw));
        });
      } catch (error) {
        inflater.destroy();
        // What the caller's handler threw (a tokenizer's syntax error, a sheet too large) passes through unchanged.
        if (inHandler || error instanceof WorkbookFileError) throw error;
        // zlib says "invalid distance too far back", "unexpected end of file": the data does not unpack.
        throw damaged(`part ${name} is corrupt and does not unpack`);
      }
    }
    if (size !== entry.uncompressedSize)
      throw damaged(
        `part ${name} unpacks to ${size < entry.uncompressedSize ? 'less' : 'more'} than the zip says (it is cut short or corrupt)`,
      );
    crc.check();
  }

  private tooLarge(name: string): WorkbookFileError {
    return new WorkbookFileError(
      `cannot be read: its part ${name} unpacks to more than ${this.limits.partBytes / MB} MB, far more than any real workbook part (it may be a zip bomb)`,
    );
  }

  private tooLargeInTotal(): WorkbookFileError {
    return new WorkbookFileError(
      `cannot be read: its parts unpack to more than ${this.limits.totalBytes / MB} MB together, far more than any real workbook (it may be a zip bomb)`,
    );
  }

  async readBytes(part: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.streamBytes(part, (chunk) => chunks.push(chunk));
    return Buffer.concat(chunks);
  }

  /** The part as text: UTF-8, or UTF-16 when it starts with a byte order mark or with `<` in UTF-16. */
  async readText(part: string): Promise<string> {
    let text = '';
    await this.streamText(part, (chunk) => {
      text += chunk;
    });
    return text;
  }

  /** Calls `onText` with the part's text as it unpacks and decodes (a BOM is dropped). */
  async streamText(part: string, onText: (text: string) => void): Promise<void> {
    const decoder = new PartTextDecoder();
    await this.streamBytes(part, (chunk) => {
      const text = decoder.decode(chunk);
      if (text.length > 0) onText(text);
    });
    const rest = decoder.end();
    if (rest.length > 0) onText(rest);
  }

  /** Streams the part through the XML tokenizer; a part that is not XML is named as the damage. */
  async readXml(part: string, handler: XmlHandler): Promise<void> {
    const tokenizer = new XmlTokenizer(handler);
    try {
      await this.streamText(part, (text) => tokenizer.write(text));
      tokenizer.end();
    } catch (error) {
      if (error instanceof XmlSyntaxError) throw damaged(`part ${partNameOf(part)} ${error.message}`);
      throw error;
    }
  }
}

/**
 * The CRC-32 of a part as it unpacks, against the one its zip entry records: a byte changed after the part was zipped
 * (a bit flipped on a disk or in a download) can leave XML that still parses, or parses to other values, so a mismatch
 * is damage, never read past. The sum is kept as the bytes pass, so the check costs no second pass and no memory.
 */
export class PartChecksum {
  private sum = 0;

  constructor(
    private readonly name: string,
    private readonly entry: yauzl.Entry,
  ) {}

  add(bytes: Buffer): void {
    this.sum = zlib.crc32(bytes, this.sum);
  }

  /** Throws the damage, naming the part, when every byte has passed and the sum is not the recorded one. */
  check(): void {
    if (this.sum >>> 0 !== this.entry.crc32 >>> 0)
      throw damaged(`part ${partNameOf(this.name)} fails its CRC-32 check: its bytes changed after it was zipped`);
  }
}

/** The part's unpacked bytes as they pass, checked against its CRC-32 when the last has passed. */
export async function* checkedAgainstCrc(
  name: string,
  entry: yauzl.Entry,
  bytes: AsyncIterable<Buffer>,
): AsyncIterable<Buffer> {
  const crc = new PartChecksum(name, entry);
  for await (const chunk of bytes) {
    crc.add(chunk);
    yield chunk;
  }
  crc.check();
}

const END_OF_DIRECTORY = 0x06054b50;
const END_OF_DIRECTORY_SIZE = 22;

/**
 * Some writers leave a wrong comment length in the zip's last record, which yauzl refuses but Excel, unzip and
 * Python's zipfile pass over: the length is set to the bytes that do follow, in a copy.
 */
export function withTrueCommentLength(bytes: Buffer): Buffer {
  const from = Math.max(0, bytes.length - END_OF_DIRECTORY_SIZE - 0xffff);
  for (let at = bytes.length - END_OF_DIRECTORY_SIZE; at >= from; at--) {
    if (bytes.readUInt32LE(at) !== END_OF_DIRECTORY) continue;
    const follows = bytes.length - at - END_OF_DIRECTORY_SIZE;
    if (bytes.readUInt16LE(at + 20) === follows) return bytes;
    const copy = Buffer.from(bytes);
    copy.writeUInt16LE(follows, at + 20);
    return copy;
  }
  return bytes;
}
