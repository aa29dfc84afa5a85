/**
 * ShpPointReader reads what the `shapefile` package reads, record for record: on point files made
 * here (Point, PointZ and PointM, with null shapes and odd record lengths) and on every point set
 * among the shared fixtures.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import * as shapefile from 'shapefile';
import { SHARED_SETS_DIR } from './fixtures/shapefile-sets.ts';
import { ShpPointReader } from './shp-point-reader.ts';

async function all(source: { read(): Promise<{ done: boolean; value: unknown }> }): Promise<unknown[]> {
  const values: unknown[] = [];
  for (let r = await source.read(); !r.done; r = await source.read()) values.push(r.value);
  return values;
}

async function packageReading(buf: Buffer): Promise<unknown[]> {
  return all(await shapefile.openShp(buf));
}

/** A point file of `shapeType` whose records are [x, y] points or null shapes; Z and M filled in when the type has them. */
function pointFile(shapeType: 1 | 11 | 21, records: ([number, number] | null)[]): Buffer {
  const pointBytes = shapeType === 1 ? 20 : shapeType === 21 ? 28 : 36;
  const parts = records.map((p, i) => {
    const content = Buffer.alloc(p ? pointBytes : 4);
    content.writeInt32LE(p ? shapeType : 0, 0);
    if (p) {
      content.writeDoubleLE(p[0], 4);
      content.writeDoubleLE(p[1], 12);
      for (let at = 20; at < pointBytes; at += 8) content.writeDoubleLE(at, at); // Z, M
    }
    const header = Buffer.alloc(8);
    header.writeInt32BE(i + 1, 0);
    header.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([header, content]);
  });
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  const length = 100 + parts.reduce((n, p) => n + p.length, 0);
  header.writeInt32BE(length / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(shapeType, 32);
  return Buffer.concat([header, ...parts]);
}

for (const shapeType of [1, 11, 21] as const) {
  test(`shape type ${shapeType}: the same points and null shapes as the shapefile package`, async () => {
    const buf = pointFile(shapeType, [[557122.865, 3464391.326], null, [-0.5, 1e-300], null, [120.61234567890123, 31.251]]);
    const ours = await all(new ShpPointReader(buf));
    assert.equal(ours.length, 5);
    assert.deepEqual(ours, await packageReading(buf));
  });
}

test('a file cut inside its last record ends before it, as the package does', async () => {
  const buf = pointFile(1, [[1, 2], [3, 4]]);
  const cut = buf.subarray(0, buf.length - 6);
  assert.deepEqual(await all(new ShpPointReader(cut)), [{ type: 'Point', coordinates: [1, 2] }]);
});

test('every point set among the shared fixtures reads as the package reads it', async () => {
  let compared = 0;
  for (const set of await readdir(SHARED_SETS_DIR, { withFileTypes: true })) {
    if (!set.isDirectory()) continue;
    for (const name of await readdir(join(SHARED_SETS_DIR, set.name))) {
      if (!name.toLowerCase().endsWith('.shp')) continue;
      const buf = await readFile(join(SHARED_SETS_DIR, set.name, name));
      if (buf.length < 100 || buf.readInt32BE(0) !== 9994 || ![1, 11, 21].includes(buf.readInt32LE(32))) continue;
      assert.deepEqual(await all(new ShpPointReader(buf)), await packageReading(buf), `${set.name}/${name}`);
      compared++;
    }
  }
  assert.ok(compared >= 2, `point sets compared: ${compared}`);
});
