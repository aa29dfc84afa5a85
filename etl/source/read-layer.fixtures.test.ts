/**
 * Every shared shapefile set against GDAL's reading of it (../shared/fixtures/shapefiles): where
 * GDAL read the set, the same features, attributes and (for sets already in lon/lat, or without a
 * CRS so GDAL kept the raw numbers) the same coordinates within 1e-7; where GDAL failed, a clear
 * SourceError or a correct reading, and the reason is written beside the expectation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feature, Geometry, Position } from 'geojson';
import type { RawRecord } from '../survey-record.ts';
import { readManifest, readReference, referenceFiles, SHARED_SETS_DIR } from './fixtures/shapefile-sets.ts';
import { openSource } from './open-source.ts';
import { readLayer } from './read-layer.ts';
import { SourceError } from './source-error.ts';

interface Read {
  /** The GDAL output to compare with. */
  reference: string;
  /** Compare coordinates: the reference is in the same CRS as the file (EPSG:4326 or no CRS at all). */
  coordinates: boolean;
  encoding: { encoding: string; source: string };
  why: string;
}
interface Rejected {
  rule: string;
  why: string;
}

const EXPECTED: Record<string, Read | Rejected> = {
  GaryBikini_ChinaAdminDivisonSHP__taiwan_city: {
    reference: 'reference.no_reprojection.geojson',
    coordinates: true,
    encoding: { encoding: 'utf-8', source: 'detected' },
    why: 'GDAL only failed to reproject (no .prj); its raw reading is the reference. UTF-8 without .cpg and LDID 0 is detected.',
  },
  'calvinmetcalf_shapefile-js__bad': {
    rule: 'shp.corrupt',
    why: 'bad.shp does not start with the shapefile file code 9994: it is not a shapefile, as GDAL also says',
  },
  'calvinmetcalf_shapefile-js__export_multipointz': {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'utf-8', source: 'default' },
    why: 'MultiPointZ read as 2D MultiPoint: x and y equal GDAL, Z is dropped (civicgrid stores 2D components)',
  },
  mbloch_mapshaper__two_states_mercator: {
    reference: 'reference.geojson',
    coordinates: false,
    encoding: { encoding: 'utf-8', source: 'default' },
    why: 'World Mercator: reading keeps the source CRS, GDAL reprojected, so coordinates belong to the reproject stage',
  },
  mbostock_shapefile__empty: {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'windows-1252', source: 'ldid' },
    why: 'an empty PolyLine layer reads as zero rows',
  },
  'mbostock_shapefile__latin1-property': {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'windows-1252', source: 'ldid' },
    why: 'LDID 0x57 (ANSI) with bytes that are neither UTF-8 nor GBK-like: windows-1252, México',
  },
  mbostock_shapefile__multipoints: {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'windows-1252', source: 'ldid' },
    why: 'MultiPoint',
  },
  mbostock_shapefile__null: {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'windows-1252', source: 'ldid' },
    why: 'null shapes read as rows with a null geometry, as GDAL does',
  },
  mbostock_shapefile__pointm: {
    reference: 'reference.restore_shx.geojson',
    coordinates: true,
    encoding: { encoding: 'utf-8', source: 'default' },
    why: 'GDAL refuses a .shp without .shx unless told to rebuild it; civicgrid reads the .shp sequentially and needs no .shx, so it reads what GDAL reads with SHAPE_RESTORE_SHX (PointM as 2D points, no attributes)',
  },
  mbostock_shapefile__points: {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'windows-1252', source: 'ldid' },
    why: 'Point',
  },
  mbostock_shapefile__polygons: {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'windows-1252', source: 'ldid' },
    why: 'polygons with a hole and a multi-polygon: rings sorted into outer rings and holes as GDAL does',
  },
  mbostock_shapefile__polylines: {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'windows-1252', source: 'ldid' },
    why: 'a one-part and a multi-part PolyLine',
  },
  'mbostock_shapefile__utf8-property': {
    reference: 'reference.geojson',
    coordinates: true,
    encoding: { encoding: 'utf-8', source: 'cpg' },
    why: '.cpg "UTF-8"; a non-ASCII field name (☃)',
  },
  'tmontaigu_shapefile-rs__file_cp936': {
    reference: 'reference.no_reprojection.geojson',
    coordinates: true,
    encoding: { encoding: 'gbk', source: 'cpg' },
    why: 'GDAL only failed to reproject (no .prj). The .cpg says 936 while the LDID says 0x01 (CP437): the .cpg wins, 测试中文',
  },
  'tmontaigu_shapefile-rs__multipatch': {
    rule: 'shp.unsupported_type',
    why: 'MultiPatch (3D surfaces) is no component geometry; GDAL also fails without -nlt MULTIPOLYGON, and guessing a flattening would invent shapes',
  },
};

test('every set in MANIFEST.tsv has an expectation, and every folder is in the manifest', async () => {
  const manifest = (await readManifest()).map((row) => row.set).sort();
  const folders = (await readdir(SHARED_SETS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  assert.deepEqual(folders, manifest);
  assert.deepEqual(Object.keys(EXPECTED).sort(), manifest);
});

test('sets GDAL read outright are compared with reference.geojson itself', async () => {
  for (const row of await readManifest()) {
    if (row.gdal_ok !== 'yes') continue;
    const expected = EXPECTED[row.set]!;
    assert.ok('reference' in expected && expected.reference === 'reference.geojson', row.set);
    assert.ok((await referenceFiles(row.set)).includes('reference.geojson'), row.set);
  }
});

for (const [set, expected] of Object.entries(EXPECTED)) {
  test(`${set}: ${'rule' in expected ? `rejected (${expected.rule})` : 'read like GDAL'} — ${expected.why}`, async () => {
    const source = await openSource(join(SHARED_SETS_DIR, set));
    assert.equal(source.layers.length, 1);
    const layer = source.layers[0]!;
    if ('rule' in expected) {
      await assert.rejects(readLayer(layer), (error: unknown) => {
        assert.ok(error instanceof SourceError);
        assert.equal(error.rule, expected.rule);
        assert.match(error.message, new RegExp(layer.displayPath.replace('.', '\\.')), 'the message names the file');
        return true;
      });
      return;
    }
    const read = await readLayer(layer);
    assert.deepEqual(read.encoding, expected.encoding);
    const records: RawRecord[] = [];
    for await (const record of read.records) records.push(record);
    const unpaired: unknown[] = [];
    for await (const record of read.unpairedRecords) unpaired.push(record);
    assert.equal(unpaired.length, 0);

    const reference = await readReference(set, expected.reference);
    assert.equal(records.length, reference.features.length, 'feature count');
    records.forEach((record, i) => {
      const feature = reference.features[i]!;
      assert.equal(record.row, i + 1);
      assertSameAttributes(record.attributes, feature, `${set} row ${record.row}`);
      assertSameGeometry(record.geometry, feature.geometry, expected.coordinates, `${set} row ${record.row}`);
    });
  });
}

/** GDAL types N fields as Integer64 / Real and C as String; ours are numbers and strings: equal as values. */
function assertSameAttributes(actual: RawRecord['attributes'], feature: Feature, where: string): void {
  const expected = feature.properties ?? {};
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `${where}: field names`);
  for (const [name, value] of Object.entries(expected)) {
    const ours = actual[name];
    if (typeof value === 'number') assert.equal(ours, value, `${where}: ${name}`);
    else assert.equal(ours, value ?? null, `${where}: ${name}`);
  }
}

function assertSameGeometry(actual: Geometry | null, expected: Geometry | null, coordinates: boolean, where: string): void {
  if (expected === null) {
    assert.equal(actual, null, `${where}: null geometry`);
    return;
  }
  assert.ok(actual, `${where}: geometry`);
  assert.equal(actual.type, expected.type, `${where}: geometry type`);
  if (!coordinates) return;
  const ours = flatPositions(actual);
  const theirs = flatPositions(expected);
  assert.equal(ours.length, theirs.length, `${where}: number of positions`);
  ours.forEach((position, i) => {
    const other = theirs[i]!;
    // x and y only: civicgrid reads 2D
    for (const axis of [0, 1]) {
      assert.ok(Math.abs(position[axis]! - other[axis]!) <= 1e-7, `${where}: position ${i} axis ${axis}: ${position[axis]} vs ${other[axis]}`);
    }
  });
}

function flatPositions(geometry: Geometry): Position[] {
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(flatPositions);
  const flatten = (value: unknown): Position[] =>
    Array.isArray(value) && typeof value[0] === 'number' ? [value as Position] : (value as unknown[]).flatMap(flatten);
  return flatten(geometry.coordinates);
}
