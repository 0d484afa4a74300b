// The zip writer of the checked copy: entries with their sizes before their data, large parts deflated in blocks on
// several cores.
export { ZipWriter } from './zip-writer';
export { BLOCK_BYTES, deflatedInBlocks, type DeflatedSums } from './chunked-deflate';
