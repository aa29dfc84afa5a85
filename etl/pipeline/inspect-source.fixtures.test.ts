/**
 * `civicgrid inspect` against GDAL on every shared shapefile set (../shared/fixtures/shapefiles):
 * where GDAL read a set, the same features — attributes equal, coordinates in EPSG:4326 within
 * 1e-7 degrees (so the reprojection is checked too); where GDAL failed, a clear rejection.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Feature, Geometry, Position } from 'geojson';
import { SHARED_SETS_DIR } from '../source/fixtures/shapefile-sets.ts';
import { inspectSource } from './inspect-source.ts';

/** GDAL's reading to compare with, in order of preference (see each set's reference.txt). */
const preferredReferences = ['reference.geojson', 'reference.no_reprojection.geojson', 'reference.restore_shx.geojson'];

/** Sets GDAL could not read, and the rule civicgrid rejects them with. */
const rejected: Record<string, { rule: string; why: string }> = {
  'calvinmetcalf_shapefile-js__bad': { rule: 'shp.corrupt', why: 'not a shapefile (no file code 9994); GDAL cannot open it either' },
  'tmontaigu_shapefile-rs__multipatch': { rule: 'shp.unsupported_type', why: 'MultiPatch (3D surfaces) is no component geometry; GDAL needs extra options too' },
};

const sets = fs.readdirSync(SHARED_SETS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** The first position of a geometry (arrays nest to different depths by type). */
function firstPosition(geometry: Geometry | null): Position | undefined {
  let value: unknown = geometry && geometry.type !== 'GeometryCollection' ? geometry.coordinates : undefined;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return value as Position | undefined;
}

function flatten(geometry: Geometry | null): number[] {
  if (!geometry) return [];
  const out: number[] = [];
  const walk = (value: unknown) => {
    if (typeof value === 'number') out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  walk(geometry.type === 'GeometryCollection' ? geometry.geometries.map((g) => (g as { coordinates: unknown }).coordinates) : geometry.coordinates);
  return out;
}

/** Coordinates of a geometry as 2D: GDAL keeps Z, civicgrid drops it. */
function xy(geometry: Geometry | null, hasZ: boolean): number[] {
  const all = flatten(geometry);
  if (!hasZ) return all;
  return all.filter((_, i) => i % 3 !== 2);
}

test('every shared set has an expectation', () => {
  for (const set of sets) {
    const hasReference = preferredReferences.some((file) => fs.existsSync(path.join(SHARED_SETS_DIR, set, file)));
    assert.ok(hasReference || rejected[set], `${set}: neither a GDAL reference nor an expected rejection`);
  }
});

for (const set of sets) {
  const reference = preferredReferences.find((file) => fs.existsSync(path.join(SHARED_SETS_DIR, set, file)));
  const expectRejection = rejected[set];
  test(`${set}: ${expectRejection ? `rejected (${expectRejection.why})` : `as GDAL's ${reference}`}`, async () => {
    if (expectRejection) {
      await assert.rejects(
        async () => {
          for await (const _ of inspectSource(path.join(SHARED_SETS_DIR, set))) void _;
        },
        (error: Error & { rule?: string }) => error.rule === expectRejection.rule && error.message.length > 20,
      );
      return;
    }
    const gdal = JSON.parse(fs.readFileSync(path.join(SHARED_SETS_DIR, set, reference!), 'utf8')) as { features: Feature[] };
    const ours: Feature[] = [];
    for await (const feature of inspectSource(path.join(SHARED_SETS_DIR, set))) ours.push(feature);
    assert.equal(ours.length, gdal.features.length, 'feature count');
    ours.forEach((feature, i) => {
      const expected = gdal.features[i]!;
      assert.deepEqual(feature.properties ?? {}, expected.properties ?? {}, `feature ${i} attributes`);
      assert.equal(feature.geometry?.type ?? null, expected.geometry?.type ?? null, `feature ${i} geometry type`);
      const hasZ = (firstPosition(expected.geometry)?.length ?? 2) > 2;
      const [a, b] = [xy(feature.geometry, false), xy(expected.geometry, hasZ)];
      assert.equal(a.length, b.length, `feature ${i} coordinate count`);
      a.forEach((value, j) => assert.ok(Math.abs(value - b[j]!) <= 1e-7, `feature ${i} coordinate ${j}: ${value} vs GDAL ${b[j]}`));
    });
  });
}
