import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readReferenceData } from '../../data/reference-data.ts';
import { GridLocator, type LocatableGrid } from './grid-locator.ts';
import { representativePoint } from './representative-point.ts';

const square = (x: number, y: number): LocatableGrid['geometry'] => ({
  type: 'Polygon',
  coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]],
});

test('a point is located in the grid that contains it, or in none', () => {
  const locator = new GridLocator([
    { id: 2, code: 'B', geometry: square(1, 0) },
    { id: 1, code: 'A', geometry: square(0, 0) },
  ]);
  assert.equal(locator.locate([0.5, 0.5])?.code, 'A');
  assert.equal(locator.locate([1.5, 0.5])?.code, 'B');
  assert.equal(locator.locate([1, 0.5])?.code, 'A', 'a shared edge goes to the lowest code');
  assert.equal(locator.locate([5, 5]), undefined);
});

test('every base grid of the Wuzhong hierarchy locates its own inner point', () => {
  const grids = readReferenceData().grids.filter((g) => g.properties.level === 4);
  const locator = new GridLocator(grids.map((g, i) => ({ id: i, code: g.properties.code, geometry: g.geometry as LocatableGrid['geometry'] })));
  for (const grid of grids) {
    const inner = representativePoint(grid.geometry as LocatableGrid['geometry'])!;
    assert.equal(locator.locate(inner)?.code, grid.properties.code);
  }
});

test('representative points: points are themselves, lines halfway along, polygons inside', () => {
  assert.deepEqual(representativePoint({ type: 'Point', coordinates: [120.5, 31.2] }), [120.5, 31.2]);
  assert.deepEqual(representativePoint({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] }), [1, 2]);
  const [x, y] = representativePoint({ type: 'LineString', coordinates: [[120, 31], [120, 31.002]] })!;
  assert.ok(Math.abs(x! - 120) < 1e-9 && Math.abs(y! - 31.001) < 1e-6);
  const u: LocatableGrid['geometry'] = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
  const inside = new GridLocator([{ id: 1, code: 'U', geometry: u }]).locate(representativePoint(u)!);
  assert.equal(inside?.code, 'U', 'the point of a U-shaped polygon lies inside it');
});
