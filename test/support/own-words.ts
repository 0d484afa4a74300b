// Finds code that reads qualcheck's own sentences back: a regular expression, or a string a text is searched for or
// replaced by, holding a run of two or more words that the code's own string literals also say. Results are data and
// words are made where they are shown (README), so such a match means a sentence is being re-read for its meaning.
// Parsing what a person types (refs, dates, ULNs, "Unit 4", "Level 2", cell addresses) matches single words and
// symbols, not our phrases, and is left alone.
import ts from 'typescript';

/** Each run of two or more consecutive words within `run`, in lower case: "your rules" in "from your rules". */
function phrases(run: string): string[] {
  const words = run.toLowerCase().split(' ');
  const out: string[] = [];
  for (let from = 0; from < words.length - 1; from++)
    for (let to = from + 2; to <= words.length; to++) out.push(words.slice(from, to).join(' '));
  return out;
}

/** A pattern found to read the code's own words: where, what the pattern is, and the phrase it shares. */
export interface OwnWordsMatch {
  file: string;
  line: number;
  pattern: string;
  phrase: string;
}

/** Methods whose first argument is what a text is searched for, or what in it is replaced. */
const SEARCHES = new Set([
  'replace',
  'replaceAll',
  'includes',
  'startsWith',
  'endsWith',
  'indexOf',
  'lastIndexOf',
  'match',
  'matchAll',
  'search',
  'split',
]);

/** A run of two or more words joined by single spaces. */
const WORD_RUN = /[A-Za-z]+(?: [A-Za-z]+)+/g;

/** The literal text of a regular expression's source, with its syntax turned into breaks between runs. */
function regexText(source: string): string {
  return source
    .replace(/\\[pPu]\{[^}]*\}|\\./g, '|')
    .replace(/\[(?:\\.|[^\]\\])*\]/g, '|')
    .replace(/\(\?(?:[:=!]|<[=!]|<[A-Za-z]\w*>)/g, '|')
    .replace(/\{\d+(?:,\d*)?\}/g, '|')
    .replace(/[()|?*+^$.]/g, '|');
}

interface Pattern {
  node: ts.Node;
  /** The pattern as written, for the report. */
  shown: string;
  /** The text its runs of words are taken from. */
  text: string;
}

function templatePieces(node: ts.TemplateExpression): string[] {
  return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
}

function isStringLike(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

/** The patterns of one file, and the texts of its other string literals (what the code says). */
function scan(source: ts.SourceFile): { patterns: Pattern[]; said: string[] } {
  const patterns: Pattern[] = [];
  const said: string[] = [];
  const asPattern = new Set<ts.Node>();
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const source = node.text.slice(1, node.text.lastIndexOf('/'));
      patterns.push({ node, shown: node.text, text: regexText(source) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.arguments?.[0] !== undefined) {
      const [first] = node.arguments;
      const callee = node.expression;
      const isRegExp = ts.isIdentifier(callee) && callee.text === 'RegExp';
      const isSearch = ts.isPropertyAccessExpression(callee) && SEARCHES.has(callee.name.text);
      if (isRegExp && isStringLike(first)) {
        patterns.push({ node: first, shown: first.getText(source), text: regexText(first.text) });
        asPattern.add(first);
      } else if (isRegExp && ts.isTemplateExpression(first)) {
        patterns.push({
          node: first,
          shown: first.getText(source),
          text: templatePieces(first).map(regexText).join('|'),
        });
        asPattern.add(first);
      } else if (isSearch && isStringLike(first)) {
        patterns.push({ node: first, shown: first.getText(source), text: first.text });
        asPattern.add(first);
      }
    }
    if (!asPattern.has(node)) {
      if (isStringLike(node)) said.push(node.text);
      else if (ts.isTemplateExpression(node)) said.push(...templatePieces(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { patterns, said };
}

/**
 * The patterns in `files` (path and text) that share a run of words with the string literals of all of them: the
 * sentences qualcheck writes somewhere, read back somewhere.
 */
export function ownWordsMatches(files: readonly { file: string; text: string }[]): OwnWordsMatch[] {
  const scanned = files.map(({ file, text }) => {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    return { file, source, ...scan(source) };
  });
  const said = scanned.flatMap((s) => s.said).map((t) => t.toLowerCase());
  const matches: OwnWordsMatch[] = [];
  for (const { file, source, patterns } of scanned) {
    for (const pattern of patterns) {
      const phrase = (pattern.text.match(WORD_RUN) ?? [])
        .flatMap(phrases)
        .find((run) => said.some((text) => text.includes(run)));
      if (phrase === undefined) continue;
      const { line } = source.getLineAndCharacterOfPosition(pattern.node.getStart(source));
      matches.push({ file, line: line + 1, pattern: pattern.shown, phrase });
    }
  }
  return matches;
}
