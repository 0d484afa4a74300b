// styles.xml gains only the differential formats (dxf) qualcheck's conditional formats point at. A dxf that is already
// there, written the same way, is reused, so checking a checked copy again leaves styles.xml as it is.
import { escapeAttribute, opened, rootElement, withAttribute, type ElementSpan } from './xml-elements';

/** A fill and a font colour, `#RRGGBB`. */
export interface DifferentialFormat {
  fill: string;
  font: string;
}

// What precedes <dxfs> in CT_Stylesheet (ECMA-376 Part 1, 18.8.39), so a new one goes at the schema's place.
const BEFORE_DXFS = new Set(['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles']);

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** A dxf as Excel itself writes its preset "fill with dark text" formats. */
function dxfXml(format: DifferentialFormat, p: string): string {
  const color = escapeAttribute(argb(format.font));
  const fill = escapeAttribute(argb(format.fill));
  return `<${p}dxf><${p}font><${p}color rgb="${color}"/></${p}font><${p}fill><${p}patternFill><${p}bgColor rgb="${fill}"/></${p}patternFill></${p}fill></${p}dxf>`;
}

/** A dxf's text with prefixes and the whitespace between tags taken out, to tell two written alike. */
function comparable(text: string): string {
  return text.replace(/>\s+</g, '><').replace(/<(\/?)[A-Za-z_][\w.-]*:/g, '<$1');
}

/**
 * styles.xml with the given formats present in its <dxfs>, and the dxf index of each. Everything else keeps its bytes.
 */
export function withDifferentialFormats(
  styles: string,
  formats: readonly DifferentialFormat[],
): { xml: string; ids: number[] } {
  const root = rootElement(styles);
  const p = root.prefix;
  const children = root.children;
  const dxfs = children.find((c) => c.local === 'dxfs');
  const existing = dxfs
    ? dxfs.children.filter((c) => c.local === 'dxf').map((c) => comparable(styles.slice(c.start, c.end)))
    : [];
  const added: string[] = [];
  const ids = formats.map((format) => {
    const xml = dxfXml(format, p);
    const found = existing.indexOf(comparable(xml));
    if (found >= 0) return found;
    existing.push(comparable(xml));
    added.push(xml);
    return existing.length - 1;
  });
  if (added.length === 0) return { xml: styles, ids };
  if (dxfs) return { xml: spliceInto(styles, dxfs, added.join(''), existing.length), ids };
  const after = [...children].reverse().find((c) => BEFORE_DXFS.has(c.local));
  const block = `<${p}dxfs count="${existing.length}">${added.join('')}</${p}dxfs>`;
  if (root.selfClosing) {
    // An empty stylesheet (<styleSheet/>, as some writers leave it) is opened to hold the dxfs.
    const open = opened(styles, root);
    return {
      xml:
        styles.slice(0, root.start) +
        open.text.slice(0, open.contentEnd) +
        block +
        open.text.slice(open.contentEnd) +
        styles.slice(root.end),
      ids,
    };
  }
  const at = after ? after.end : root.openEnd;
  return { xml: styles.slice(0, at) + block + styles.slice(at), ids };
}

function spliceInto(xml: string, span: ElementSpan, content: string, count: number): string {
  const open = opened(xml, span);
  const tagLength = span.selfClosing ? open.contentEnd : span.openEnd - span.start;
  const tag = withAttribute(open.text.slice(0, tagLength), 'count', String(count));
  return (
    xml.slice(0, span.start) +
    tag +
    open.text.slice(tagLength, open.contentEnd) +
    content +
    open.text.slice(open.contentEnd) +
    xml.slice(span.end)
  );
}
