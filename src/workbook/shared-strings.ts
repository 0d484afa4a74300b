// The shared string table: every `<si>` item's text, in order, for cells of type `s` to index.
import type { WorkbookPackage } from './package';
import { TextRuns } from './text-runs';
import { tokenizePart } from './xml-tokenizer';

export async function readSharedStrings(pkg: WorkbookPackage, part: string): Promise<string[]> {
  const strings: string[] = [];
  const runs = new TextRuns();
  let inItem = false;
  await tokenizePart(part, (onChunk) => pkg.streamBytes(part, onChunk), {
    open(tag) {
      if (tag.name === 'si') {
        if (tag.selfClosing) strings.push('');
        else inItem = true;
      } else if (inItem) runs.open(tag);
    },
    close(tag) {
      if (tag.name === 'si') {
        strings.push(runs.take());
        inItem = false;
      } else if (inItem) runs.close(tag);
    },
    text(text) {
      if (inItem) runs.text(text);
    },
  });
  return strings;
}
