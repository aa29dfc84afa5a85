import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countByGrid } from './open-cases.state.ts';

test('cases count in the grid whose code their base grid code starts with', () => {
  const communities = ['320506001001', '320506001002'];
  const cases = ['32050600100101', '32050600100103', '32050600100201', '32050600200101'];
  assert.deepEqual([...countByGrid(communities, cases)], [
    ['320506001001', 2],
    ['320506001002', 1],
  ]);
  assert.deepEqual([...countByGrid(['32050600100101'], cases)], [['32050600100101', 1]]);
});
