// A zip file written entry by entry (PKWARE's APPNOTE.TXT 6.3: local headers, data, central directory, end record),
// each entry's CRC-32 and sizes in its local header and no data descriptor: an entry's header is written before its
// data with those fields empty and filled in once the data has passed (in the buffer not yet written, or at its
// place in the file). yazl, which wrote the copies before, deflates every entry itself with one zlib stream; nothing
// in node_modules or the registry lists we keep takes data already deflated (archiver's zip-stream and yazl both
// compress what they are given), and a part deflated in blocks on several cores must be handed over deflated.
// The fields are written as yazl wrote them (UTF-8 names, Unix modes, the Info-ZIP time in the central directory),
// so readers see what they saw. No zip64: a copy within package.ts's limits stays far below 4 GB and 65,535 entries.
import { promises as fs } from 'node:fs';
import zlib from 'node:zlib';
import { deflatedInBlocks, type DeflatedSums } from './chunked-deflate';

const STORED = 0;
const DEFLATED = 8;
/** The largest size or offset a zip without zip64 holds (0xffffffff itself says "see zip64"). */
const MOST_BYTES = 0xfffffffe;
const MOST_ENTRIES = 0xffff;
/** Bytes gathered before a write to the file: the many small parts of a package go in a few writes. */
const WRITE_BYTES = 1024 * 1024;
/**
 * Writes to the file under way at once. Each goes to its own place in the file, so none waits for another, and the
 * deflate of the part behind them is not held up by a trip to the threadpool and back for each.
 */
const WRITES_IN_FLIGHT = 2;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_OF_DIRECTORY_BYTES = 22;
/** Version 2.0: deflate and folders. */
const VERSION_NEEDED = 20;
/** Made on Unix (3), by a writer of APPNOTE 6.3, so the external attributes are read as a Unix mode. */
const VERSION_MADE_BY = (3 << 8) | 63;
/** General purpose bit 11: the name is UTF-8. */
const UTF8_NAME = 1 << 11;
const FILE_MODE = 0o100664;
const DIRECTORY_MODE = 0o40775;
/** The Info-ZIP extended timestamp field ("UT"): the modification time in whole seconds since 1970, UTC. */
const UNIX_TIME_FIELD = 0x5455;
const UNIX_TIME_FIELD_BYTES = 9;

interface Entry {
  name: Buffer;
  mtime: Date;
  method: number;
  mode: number;
  crc32: number;
  compressedSize: number;
  size: number;
  offset: number;
  /** The local header, still in the buffer or already at `offset` in the file. */
  header: Buffer;
}

export class ZipWriter {
  private readonly entries: Entry[] = [];
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private written = 0;
  /** Writes to the file not yet known to have ended, oldest first. */
  private writing: Promise<void>[] = [];

  /** `tooLarge` makes the error for an entry that would pass what a zip without zip64 holds. */
  private constructor(
    private readonly file: fs.FileHandle,
    private readonly tooLarge: (name: string) => Error,
  ) {}

  static async create(path: string, tooLarge: (name: string) => Error): Promise<ZipWriter> {
    return new ZipWriter(await fs.open(path, 'w'), tooLarge);
  }

  async directory(name: string, mtime: Date): Promise<void> {
    const entry = await this.begin(name.endsWith('/') ? name : `${name}/`, mtime, STORED, DIRECTORY_MODE);
    await this.end(entry, { crc32: 0, size: 0, compressedSize: 0 });
  }

  /** An entry stored as it is. */
  async stored(name: string, mtime: Date, data: Buffer): Promise<void> {
    const entry = await this.begin(name, mtime, STORED, FILE_MODE);
    await this.put(data);
    await this.end(entry, { crc32: zlib.crc32(data), size: data.length, compressedSize: data.length });
  }

  /** An entry deflated from its bytes as they come, on several cores for a large one. */
  async deflated(name: string, mtime: Date, content: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<void> {
    const entry = await this.begin(name, mtime, DEFLATED, FILE_MODE);
    const sums: DeflatedSums = { crc32: 0, size: 0, compressedSize: 0 };
    for await (const piece of deflatedInBlocks(content, sums)) {
      if (sums.size > MOST_BYTES || sums.compressedSize > MOST_BYTES) throw this.tooLarge(name);
      await this.put(piece);
    }
    await this.end(entry, sums);
  }

  /** Writes the central directory and the end record, and closes the file. */
  async finish(): Promise<void> {
    const start = this.offset();
    for (const entry of this.entries) await this.put(centralHeader(entry));
    const size = this.offset() - start;
    if (start > MOST_BYTES || size > MOST_BYTES) throw this.tooLarge('the zip directory');
    const end = Buffer.alloc(END_OF_DIRECTORY_BYTES);
    end.writeUInt32LE(END_OF_DIRECTORY, 0);
    // Disk numbers (4, 6) are 0: one file.
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(size, 12);
    end.writeUInt32LE(start, 16);
    // No comment (20).
    await this.put(end);
    await this.flush();
    await this.settled();
    await this.file.close();
  }

  /** Closes the file, finished or not (the caller removes a file left unfinished). */
  async close(): Promise<void> {
    await this.settled().catch(() => undefined);
    await this.file.close();
  }

  private offset(): number {
    return this.written + this.bufferedBytes;
  }

  private async begin(name: string, mtime: Date, method: number, mode: number): Promise<Entry> {
    const offset = this.offset();
    if (offset > MOST_BYTES || this.entries.length >= MOST_ENTRIES) throw this.tooLarge(name);
    const utf8 = Buffer.from(name, 'utf8');
    if (utf8.length > 0xffff) throw this.tooLarge(name);
    const header = Buffer.alloc(LOCAL_HEADER_BYTES + utf8.length);
    const { date, time } = dosDateTime(mtime);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION_NEEDED, 4);
    header.writeUInt16LE(UTF8_NAME, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    // CRC-32 (14), compressed (18) and unpacked size (22) are filled in by end().
    header.writeUInt16LE(utf8.length, 26);
    // No extra field (28).
    utf8.copy(header, LOCAL_HEADER_BYTES);
    const entry: Entry = { name: utf8, mtime, method, mode, crc32: 0, compressedSize: 0, size: 0, offset, header };
    await this.put(header);
    return entry;
  }

  private async end(entry: Entry, sums: DeflatedSums): Promise<void> {
    const name = entry.name.toString('utf8');
    if (sums.size > MOST_BYTES || sums.compressedSize > MOST_BYTES) throw this.tooLarge(name);
    Object.assign(entry, { crc32: sums.crc32 >>> 0, size: sums.size, compressedSize: sums.compressedSize });
    entry.header.writeUInt32LE(entry.crc32, 14);
    entry.header.writeUInt32LE(entry.compressedSize, 18);
    entry.header.writeUInt32LE(entry.size, 22);
    // Still buffered, the header goes out as filled in; written already, it is written again in its place, once the
    // write that put it there empty has ended (it would otherwise race this one).
    if (entry.offset < this.written) {
      await this.settled();
      await this.writeAt(entry.header, entry.offset);
    }
    this.entries.push(entry);
  }

  private async put(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    this.buffered.push(bytes);
    this.bufferedBytes += bytes.length;
    if (this.bufferedBytes >= WRITE_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.bufferedBytes === 0) return;
    const bytes = this.buffered.length === 1 ? this.buffered[0] : Buffer.concat(this.buffered, this.bufferedBytes);
    this.buffered = [];
    this.bufferedBytes = 0;
    const write = this.writeAt(bytes, this.written);
    // Awaited in turn; a failure met before its turn is not left unhandled meanwhile.
    write.catch(() => undefined);
    this.writing.push(write);
    this.written += bytes.length;
    while (this.writing.length > WRITES_IN_FLIGHT) await this.writing.shift();
  }

  /** Waits for every write under way; the first failure among them is thrown. */
  private async settled(): Promise<void> {
    while (this.writing.length > 0) await this.writing.shift();
  }

  private async writeAt(bytes: Buffer, position: number): Promise<void> {
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.file.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  }
}

function centralHeader(entry: Entry): Buffer {
  const record = Buffer.alloc(CENTRAL_HEADER_BYTES + entry.name.length + UNIX_TIME_FIELD_BYTES);
  const { date, time } = dosDateTime(entry.mtime);
  record.writeUInt32LE(CENTRAL_HEADER, 0);
  record.writeUInt16LE(VERSION_MADE_BY, 4);
  record.writeUInt16LE(VERSION_NEEDED, 6);
  record.writeUInt16LE(UTF8_NAME, 8);
  record.writeUInt16LE(entry.method, 10);
  record.writeUInt16LE(time, 12);
  record.writeUInt16LE(date, 14);
  record.writeUInt32LE(entry.crc32, 16);
  record.writeUInt32LE(entry.compressedSize, 20);
  record.writeUInt32LE(entry.size, 24);
  record.writeUInt16LE(entry.name.length, 28);
  record.writeUInt16LE(UNIX_TIME_FIELD_BYTES, 30);
  // No comment (32), disk 0 (34), no internal attributes (36).
  record.writeUInt32LE((entry.mode << 16) >>> 0, 38);
  record.writeUInt32LE(entry.offset, 42);
  entry.name.copy(record, CENTRAL_HEADER_BYTES);
  // The "UT" field: its data is 5 bytes, flags (modification and access time said present, as Info-ZIP sets them;
  // the central copy carries the modification time alone) and the time.
  const field = CENTRAL_HEADER_BYTES + entry.name.length;
  record.writeUInt16LE(UNIX_TIME_FIELD, field);
  record.writeUInt16LE(UNIX_TIME_FIELD_BYTES - 4, field + 2);
  record.writeUInt8(0b11, field + 4);
  record.writeInt32LE(Math.min(0x7fffffff, Math.max(-0x80000000, Math.floor(entry.mtime.getTime() / 1000))), field + 5);
  return record;
}

const FIRST_DOS_DATE = new Date(1980, 0, 1);
const LAST_DOS_DATE = new Date(2107, 11, 31, 23, 59, 58);

/** The MS-DOS date and time of the local headers: local time, two-second steps, 1980 to 2107. */
function dosDateTime(mtime: Date): { date: number; time: number } {
  const at = mtime < FIRST_DOS_DATE ? FIRST_DOS_DATE : mtime > LAST_DOS_DATE ? LAST_DOS_DATE : mtime;
  return {
    date: at.getDate() | ((at.getMonth() + 1) << 5) | ((at.getFullYear() - 1980) << 9),
    time: Math.floor(at.getSeconds() / 2) | (at.getMinutes() << 5) | (at.getHours() << 11),
  };
}
