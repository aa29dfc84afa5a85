import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gcoord } from '../../etl/reproject/gcoord.ts';
import { boundsContain, tileFrame } from './display-datum.ts';
import { tileContaining } from './tile-address.ts';

test('a WGS84 tile selects, keeps and shifts nothing', () => {
  const frame = tileFrame({ z: 14, x: 13_700, y: 6_710 }, 'wgs84');
  assert.deepEqual(frame.select, frame.keep);
  assert.equal(frame.toDisplay, null);
  assert.equal(frame.toDisplayGeometry, null);
});

test('a GCJ-02 tile selects every WGS84 point that shifts into it, at every zoom the map asks for', () => {
  // a 60 × 60 lattice over Wuzhong and its surroundings, each point checked against the tile its
  // shifted position falls in, from z8 to z19
  for (let z = 8; z <= 19; z++) {
    for (let i = 0; i < 60; i++) {
      for (let j = 0; j < 60; j++) {
        const lon = 120.2 + (0.8 * i) / 59;
        const lat = 30.9 + (0.5 * j) / 59;
        const [x, y] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
        const frame = tileFrame(tileContaining(x, y, z), 'gcj02');
        assert.ok(boundsContain(frame.keep, x, y));
        assert.ok(boundsContain(frame.select, lon, lat), `z${z}: ${lon},${lat} (shown at ${x},${y}) is selected`);
        assert.deepEqual(frame.toDisplay!(lon, lat), [x, y]);
      }
    }
  }
});

test('the selected extent is the tile shifted back, not much more: about the tile plus 200 m', () => {
  const frame = tileFrame({ z: 16, x: 54_794, y: 26_820 }, 'gcj02');
  const width = (bounds: { west: number; east: number }) => bounds.east - bounds.west;
  assert.ok(width(frame.select) < width(frame.keep) + 0.0045, `${width(frame.select)} vs ${width(frame.keep)}`);
  // GCJ-02 lies east and south of WGS84 here: the WGS84 extent is west and north of the tile's
  assert.ok(frame.select.west < frame.keep.west && frame.select.north > frame.keep.north, JSON.stringify(frame));
});

test('a geometry is shifted in place, every vertex', () => {
  const { toDisplayGeometry } = tileFrame({ z: 16, x: 54_794, y: 26_820 }, 'gcj02');
  const line = { type: 'LineString' as const, coordinates: [[120.6, 31.27], [120.61, 31.28]] };
  const shifted = toDisplayGeometry!(structuredClone(line)) as typeof line;
  shifted.coordinates.forEach((point, k) => assert.deepEqual(point, gcoord.transform(line.coordinates[k] as [number, number], gcoord.WGS84, gcoord.GCJ02)));
});
