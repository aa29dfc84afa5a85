/**
 * A small parser for well-known text — OGC WKT1, ESRI WKT and WKT2 share the same shape,
 * `KEYWORD[value, value, …]` (or round brackets), where a value is a quoted string, a number,
 * a bare word (`EAST`, `Cartesian`) or another keyword node. Nothing here knows what the
 * keywords mean; prj-parser.ts and wkt-to-proj4.ts do.
 */

export type WktValue = string | number | WktNode;

export interface WktNode {
  /** Upper-cased: PROJCS, GEOGCS, PARAMETER, … */
  keyword: string;
  values: WktValue[];
}

/** Thrown for text that is not WKT; `offset` is where reading stopped. */
export class WktSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'WktSyntaxError';
  }
}

const MAX_DEPTH = 64;

/**
 * Parses one WKT node (leading/trailing whitespace allowed, nothing else after it).
 *
 * @example
 * parseWkt('UNIT["Meter",1.0]'); // { keyword: 'UNIT', values: ['Meter', 1] }
 */
export function parseWkt(text: string): WktNode {
  let at = 0;

  const fail = (what: string): never => {
    const near = JSON.stringify(text.slice(at, at + 24));
    throw new WktSyntaxError(`${what} at character ${at + 1} (near ${near})`, at);
  };
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };

  const word = (): string => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at, at + 64));
    if (!match) return fail('expected a keyword');
    at += match[0].length;
    return match[0];
  };

  const quoted = (): string => {
    let out = '';
    at++; // opening quote
    for (;;) {
      const end = text.indexOf('"', at);
      if (end === -1) return fail('unterminated string');
      out += text.slice(at, end);
      at = end + 1;
      // WKT2 escapes a quote by doubling it
      if (text[at] !== '"') return out;
      out += '"';
      at++;
    }
  };

  const number = (): number => {
    const match = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(at, at + 64));
    if (!match) return fail('expected a number');
    at += match[0].length;
    return Number(match[0]);
  };

  const node = (depth: number): WktNode => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    const keyword = word().toUpperCase();
    skipSpace();
    const open = text[at];
    if (open !== '[' && open !== '(') return fail(`expected "[" after ${keyword}`);
    const close = open === '[' ? ']' : ')';
    at++;
    const values: WktValue[] = [];
    for (;;) {
      skipSpace();
      const c = text[at];
      if (c === undefined) return fail(`unclosed ${keyword}`);
      if (c === '"') values.push(quoted());
      else if (/[\d.+-]/.test(c)) values.push(number());
      else if (/[A-Za-z_]/.test(c)) {
        const start = at;
        word();
        skipSpace();
        const next = text[at];
        at = start;
        if (next === '[' || next === '(') values.push(node(depth + 1));
        else values.push(word()); // bare enumeration value: EAST, Cartesian, …
      } else return fail('unexpected character');
      skipSpace();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === close) {
        at++;
        return { keyword, values };
      }
      return fail(`expected "," or "${close}" in ${keyword}`);
    }
  };

  skipSpace();
  const root = node(0);
  skipSpace();
  if (at < text.length) fail('unexpected text after the WKT');
  return root;
}

/**
 * The direct child nodes with one of these keywords.
 *
 * @example
 * children(parseWkt('A[B[1],C[2],B[3]]'), 'B').length; // 2
 */
export function children(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.values.filter((v): v is WktNode => typeof v === 'object' && keywords.includes(v.keyword));
}

/**
 * The first direct child node with one of these keywords.
 *
 * @example
 * child(projcs, 'UNIT', 'LENGTHUNIT'); // { keyword: 'UNIT', values: ['Meter', 1] }
 */
export function child(node: WktNode, ...keywords: string[]): WktNode | undefined {
  return children(node, ...keywords)[0];
}

/**
 * Depth-first search for the first node with one of these keywords.
 *
 * @example
 * find(projcs, 'SPHEROID', 'ELLIPSOID'); // the ellipsoid inside GEOGCS → DATUM
 */
export function find(node: WktNode, ...keywords: string[]): WktNode | undefined {
  for (const v of node.values) {
    if (typeof v !== 'object') continue;
    if (keywords.includes(v.keyword)) return v;
    const deeper = find(v, ...keywords);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * A node's name: its first value when that is a string.
 *
 * @example
 * nodeName(parseWkt('UNIT["Meter",1]')); // 'Meter'
 */
export function nodeName(node: WktNode | undefined): string | undefined {
  const first = node?.values[0];
  return typeof first === 'string' ? first : undefined;
}

/**
 * The numbers among a node's values, in order.
 *
 * @example
 * numbers(parseWkt('SPHEROID["CGCS2000",6378137,298.257222101]')); // [6378137, 298.257222101]
 */
export function numbers(node: WktNode | undefined): number[] {
  return (node?.values ?? []).filter((v): v is number => typeof v === 'number');
}
