import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTileAddress, projectToTile, tileBounds, tileContaining, tileExtent, TileAddressError } from './tile-address.ts';

test('parses valid addresses and refuses what is not a tile', () => {
  assert.deepEqual(parseTileAddress('14', '13703', '6710'), { z: 14, x: 13703, y: 6710 });
  assert.deepEqual(parseTileAddress('0', '0', '0'), { z: 0, x: 0, y: 0 });
  for (const [z, x, y] of [['-1', '0', '0'], ['1', '2', '0'], ['1', '0', '2'], ['23', '0', '0'], ['a', '0', '0'], ['1.5', '0', '0'], ['', '0', '0'], ['3', '0x1', '0']]) {
    assert.throws(() => parseTileAddress(z!, x!, y!), TileAddressError, `${z}/${x}/${y}`);
  }
});

test('tile bounds agree with the well-known tiles', () => {
  const world = tileBounds({ z: 0, x: 0, y: 0 });
  assert.equal(world.west, -180);
  assert.equal(world.east, 180);
  assert.ok(Math.abs(world.north - 85.0511287798) < 1e-9);
  // z1 x1 y0 is the north-east quarter
  const ne = tileBounds({ z: 1, x: 1, y: 0 });
  assert.deepEqual([ne.west, ne.south, ne.east], [0, 0, 180]);
  // Suzhou Wuzhong (120.6 E, 31.27 N) lies in z10 tile 855/418
  const wuzhong = tileBounds({ z: 10, x: 855, y: 418 });
  assert.ok(wuzhong.west < 120.6 && 120.6 < wuzhong.east && wuzhong.south < 31.27 && 31.27 < wuzhong.north, JSON.stringify(wuzhong));
});

test('a buffered tile is larger by the buffer on every side', () => {
  const tile = { z: 14, x: 13703, y: 6710 };
  const plain = tileBounds(tile);
  const buffered = tileBounds(tile, 64);
  const width = plain.east - plain.west;
  assert.ok(Math.abs(plain.west - buffered.west - (width * 64) / tileExtent) < 1e-12);
  assert.ok(buffered.north > plain.north && buffered.south < plain.south);
});

test('projection puts the tile corners on 0 and the extent, and the centre in the middle', () => {
  const tile = { z: 12, x: 3425, y: 1669 };
  const project = projectToTile(tile);
  const { west, south, east, north } = tileBounds(tile);
  assert.deepEqual(project(west, north), [0, 0]);
  assert.deepEqual(project(east, south), [tileExtent, tileExtent]);
  const [cx] = project((west + east) / 2, north);
  assert.equal(cx, tileExtent / 2);
  // y grows southwards
  const [, upper] = project(west, north - (north - south) / 4);
  const [, lower] = project(west, south + (north - south) / 4);
  assert.ok(upper < lower);
});

test('the tile holding a point is the one whose bounds hold it', () => {
  assert.deepEqual(tileContaining(120.6, 31.27, 10), { z: 10, x: 855, y: 418 });
  assert.deepEqual(tileContaining(0, 0, 0), { z: 0, x: 0, y: 0 });
  assert.deepEqual(tileContaining(180, -90, 2), { z: 2, x: 3, y: 3 }, 'the far edges stay inside the grid');
});
