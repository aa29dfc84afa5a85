import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { crsCatalog } from './crs-catalog.ts';
import { parsePrj } from './prj-parser.ts';
import { CrsError } from './reproject-errors.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/prj/${name}`, import.meta.url), 'utf8');

/** .prj texts written by `gdalsrsinfo -o wkt_esri|wkt1|wkt2 EPSG:n` (as ArcGIS / ogr2ogr write them). */
const PRJ_FIXTURES: [file: string, epsg: number, recognisedBy: string, approximate: boolean][] = [
  ['cgcs2000-3-degree-gk-cm-120e.esri.prj', 4549, 'name', false],
  ['cgcs2000-3-degree-gk-zone-40.esri.prj', 4528, 'name', false],
  ['cgcs2000-gk-cm-123e.esri.prj', 4510, 'name', false],
  ['beijing-1954-3-degree-gk-zone-40.esri.prj', 2416, 'name', true],
  ['beijing-1954-gauss-kruger-cm-123e.esri.prj', 21461, 'name', true],
  ['xian-1980-3-degree-gk-cm-120e.esri.prj', 2385, 'name', true],
  ['gcs-china-geodetic-coordinate-system-2000.esri.prj', 4490, 'name', false],
  ['gcs-wgs-1984.esri.prj', 4326, 'name', false],
  ['wgs-1984-utm-zone-51n.esri.prj', 32651, 'name', false],
  ['wgs-1984-web-mercator-auxiliary-sphere.esri.prj', 3857, 'name', false],
  ['cgcs2000-3-degree-gk-cm-120e.wkt1.prj', 4549, 'authority', false],
  ['beijing-1954-3-degree-gk-cm-120e.wkt1.prj', 2437, 'authority', true],
  ['cgcs2000-3-degree-gk-zone-40.wkt2.prj', 4528, 'authority', false],
  ['xian-1980-3-degree-gk-cm-120e.wkt2.prj', 2385, 'authority', true],
];

for (const [file, epsg, recognisedBy, approximate] of PRJ_FIXTURES) {
  test(`${file} → EPSG:${epsg} (by ${recognisedBy})`, () => {
    const crs = parsePrj(fixture(file), file);
    assert.deepEqual([crs.epsg, crs.recognisedBy, crs.approximate, crs.warnings], [epsg, recognisedBy, approximate, []]);
  });
}

test('without names or authorities, the parameters alone still find an EPSG code', () => {
  for (const [file, epsg] of PRJ_FIXTURES) {
    const anonymous = fixture(file)
      .replace(/(PROJCS|GEOGCS|PROJCRS|BASEGEOGCRS)\["[^"]*"/g, '$1["unnamed"')
      .replace(/,\s*(AUTHORITY|ID)\["EPSG",[^\]]*\]/g, '');
    const crs = parsePrj(anonymous, file);
    assert.equal(crs.recognisedBy, 'parameters', file);
    // a 6-degree CM zone is the same transformation as the 3-degree CM zone on that meridian
    assert.equal(crsCatalog.get(crs.epsg!)!.proj4, crsCatalog.get(epsg)!.proj4, file);
  }
});

test('GDAL\'s World Mercator .prj of the mapshaper fixture is EPSG:3395', () => {
  const text = readFileSync(new URL('../../../shared/fixtures/shapefiles/mbloch_mapshaper__two_states_mercator/two_states_mercator.prj', import.meta.url), 'utf8');
  assert.equal(parsePrj(text).epsg, 3395);
});

test('a Gauss-Kruger with a local central meridian gets a proj4 definition from its parameters', () => {
  const text = fixture('cgcs2000-3-degree-gk-cm-120e.esri.prj')
    .replace('CGCS2000_3_Degree_GK_CM_120E', 'Suzhou_Local_GK_CM_120_35E')
    .replace('PARAMETER["Central_Meridian",120.0]', 'PARAMETER["Central_Meridian",120.35]');
  const crs = parsePrj(text, 'local.prj');
  assert.equal(crs.epsg, undefined);
  assert.equal(crs.name, 'Suzhou_Local_GK_CM_120_35E');
  assert.equal(crs.definition, '+proj=tmerc +lat_0=0 +lon_0=120.35 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
  // proj4js's own WKT reader agrees with the definition built here
  const ours = proj4(crs.definition, 'WGS84').forward([533409.136, 3436570.451]);
  const theirs = proj4(text, 'WGS84').forward([533409.136, 3436570.451]);
  assert.ok(Math.abs(ours[0]! - theirs[0]!) < 1e-9 && Math.abs(ours[1]! - theirs[1]!) < 1e-9);
});

test('a name that contradicts the parameters: the parameters win, with a warning', () => {
  const text = fixture('cgcs2000-3-degree-gk-cm-120e.esri.prj').replace('PARAMETER["Central_Meridian",120.0]', 'PARAMETER["Central_Meridian",117.0]');
  const crs = parsePrj(text, '井盖.prj');
  assert.equal(crs.epsg, 4548);
  assert.match(crs.warnings[0]!, /井盖\.prj is named "CGCS2000_3_Degree_GK_CM_120E" but its parameters differ/);
});

test('feet and a Mercator standard parallel are converted', () => {
  const feet = fixture('cgcs2000-3-degree-gk-cm-120e.esri.prj')
    .replace('CGCS2000_3_Degree_GK_CM_120E', 'GK_Feet')
    .replace('PARAMETER["False_Easting",500000.0]', 'PARAMETER["False_Easting",1640419.9475]')
    .replace('UNIT["Meter",1.0]]', 'UNIT["Foot",0.3048]]');
  assert.match(parsePrj(feet).definition, /\+x_0=499999\.999998\d* .*\+to_meter=0\.3048/);
  const mercator = 'PROJCS["Mercator_2SP",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator"],PARAMETER["False_Easting",0.0],' +
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",30.0],UNIT["Meter",1.0]]';
  const viaK = proj4(parsePrj(mercator).definition, 'WGS84').forward([10_000_000, 3_000_000]);
  const viaLatTs = proj4('+proj=merc +lat_ts=30 +lon_0=0 +datum=WGS84 +units=m', 'WGS84').forward([10_000_000, 3_000_000]);
  assert.ok(Math.abs(viaK[0]! - viaLatTs[0]!) < 1e-9 && Math.abs(viaK[1]! - viaLatTs[1]!) < 1e-9);
});

test('a TOWGS84 in the .prj is kept: the Beijing 1954 CRS is then not approximate', () => {
  const text = fixture('beijing-1954-3-degree-gk-cm-120e.wkt1.prj').replace('SPHEROID["Krassowsky 1940",6378245,298.3,', 'TOWGS84[15.8,-154.4,-82.3,0,0,0,0],SPHEROID["Krassowsky 1940",6378245,298.3,');
  const crs = parsePrj(text);
  assert.deepEqual([crs.epsg, crs.approximate, crs.towgs84], [2437, false, '15.8,-154.4,-82.3,0,0,0,0']);
  assert.match(crs.definition, /\+ellps=krass .*\+towgs84=15\.8,-154\.4,-82\.3,0,0,0,0$/);
});

test('other projections go through proj4js\'s WKT reader, checked by a round trip', () => {
  const lambert = 'PROJCS["Asia_Lambert_Conformal_Conic",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",0.0],' +
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Standard_Parallel_1",30.0],' +
    'PARAMETER["Standard_Parallel_2",62.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
  const crs = parsePrj(lambert);
  assert.deepEqual([crs.recognisedBy, crs.name, crs.epsg], ['proj4js', 'Asia_Lambert_Conformal_Conic', undefined]);
});

test('a bare EPSG code or a proj4 string in the .prj is accepted', () => {
  assert.equal(parsePrj('EPSG:4549\n').epsg, 4549);
  assert.equal(parsePrj('+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs').epsg, 4549);
  const local = parsePrj('+proj=tmerc +lon_0=120.35 +x_0=500000 +ellps=krass +units=m');
  assert.deepEqual([local.epsg, local.approximate, local.recognisedBy], [undefined, true, 'proj4-string']);
});

function assertCrsError(run: () => unknown, rule: string, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof CrsError);
    assert.equal(error.rule, rule);
    assert.match(error.message, message);
    return true;
  });
}

test('an HTML page saved as .prj is crs.unreadable, naming the file', () => {
  const html = '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>…</body></html>';
  assertCrsError(() => parsePrj(html, 'survey/井盖.prj'), 'crs.unreadable', /^survey\/井盖\.prj is not a coordinate system: it starts with "<!DOCTYPE html>/);
});

test('empty, binary, truncated and non-CRS WKT are crs.unreadable', () => {
  assertCrsError(() => parsePrj('\uFEFF  \n', 'a.prj'), 'crs.unreadable', /a\.prj .*empty/);
  assertCrsError(() => parsePrj('PK\x03\x04\x14\x00binary', 'a.prj'), 'crs.unreadable', /binary/);
  assertCrsError(() => parsePrj(fixture('gcs-wgs-1984.esri.prj').slice(0, 60), 'a.prj'), 'crs.unreadable', /its WKT is broken: expected .* in SPHEROID/);
  assertCrsError(() => parsePrj('GEOCCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]]', 'a.prj'), 'crs.unreadable', /not a geographic or projected/);
});

test('a coordinate system nobody can reproject from is crs.unknown, naming the file and the projection', () => {
  const odd = fixture('cgcs2000-3-degree-gk-cm-120e.esri.prj').replace('CGCS2000_3_Degree_GK_CM_120E', 'Odd').replace('Gauss_Kruger', 'Imaginary_Projection');
  assertCrsError(() => parsePrj(odd, '路灯.prj'), 'crs.unknown', /^路灯\.prj: coordinate system "Odd" \(projection Imaginary_Projection\) .* --srs EPSG:n/);
  assertCrsError(() => parsePrj('EPSG:27700', 'a.prj'), 'crs.unknown', /EPSG:27700 is not a coordinate system civicgrid knows/);
});

test('ESRI\'s old sphere-based Web Mercator (102113) and codes outside the catalog', () => {
  const old = 'PROJCS["WGS_1984_Web_Mercator",GEOGCS["GCS_WGS_1984_Major_Auxiliary_Sphere",DATUM["D_WGS_1984_Major_Auxiliary_Sphere",' +
    'SPHEROID["WGS_1984_Major_Auxiliary_Sphere",6378137.0,0.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
    'PROJECTION["Mercator"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],' +
    'PARAMETER["Standard_Parallel_1",0.0],UNIT["Meter",1.0]]';
  assert.deepEqual([parsePrj(old).epsg, parsePrj(old).warnings], [3857, []]);
  // WGS 84 / UTM zone 50S, as GDAL writes it: not in the catalog, built from its parameters, its code kept
  const utm50s = fixture('cgcs2000-3-degree-gk-cm-120e.wkt1.prj')
    .replace('CGCS2000 / 3-degree Gauss-Kruger CM 120E', 'WGS 84 / UTM zone 50S')
    .replace('SPHEROID["CGCS2000",6378137,298.257222101', 'SPHEROID["WGS 84",6378137,298.257223563')
    .replace('"central_meridian",120', '"central_meridian",117').replace('"scale_factor",1', '"scale_factor",0.9996')
    .replace('"false_northing",0', '"false_northing",10000000').replace('AUTHORITY["EPSG","4549"]', 'AUTHORITY["EPSG","32750"]');
  const crs = parsePrj(utm50s);
  assert.deepEqual([crs.epsg, crs.recognisedBy], [32750, 'parameters']);
  assert.equal(crs.definition, '+proj=tmerc +lat_0=0 +lon_0=117 +k=0.9996 +x_0=500000 +y_0=10000000 +ellps=WGS84 +units=m +no_defs');
});
