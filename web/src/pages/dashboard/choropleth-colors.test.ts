import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colorStops } from './choropleth-colors.ts';

test('colour classes never repeat a threshold and end at the darkest colour', () => {
  assert.deepEqual(colorStops(1), [[1, '#a83212']]);
  assert.deepEqual(colorStops(2), [[1, '#dc5424'], [2, '#a83212']]);
  assert.deepEqual(colorStops(100).map(([from]) => from), [1, 21, 41, 61, 81]);
  assert.equal(colorStops(100)[0]![1], '#fde8d7');
});
