import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inferCrsCandidates, magnitudeFamilies, type Bbox } from './infer-crs.ts';

const WUZHONG: Bbox = { west: 120.2, south: 30.9, east: 121.0, north: 31.4 };

/** cs2cs output for (120.6 E, 31.3 N) and (120.35 E, 31.05 N), both inside Wuzhong. */
const gdal = JSON.parse(readFileSync(new URL('./fixtures/gdal-points.json', import.meta.url), 'utf8')) as {
  cases: { epsg: number; points: { xy: [number, number] }[] }[];
};

/** The bbox of the two GDAL points as written in EPSG:n. */
function sampleIn(epsg: number): Bbox {
  const [a, b] = gdal.cases.find((c) => c.epsg === epsg)!.points.map((p) => p.xy) as [[number, number], [number, number]];
  return { west: Math.min(a[0], b[0]), south: Math.min(a[1], b[1]), east: Math.max(a[0], b[0]), north: Math.max(a[1], b[1]) };
}

const codes = (sample: Bbox, district = WUZHONG) => inferCrsCandidates(sample, district).map((c) => c.epsg);

test('lon/lat-looking coordinates inside the district: WGS 84 (CGCS2000 geographic is the same to centimetres)', () => {
  const sample = { west: 120.35, south: 31.05, east: 120.6, north: 31.3 };
  assert.deepEqual(magnitudeFamilies(sample), ['lonlat']);
  assert.deepEqual(codes(sample), [4326]);
});

test('eastings with a 3-degree zone prefix (40…): zone 40 of CGCS2000, Xian 1980 and Beijing 1954', () => {
  assert.deepEqual(magnitudeFamilies(sampleIn(4528)), ['zone-prefixed']);
  assert.deepEqual(codes(sampleIn(4528)), [4528, 2364, 2416]);
});

test('eastings with a 6-degree zone prefix (21…): zone 21 of the three datums', () => {
  assert.deepEqual(codes(sampleIn(4499)), [4499, 2335, 21421]);
});

test('CM-style eastings near 500 000: every datum\'s CM 120E fits — ambiguous, CGCS2000 listed first', () => {
  const sample = sampleIn(4549);
  assert.deepEqual(magnitudeFamilies(sample), ['central-meridian', 'mercator']);
  const candidates = inferCrsCandidates(sample, WUZHONG);
  assert.deepEqual(candidates.map((c) => c.epsg), [4549, 2385, 2437]);
  assert.ok(candidates.every((c) => c.family === 'central-meridian'));
  const box = candidates[0]!.wgs84Bbox;
  assert.ok(Math.abs(box.west - 120.35) < 0.01 && Math.abs(box.north - 31.3) < 0.01);
});

test('UTM 51N eastings also fit the CM 123E Gauss-Kruger zones (scale 1 vs 0.9996 moves them ~1.4 km)', () => {
  // the 6-degree CM 123E codes (4510, 2346, 21461) are the same transformation as the 3-degree ones: listed once
  assert.deepEqual(codes(sampleIn(32651)), [4550, 2386, 2438, 32651]);
});

test('Web Mercator coordinates: Web Mercator only (World Mercator would put them 22 km north, outside)', () => {
  assert.deepEqual(codes(sampleIn(3857)), [3857]);
  // World Mercator data lands 22 km south under Web Mercator, still inside Wuzhong: ambiguous
  assert.deepEqual(codes(sampleIn(3395)), [3857, 3395]);
});

test('coordinates no CRS puts inside the district: no candidates', () => {
  // CM-style, but 200 km east of the meridian: 122.1 E under CM 120E, 119.1 E under CM 117E
  assert.deepEqual(codes({ west: 700_000, south: 3_440_000, east: 710_000, north: 3_450_000 }), []);
  // lon/lat in Beijing
  assert.deepEqual(codes({ west: 116.3, south: 39.8, east: 116.5, north: 40.0 }), []);
  // zone 39 prefix: CM 117E puts the data 3 degrees west
  const zone40 = sampleIn(4528);
  assert.deepEqual(codes({ ...zone40, west: zone40.west - 1e6, east: zone40.east - 1e6 }), []);
  // magnitudes of no family, NaN, an inverted box
  assert.deepEqual(codes({ west: 1e9, south: 0, east: 2e9, north: 1 }), []);
  assert.deepEqual(codes({ west: NaN, south: 0, east: 1, north: 1 }), []);
  assert.deepEqual(codes({ west: 120.6, south: 31.3, east: 120.35, north: 31.05 }), []);
});

test('the district decides: the same CM-style data in a district 3 degrees west fits CM 117E (and UTM 50N) instead', () => {
  const sample = sampleIn(4549);
  const shifted = { west: WUZHONG.west - 3, south: WUZHONG.south, east: WUZHONG.east - 3, north: WUZHONG.north };
  assert.deepEqual(codes(sample, shifted), [4548, 2384, 2436, 32650]);
});

test('a margin lets data reach a little past the district bbox', () => {
  const tight = { west: 120.36, south: 31.06, east: 120.59, north: 31.29 };
  assert.deepEqual(inferCrsCandidates(sampleIn(4549), tight, { marginDegrees: 0 }).length, 0);
  assert.deepEqual(codes(sampleIn(4549), tight), [4549, 2385, 2437]);
});
