// A part deflated on several cores at once, as pigz does: its bytes are cut into blocks, each block is deflated on its
// own in Node's threadpool with the 32 KB before it as its dictionary (so a match may still reach back across the cut)
// and ended with a sync flush (an empty stored block that leaves the output on a byte boundary and the stream open),
// the last one finished. The blocks' outputs, one after another, are one valid deflate stream (RFC 1951: a stream is
// a run of blocks, the last marked final), which unpacks to the part's bytes exactly. One zlib stream on the main
// part of a large sheet was the bottleneck of a checked copy: one core deflated while the other waited.
import os from 'node:os';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** Bytes deflated per block: large enough that a block's set-up is nothing, small enough to keep several in flight. */
export const BLOCK_BYTES = 1024 * 1024;
/** A block this small is deflated on the main thread. */
const SMALL_BYTES = 64 * 1024;
/** How far back deflate may reach for a match (RFC 1951, 3.2.5): the dictionary of each block. */
const WINDOW_BYTES = 32 * 1024;
/**
 * Blocks deflated at once: one per core, and never all of libuv's four threads, so the inflate of the part being
 * copied (and file writes) still find one free.
 */
const IN_FLIGHT = Math.max(2, Math.min(os.availableParallelism(), 3));
/** Level 6, zlib's default and what the copies were always written with. */
const LEVEL = 6;

const deflateRaw = promisify(zlib.deflateRaw) as (data: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>;

/** What a part came to once all its bytes have passed: for its zip entry. */
export interface DeflatedSums {
  crc32: number;
  size: number;
  compressedSize: number;
}

/**
 * The raw deflate stream of `input`'s bytes, yielded in order as its blocks finish; `sums` holds the part's CRC-32
 * and sizes when the last piece has been yielded. IN_FLIGHT blocks are deflated while the next one fills: a block is
 * waited for only when another is full and would pass that number, so the threadpool's cores and the thread making
 * `input` (a sheet being patched) work at once. What has finished, in order, is yielded before more is read. At most
 * IN_FLIGHT blocks and the one filling are held, so a part streamed from its source stays streamed.
 */
export async function* deflatedInBlocks(
  input: AsyncIterable<Buffer> | Iterable<Buffer>,
  sums: DeflatedSums,
): AsyncIterable<Buffer> {
  const pending: Block[] = [];
  let pieces: Buffer[] = [];
  let filled = 0;
  let window: Buffer | undefined;
  const launch = (last: boolean): void => {
    const block = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, filled);
    const options: zlib.ZlibOptions = { level: LEVEL };
    if (window) options.dictionary = window;
    if (!last) options.finishFlush = zlib.constants.Z_SYNC_FLUSH;
    // A small block (a small part, or a large one's tail) is deflated on the spot: a trip to the threadpool and back
    // costs more than that, and a package's hundreds of small parts made hundreds of such trips.
    const entry: Block = { deflated: undefined, done: undefined as unknown as Promise<Buffer> };
    entry.done =
      block.length < SMALL_BYTES ? Promise.resolve(zlib.deflateRawSync(block, options)) : deflateRaw(block, options);
    // Noted when it comes, so a finished block is passed on without waiting; awaited in turn below, and a failure met
    // before its turn (the input failed first) is not left unhandled.
    entry.done.then(
      (bytes) => (entry.deflated = bytes),
      () => undefined,
    );
    pending.push(entry);
    // Every block but the last is full, so its own tail is the whole window the next one needs.
    window = block.subarray(Math.max(0, block.length - WINDOW_BYTES));
    pieces = [];
    filled = 0;
  };
  for await (const chunk of input) {
    sums.crc32 = zlib.crc32(chunk, sums.crc32);
    sums.size += chunk.length;
    for (let at = 0; at < chunk.length;) {
      const take = Math.min(BLOCK_BYTES - filled, chunk.length - at);
      pieces.push(at === 0 && take === chunk.length ? chunk : chunk.subarray(at, at + take));
      filled += take;
      at += take;
      if (filled < BLOCK_BYTES) continue;
      while (pending.length >= IN_FLIGHT) yield counted(await pending.shift()?.done, sums);
      launch(false);
    }
    while (pending.length > 0 && pending[0].deflated) yield counted(pending.shift()?.deflated, sums);
  }
  // The final block, empty when the bytes end on a block's edge (deflate then writes an empty final block).
  launch(true);
  while (pending.length > 0) yield counted(await pending.shift()?.done, sums);
}

/** A block being deflated; `deflated` once it has been. */
interface Block {
  done: Promise<Buffer>;
  deflated: Buffer | undefined;
}

function counted(deflated: Buffer | undefined, sums: DeflatedSums): Buffer {
  const bytes = deflated ?? Buffer.alloc(0);
  sums.compressedSize += bytes.length;
  return bytes;
}
