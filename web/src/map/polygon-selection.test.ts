import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closedPolygon, insidePolygon, ringBounds } from './polygon-selection.ts';

const triangle = closedPolygon([
  [0, 0],
  [4, 0],
  [0, 4],
]);

test('a drawn ring is closed once', () => {
  assert.deepEqual(triangle.coordinates[0], [[0, 0], [4, 0], [0, 4], [0, 0]]);
  assert.deepEqual(closedPolygon(triangle.coordinates[0]!).coordinates[0]!.length, 4);
});

test('bounds of a ring', () => {
  assert.deepEqual(ringBounds(triangle.coordinates[0]!), [0, 0, 4, 4]);
});

test('keeps points inside the lasso, not just inside its box', () => {
  const point = (x: number, y: number) => ({ geometry: { type: 'Point', coordinates: [x, y] } });
  const kept = insidePolygon([point(1, 1), point(3, 3), point(0.5, 3)], triangle);
  assert.deepEqual(kept.map((f) => f.geometry.coordinates), [[1, 1], [0.5, 3]]);
});

test('a line counts when a point on it is inside', () => {
  const line = { geometry: { type: 'LineString', coordinates: [[0.5, 0.5], [1, 1]] } };
  assert.equal(insidePolygon([line], triangle).length, 1);
});
