// The streaming XML tokenizer: the same tokens however the text is cut into chunks, offsets that give back the
// source of each token (what a writer patching a sheet copies around), and a clear line for text that is not XML.
import assert from 'node:assert/strict';
import { XmlTokenizer, tokenizeXml } from '../src/workbook/xml-tokenizer';
import { PartTextDecoder, XmlSyntaxError } from '../src/workbook/xml-tokens';

type Token = [kind: string, name: string, detail: string, start: number, end: number];

function tokens(chunks: string[]): Token[] {
  const found: Token[] = [];
  const tokenizer = new XmlTokenizer({
    open: (t) =>
      found.push([
        'open',
        t.prefix ? `${t.prefix}:${t.name}` : t.name,
        JSON.stringify(t.attributes) + (t.selfClosing ? '/' : ''),
        t.start,
        t.end,
      ]),
    close: (t) => found.push(['close', t.name, '', t.start, t.end]),
    text: (t) => found.push(['text', '', t.text, t.start, t.end]),
  });
  for (const chunk of chunks) tokenizer.write(chunk);
  tokenizer.end();
  return joinedTexts(found);
}

/** A text may come in pieces where a chunk ends (handlers join them): the pieces of one text, joined. */
function joinedTexts(found: Token[]): Token[] {
  const joined: Token[] = [];
  for (const token of found) {
    const last = joined[joined.length - 1];
    if (token[0] === 'text' && last?.[0] === 'text' && last[4] === token[3])
      joined[joined.length - 1] = ['text', '', last[2] + token[2], last[3], token[4]];
    else joined.push(token);
  }
  return joined;
}

const SAMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\r\n<!-- made by hand --><x:worksheet xmlns:x="urn:main" xmlns:r="urn:r">' +
  '<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve">a &amp; b &#x1F61C;\r\nc</x:t></x:is></x:c>' +
  '<x:c r="B1" r:id="q&quot;>" /><x:c r="C1"><x:v><![CDATA[1<2]]></x:v></x:c></x:row></x:sheetData></x:worksheet>\n';

describe('XML tokenizer', () => {
  it('gives local names, decoded attributes and text, and offsets that cut the source at each token', () => {
    const found = tokens([SAMPLE]);
    const opens = found.filter((t) => t[0] === 'open').map((t) => [t[1], t[2]]);
    assert.deepEqual(opens.slice(0, 5), [
      ['x:worksheet', '{}'],
      ['x:sheetData', '{}'],
      ['x:row', '{"r":"1"}'],
      ['x:c', '{"r":"A1","t":"inlineStr"}'],
      ['x:is', '{}'],
    ]);
    assert.deepEqual(opens[6], ['x:c', '{"r":"B1","id":"q\\">"}/']);
    const texts = found.filter((t) => t[0] === 'text').map((t) => t[2]);
    assert.deepEqual(texts, ['a & b 😜\nc', '1<2']);
    for (const [kind, , , start, end] of found) {
      const source = SAMPLE.slice(start, end);
      if (kind === 'open' || kind === 'close') assert.match(source, /^<[^]*>$/);
    }
    const cell = found.find((t) => t[0] === 'open' && t[2].includes('B1'));
    assert.equal(SAMPLE.slice(cell?.[3], cell?.[4]), '<x:c r="B1" r:id="q&quot;>" />');
  });

  it('gives the same tokens however the text is cut into chunks', () => {
    const whole = tokens([SAMPLE]);
    for (let cut = 1; cut < SAMPLE.length; cut++) {
      assert.deepEqual(tokens([SAMPLE.slice(0, cut), SAMPLE.slice(cut)]), whole, `cut at ${cut}`);
    }
    assert.deepEqual(tokens(SAMPLE.split('')), whole);
  });

  for (const [what, text, reason] of [
    ['text that is no XML', 'PK\u0003\u0004 binary', /text before the first element/],
    ['a part cut short', '<a><b>text', /ends before <b> is closed/],
    ['a tag cut short', '<a><b attr="1', /ends in the middle of a tag/],
    ['crossed tags', '<a><b></a></b>', /<\/a> where <\/b> was expected/],
    ['an unquoted attribute', '<a b=1/>', /attribute b in <a> is not quoted/],
    ['two roots', '<a/><b/>', /a second root element <b>/],
  ] as const) {
    it(`refuses ${what} with a line that says so`, () => {
      assert.throws(
        () => tokenizeXml(text, {}),
        (error: Error) =>
          error instanceof XmlSyntaxError && reason.test(error.message) && !error.message.includes('\n'),
      );
    });
  }

  it('passes a long run of text on as it comes, holding none of it for the next chunk (a zip bomb of white space)', () => {
    let received = 0;
    const tokenizer = new XmlTokenizer({ text: (t) => (received += t.text.length) });
    tokenizer.write('<sheetData>');
    const run = ' '.repeat(64 * 1024);
    for (let k = 1; k <= 256; k++) {
      tokenizer.write(run);
      // Held text would be searched again with every chunk: quadratic in the run's length.
      assert.equal(received, k * run.length, `after chunk ${k}`);
    }
    tokenizer.write('a &am');
    assert.equal(received, 256 * run.length + 2, 'a reference the chunk cut waits for the rest of it');
    tokenizer.write('p; b</sheetData>');
    tokenizer.end();
    assert.equal(received, 256 * run.length + 5, 'a &amp; b reads as a & b');
  });

  it('skips a document type declaration without expanding what it declares', () => {
    const texts: string[] = [];
    tokenizeXml('<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>', { text: (t) => texts.push(t.text) });
    assert.deepEqual(texts, ['&x;']);
  });

  describe("a part's bytes as text", () => {
    function decoded(bytes: Buffer, cuts: number[]): string {
      const decoder = new PartTextDecoder();
      let text = '';
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        text += decoder.decode(bytes.subarray(from, cut));
        from = cut;
      }
      return text + decoder.end();
    }

    const utf8 = Buffer.from('<a>Zoë 😜 – ok</a>', 'utf8');
    const cases: [string, Buffer, string][] = [
      ['ASCII', Buffer.from('<a b="1">x</a>'), 'utf-8'],
      ['UTF-8 with sequences of 2, 3 and 4 bytes', utf8, 'utf-8'],
      ['UTF-8 after a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), 'utf-8'],
      // Bytes no UTF-8 writer makes: a sequence cut short, a lone continuation byte, a lead byte at the end.
      ['broken UTF-8', Buffer.from([0x3c, 0x61, 0x3e, 0xe2, 0x80, 0x41, 0x80, 0xf0, 0x9f, 0x98, 0xc3]), 'utf-8'],
      [
        'UTF-16 little-endian',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>Zoë</a>', 'utf16le')]),
        'utf-16le',
      ],
      ['UTF-16 without a byte order mark', Buffer.from('<a>Zoë</a>', 'utf16le'), 'utf-16le'],
      ['one byte', Buffer.from('<'), 'utf-8'],
    ];
    for (const [what, bytes, encoding] of cases) {
      it(`reads ${what} as TextDecoder does, however the bytes are cut`, () => {
        const expected = new TextDecoder(encoding).decode(bytes);
        assert.equal(decoded(bytes, []), expected);
        for (let cut = 0; cut <= bytes.length; cut++) assert.equal(decoded(bytes, [cut]), expected, `cut at ${cut}`);
        for (let cut = 0; cut + 2 <= bytes.length; cut++)
          assert.equal(decoded(bytes, [cut, cut + 1, cut + 2]), expected, `cut at ${cut}, ${cut + 1}, ${cut + 2}`);
      });
    }

    // An ASCII chunk's unused end waits as bytes, others' as text: both, and a chunk of one kind after the other.
    const ACCENTED = SAMPLE.replace('made by hand', 'fait à la main').replace('a &amp; b', 'Zoë &amp; b');
    for (const [what, sample] of [
      ['ASCII', SAMPLE],
      ['with UTF-8 sequences', ACCENTED],
    ]) {
      it(`gives the tokenizer the same tokens from bytes as from their text: ${what}, cut anywhere`, () => {
        const bytes = Buffer.from(sample, 'utf8');
        const expected: string[] = [];
        for (const t of tokens([sample]))
          if (t[0] !== 'close') expected.push(t[0] === 'open' ? `${t[1].replace(/^x:/, '')}@${t[3]}` : t[2]);
        for (let cut = 0; cut <= bytes.length; cut++) {
          for (const second of [cut, Math.min(bytes.length, cut + 5), Math.min(bytes.length, cut + 40)]) {
            const found: string[] = [];
            const tokenizer = new XmlTokenizer({
              open: (t) => found.push(`${t.name}@${t.start}`),
              text: (t) => found.push(t.text),
            });
            tokenizer.writeBytes(bytes.subarray(0, cut));
            tokenizer.writeBytes(bytes.subarray(cut, second));
            tokenizer.writeBytes(bytes.subarray(second));
            tokenizer.end();
            assert.deepEqual(joinedStrings(found), expected, `cut at ${cut} and ${second}`);
          }
        }
      });
    }
  });
});

/** Texts in pieces joined: consecutive entries not naming a tag. */
function joinedStrings(found: string[]): string[] {
  const joined: string[] = [];
  let previousText = false;
  for (const entry of found) {
    const isTag = /^[a-zA-Z]+@\d+$/.test(entry);
    if (!isTag && previousText) joined[joined.length - 1] += entry;
    else joined.push(entry);
    previousText = !isTag;
  }
  return joined;
}
