import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GridAggregates } from './grid-aggregates.ts';
import type { GridLabelRow } from './tile.repository.ts';

const label = (id: number, parent: number | null, level: number, lon: number, lat: number): GridLabelRow => ({
  id,
  parent_id: parent,
  code: `g${id}`,
  level,
  name_zh: `网格${id}`,
  name_en: `Grid ${id}`,
  lon,
  lat,
});

// district 1 › towns 2, 3 › community 4 (in town 2) › base grids 5, 6; community 7 (town 3) › base grid 8
const labels = [label(1, null, 1, 120.5, 31.2), label(2, 1, 2, 120.4, 31.3), label(3, 1, 2, 120.6, 31.1), label(4, 2, 3, 120.4, 31.3), label(5, 4, 4, 120.41, 31.31), label(6, 4, 4, 120.39, 31.29), label(7, 3, 3, 120.6, 31.1), label(8, 7, 4, 120.6, 31.1)];

test('base-grid counts by sub-class roll up to communities, towns and the district, per major class', () => {
  const aggregates = GridAggregates.build(labels, [
    { grid_id: 5, class_code: '0101', count: 6, open_cases: 0 },
    { grid_id: 5, class_code: '0102', count: 4, open_cases: 0 },
    { grid_id: 5, class_code: '0201', count: 3, open_cases: 0 },
    { grid_id: 6, class_code: '0101', count: 7, open_cases: 0 },
    { grid_id: 8, class_code: '0407', count: 5, open_cases: 0 },
    { grid_id: 6, class_code: null, count: 0, open_cases: 2 },
  ]);
  assert.deepEqual(aggregates.majorCodes, ['01', '02', '04']);
  const [district] = aggregates.all(1);
  assert.equal(district!.total, 25);
  assert.equal(district!.openCases, 2);
  const towns = Object.fromEntries(aggregates.all(2).map((g) => [g.id, g]));
  assert.equal(towns[2]!.total, 20);
  assert.deepEqual([...towns[2]!.byMajor], [['01', 17], ['02', 3]]);
  assert.equal(towns[2]!.openCases, 2);
  assert.equal(towns[3]!.total, 5);
  assert.equal(towns[3]!.openCases, 0);
  const community = aggregates.all(3).find((g) => g.id === 4)!;
  assert.equal(community.total, 20);
  assert.equal(aggregates.all(4).find((g) => g.id === 6)!.openCases, 2);
});

test('a tile gets the grids of its level whose label point it holds', () => {
  const aggregates = GridAggregates.build(labels, []);
  const westHalf = { west: 120.3, east: 120.5, south: 31.0, north: 31.4 };
  assert.deepEqual(aggregates.at(2, westHalf).map((g) => g.id), [2]);
  assert.deepEqual(aggregates.at(4, westHalf).map((g) => g.id).sort(), [5, 6]);
  assert.deepEqual(aggregates.at(3, { west: 0, east: 1, south: 0, north: 1 }), []);
});
