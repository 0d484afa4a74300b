// The text of a shared or inline string: every `<t>` of the item, plain or in rich-text runs, in order, but not the
// phonetic guide (`<rPh>`, furigana), which Excel shows above the text rather than in it.
import type { XmlCloseTag, XmlOpenTag, XmlText } from './xml-tokens';

const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

/** OOXML writes characters XML cannot hold (a carriage return, a control character) as `_xHHHH_`. */
export function unescapeXstring(text: string): string {
  if (text.indexOf('_x') === -1) return text;
  return text.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Collects a string item's text between its opening and closing tag (`<si>`, `<is>`). */
export class TextRuns {
  private parts: string[] = [];
  private inText = false;
  private phonetic = 0;

  open(tag: XmlOpenTag): void {
    if (tag.name === 'rPh') {
      if (!tag.selfClosing) this.phonetic++;
    } else if (tag.name === 't' && this.phonetic === 0 && !tag.selfClosing) {
      this.inText = true;
    }
  }

  close(tag: XmlCloseTag): void {
    if (tag.name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
    else if (tag.name === 't') this.inText = false;
  }

  text(text: XmlText): void {
    if (this.inText) this.parts.push(text.text);
  }

  /** The text so far, and a fresh start for the next item. */
  take(): string {
    const text = this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    this.parts = [];
    this.inText = false;
    this.phonetic = 0;
    return unescapeXstring(text);
  }
}
