import { test } from 'node:test';
import assert from 'node:assert/strict';
import { child, find, nodeName, numbers, parseWkt, WktSyntaxError } from './wkt-tree.ts';

test('parses nodes, strings, numbers and bare words', () => {
  const tree = parseWkt('PROJCS["x",UNIT["Meter",1.0],AXIS["Easting",EAST],PARAMETER["k",-1.5e-3]]');
  assert.equal(tree.keyword, 'PROJCS');
  assert.equal(nodeName(tree), 'x');
  assert.deepEqual(child(tree, 'AXIS')!.values, ['Easting', 'EAST']);
  assert.deepEqual(numbers(find(tree, 'PARAMETER')), [-0.0015]);
});

test('accepts round brackets, whitespace, lower-case keywords and doubled quotes', () => {
  const tree = parseWkt(' geogcs ( "say ""hi""" ,\n\tdatum("d", spheroid["s", 6378137, 298.257]) ) ');
  assert.equal(tree.keyword, 'GEOGCS');
  assert.equal(nodeName(tree), 'say "hi"');
  assert.deepEqual(numbers(find(tree, 'SPHEROID')), [6378137, 298.257]);
});

test('rejects what is not WKT, saying where', () => {
  for (const [text, message] of [
    ['<html>', /expected a keyword at character 1/],
    ['PROJCS', /expected "\[" after PROJCS/],
    ['PROJCS["x",', /unclosed PROJCS/],
    ['PROJCS["x]', /unterminated string/],
    ['PROJCS["x"] trailing', /unexpected text after the WKT/],
    ['PROJCS["x";1]', /expected "," or "\]" in PROJCS/],
    ['A['.repeat(100) + ']'.repeat(100), /nested too deeply/],
  ] as const) {
    assert.throws(() => parseWkt(text), (e: unknown) => e instanceof WktSyntaxError && message.test(e.message), text);
  }
});
