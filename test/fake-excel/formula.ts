// Enough of Excel's formula language to evaluate conditional-format formulas in the fake host: cell references
// (relative or $-anchored), text and number literals, &, = and <>, and AND, OR, NOT, ISNUMBER, ISBLANK, FIND, SEARCH.
// Relative references move with the cell, counted from the format's top-left cell, as in Excel.

export type FormulaValue = string | number | boolean | { error: string };

interface Cell {
  row: number;
  column: number;
}

type Node =
  | { kind: 'literal'; value: FormulaValue }
  | { kind: 'ref'; row: number; column: number; rowFixed: boolean; columnFixed: boolean }
  | { kind: 'call'; name: string; args: Node[] }
  | { kind: 'binary'; op: '&' | '=' | '<>'; left: Node; right: Node };

const TOKEN =
  /\s*(?:("(?:[^"]|"")*")|(\$?[A-Z]{1,3}\$?\d+)(?![A-Z(])|([A-Z][A-Z0-9.]*)\(|(\d+(?:\.\d+)?)|(<>|[&=(),]))/y;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parse(formula: string): Node {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  let at = 0;
  const peek = (): RegExpExecArray | null => {
    TOKEN.lastIndex = at;
    return TOKEN.exec(text);
  };
  const take = (): RegExpExecArray => {
    const m = peek();
    if (!m) throw new Error(`cannot read formula ${formula} at ${at}`);
    at = TOKEN.lastIndex;
    return m;
  };
  const primary = (): Node => {
    const m = take();
    if (m[1] !== undefined) return { kind: 'literal', value: m[1].slice(1, -1).replace(/""/g, '"') };
    if (m[2] !== undefined) {
      const ref = /^(\$?)([A-Z]+)(\$?)(\d+)$/.exec(m[2])!;
      return {
        kind: 'ref',
        columnFixed: ref[1] === '$',
        column: columnNumber(ref[2]),
        rowFixed: ref[3] === '$',
        row: Number(ref[4]) - 1,
      };
    }
    if (m[3] !== undefined) {
      const args: Node[] = [];
      if (peek()?.[5] !== ')') {
        args.push(expression());
        while (peek()?.[5] === ',') {
          take();
          args.push(expression());
        }
      }
      if (take()[5] !== ')') throw new Error(`missing ) in ${formula}`);
      return { kind: 'call', name: m[3], args };
    }
    if (m[4] !== undefined) return { kind: 'literal', value: Number(m[4]) };
    if (m[5] === '(') {
      const inner = expression();
      if (take()[5] !== ')') throw new Error(`missing ) in ${formula}`);
      return inner;
    }
    throw new Error(`unexpected ${m[0]} in ${formula}`);
  };
  const concatenation = (): Node => {
    let left = primary();
    while (peek()?.[5] === '&') {
      take();
      left = { kind: 'binary', op: '&', left, right: primary() };
    }
    return left;
  };
  const expression = (): Node => {
    const left = concatenation();
    const op = peek()?.[5];
    if (op === '=' || op === '<>') {
      take();
      return { kind: 'binary', op, left, right: concatenation() };
    }
    return left;
  };
  const tree = expression();
  if (text.slice(at).trim() !== '') throw new Error(`unread rest of formula ${formula}: ${text.slice(at)}`);
  return tree;
}

function asText(v: FormulaValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') return v.error;
  return String(v);
}

const VALUE_ERROR = { error: '#VALUE!' };

export function evaluateFormula(
  formula: string,
  anchor: Cell,
  cell: Cell,
  valueAt: (row: number, column: number) => FormulaValue | undefined,
): FormulaValue {
  const evaluate = (node: Node): FormulaValue | undefined => {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'ref':
        return valueAt(
          node.rowFixed ? node.row : node.row + cell.row - anchor.row,
          node.columnFixed ? node.column : node.column + cell.column - anchor.column,
        );
      case 'binary': {
        const left = evaluate(node.left);
        const right = evaluate(node.right);
        if (node.op === '&') return asText(left) + asText(right);
        const same =
          typeof left === 'number' && typeof right === 'number'
            ? left === right
            : asText(left).toLowerCase() === asText(right).toLowerCase();
        return node.op === '=' ? same : !same;
      }
      case 'call': {
        const args = node.args.map(evaluate);
        switch (node.name) {
          case 'AND':
            return args.every((a) => a === true || (typeof a === 'number' && a !== 0));
          case 'OR':
            return args.some((a) => a === true || (typeof a === 'number' && a !== 0));
          case 'NOT':
            return !(args[0] === true || (typeof args[0] === 'number' && args[0] !== 0));
          case 'ISNUMBER':
            return typeof args[0] === 'number';
          case 'ISBLANK':
            return args[0] === undefined;
          case 'FIND':
          case 'SEARCH': {
            const wanted = asText(args[0]);
            const within = asText(args[1]);
            const i =
              node.name === 'FIND' ? within.indexOf(wanted) : within.toLowerCase().indexOf(wanted.toLowerCase());
            return i < 0 ? VALUE_ERROR : i + 1;
          }
          default:
            throw new Error(`the fake host cannot evaluate ${node.name}()`);
        }
      }
    }
  };
  return evaluate(parse(formula)) ?? '';
}
