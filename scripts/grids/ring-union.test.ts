import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unionCells } from './ring-union.ts';

/** A closed counter-clockwise unit square with its lower-left corner at (x, y). */
const square = (x: number, y: number) => [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]];

describe('unionCells', () => {
  it('cancels the shared edge of two neighbours, keeping their vertices', () => {
    assert.deepEqual(unionCells([square(0, 0), square(1, 0)]), {
      type: 'Polygon',
      coordinates: [[[0, 0], [1, 0], [2, 0], [2, 1], [1, 1], [0, 1], [0, 0]]],
    });
  });

  it('turns an enclosed gap into a clockwise hole', () => {
    const ring = [[0, 0], [1, 0], [2, 0], [0, 1], [2, 1], [0, 2], [1, 2], [2, 2]].map(([x, y]) => square(x!, y!));
    const union = unionCells(ring);
    assert.equal(union.type, 'Polygon');
    assert.deepEqual(union.coordinates[1], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]);
  });

  it('splits cells that touch only at a corner into a MultiPolygon', () => {
    assert.deepEqual(unionCells([square(0, 0), square(1, 1)]), {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0)], [square(1, 1)]],
    });
  });

  it('separates a hole that touches its shell at one point', () => {
    const cells = [[0, 0], [1, 0], [2, 0], [0, 1], [2, 1], [0, 2], [1, 2]].map(([x, y]) => square(x!, y!));
    const union = unionCells(cells);
    assert.equal(union.type, 'Polygon');
    assert.deepEqual(union.coordinates[1], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]);
    assert.equal(union.coordinates[0]!.filter(([x, y]) => x === 2 && y === 2).length, 1);
  });

  it('refuses overlapping cells', () => {
    assert.throws(() => unionCells([square(0, 0), square(0, 0)]), /overlap/);
  });
});
