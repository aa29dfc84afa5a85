import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MultiPolygon, Polygon } from 'geojson';
import { labelPoint, labelPoints } from './label-points.ts';

function inside([x, y]: number[], ring: number[][]): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y! !== yj > y! && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

test('a rectangle is labelled at its centre', () => {
  const rectangle: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 2], [0, 2], [0, 0]]] };
  assert.deepEqual(labelPoint(rectangle), [2, 1]);
});

test('a U-shaped grid is labelled inside one of its arms, not in the gap', () => {
  const ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
  const point = labelPoint({ type: 'Polygon', coordinates: [ring] });
  assert.ok(inside(point, ring), `${point} lies inside`);
});

test('a grid with a hole is labelled outside the hole', () => {
  const outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
  const hole = [[3, 3], [7, 3], [7, 7], [3, 7], [3, 3]];
  const point = labelPoint({ type: 'Polygon', coordinates: [outer, hole] });
  assert.ok(inside(point, outer) && !inside(point, hole), `${point} lies in the ring`);
});

test('a multipolygon is labelled on its largest part', () => {
  const island: MultiPolygon = {
    type: 'MultiPolygon',
    coordinates: [
      [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
      [[[10, 10], [20, 10], [20, 20], [10, 20], [10, 10]]],
    ],
  };
  assert.deepEqual(labelPoint(island), [15, 15]);
});

test('labelPoints keeps ids and properties', () => {
  const points = labelPoints({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 7, properties: { name_zh: '木渎镇' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] } },
    ],
  });
  assert.deepEqual(points.features[0], { type: 'Feature', id: 7, properties: { name_zh: '木渎镇' }, geometry: { type: 'Point', coordinates: [1, 1] } });
});
