/**
 * The shared shapefile fixtures (../shared/fixtures/shapefiles, MANIFEST.tsv) whose .prj is not
 * WGS 84: their coordinates, read with the `shapefile` package and reprojected here, match
 * GDAL's reference.geojson (ogr2ogr -t_srs EPSG:4326) within 1e-7 degrees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as shapefile from 'shapefile';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { createReprojector } from './reprojector.ts';

const SETS = new URL('../../../shared/fixtures/shapefiles/', import.meta.url).pathname;

/** Every position of a geometry, in order. */
function positions(geometry: Geometry): Position[] {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(positions);
  const flat = (c: unknown): Position[] => (typeof (c as unknown[])[0] === 'number' ? [c as Position] : (c as unknown[]).flatMap(flat));
  return flat(geometry.coordinates);
}

test('mbloch_mapshaper__two_states_mercator (EPSG:3395 World Mercator) matches GDAL within 1e-7 degrees', async () => {
  const dir = `${SETS}mbloch_mapshaper__two_states_mercator/`;
  const reference = JSON.parse(readFileSync(`${dir}reference.geojson`, 'utf8')) as FeatureCollection;
  const source = await shapefile.read(`${dir}two_states_mercator.shp`);
  const reprojector = createReprojector({
    prjText: readFileSync(`${dir}two_states_mercator.prj`, 'utf8'),
    prjName: 'two_states_mercator.prj',
    districtBbox: { west: -125, south: 41, east: -116, north: 47 },
  });
  assert.deepEqual(reprojector.crs, { epsg: 3395, name: 'WGS 84 / World Mercator', source: 'prj' });
  assert.equal(source.features.length, reference.features.length);
  let compared = 0;
  source.features.forEach((feature, i) => {
    const ours = positions(reprojector.project(feature.geometry!));
    const gdal = positions(reference.features[i]!.geometry!);
    assert.equal(ours.length, gdal.length, `feature ${i} vertex count`);
    ours.forEach((p, j) => {
      const q = gdal[j]!;
      assert.ok(Math.abs(p[0]! - q[0]!) <= 1e-7 && Math.abs(p[1]! - q[1]!) <= 1e-7, `feature ${i} vertex ${j}: [${p}] vs GDAL [${q}]`);
      compared++;
    });
  });
  assert.ok(compared > 100, `${compared} vertices compared`);
});

test('every .prj among the shared sets is recognised; sets without one are lon/lat that a world-wide inspect keeps as is', async () => {
  const manifest = readFileSync(`${SETS}MANIFEST.tsv`, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  const world = { west: -180, south: -90, east: 180, north: 90 };
  for (const [set = '', , , , , crs = ''] of manifest) {
    const dir = `${SETS}${set}/`;
    const prj = readdirSync(dir).find((f) => f.endsWith('.prj'));
    if (prj) {
      const reprojector = createReprojector({ prjText: readFileSync(dir + prj, 'utf8'), districtBbox: world });
      assert.equal(`EPSG:${reprojector.crs.epsg}`, crs, set);
      continue;
    }
    const shp = readdirSync(dir).find((f) => f.endsWith('.shp'))!;
    const header = readFileSync(dir + shp).subarray(0, 100);
    if (header.readInt32BE(0) !== 9994) continue; // not a shapefile: the read stage rejects it
    const [west, south, east, north] = [36, 44, 52, 60].map((at) => header.readDoubleLE(at)) as [number, number, number, number];
    const reprojector = createReprojector({ sampleBbox: { west, south, east, north }, districtBbox: world });
    assert.deepEqual([reprojector.crs.epsg, reprojector.crs.source], [4326, 'inferred'], set);
  }
});
