import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchGrids, type GridMatch } from './map-search.state.ts';

const grid = (code: string, level: 2 | 3 | 4, name_zh: string, name_en: string): GridMatch => ({
  grid: { id: Number(code), code, level, parent_code: null, name_zh, name_en },
  bounds: [0, 0, 1, 1],
});

const index = [
  grid('4', 4, '长桥街道第01社区01网格', 'Changqiao C01 Grid 01'),
  grid('3', 3, '长桥街道第01社区', 'Changqiao Community 01'),
  grid('2', 2, '长桥街道', 'Changqiao Subdistrict'),
  grid('5', 2, '木渎镇', 'Mudu Town'),
];

test('towns before communities before base grids', () => {
  assert.deepEqual(matchGrids(index, '长桥').map((m) => m.grid.code), ['2', '3', '4']);
});

test('every word must match, in either language, case-insensitively', () => {
  assert.deepEqual(matchGrids(index, 'changqiao grid').map((m) => m.grid.code), ['4']);
  assert.deepEqual(matchGrids(index, '木渎').map((m) => m.grid.code), ['5']);
  assert.deepEqual(matchGrids(index, '   '), []);
});
