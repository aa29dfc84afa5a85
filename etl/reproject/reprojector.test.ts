import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gcoord } from './gcoord.ts';
import proj4 from 'proj4';
import type { Geometry, Point, Position } from 'geojson';
import { crsCatalog } from './crs-catalog.ts';
import { createReprojector, parseTowgs84, type ReprojectorOptions } from './reprojector.ts';
import { CrsError, NonFiniteGeometryError } from './reproject-errors.ts';

const WUZHONG = { west: 120.2, south: 30.9, east: 121.0, north: 31.4 };
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

/** cs2cs (GDAL 3.6.2 / PROJ) projections of two points near Suzhou: fixtures/generate-gdal-fixtures.ts. */
const gdal = JSON.parse(fixture('gdal-points.json')) as {
  cases: { epsg: number; points: { lonLat: [number, number]; xy: [number, number]; gdalEpsgPipeline: [number, number] }[] }[];
};

const point = (coordinates: Position): Point => ({ type: 'Point', coordinates });
const lonLatOf = (g: Geometry) => (g as Point).coordinates;

function assertNear(actual: Position, expected: Position, tolerance: number, what: string): void {
  const ok = Math.abs(actual[0]! - expected[0]!) <= tolerance && Math.abs(actual[1]! - expected[1]!) <= tolerance;
  assert.ok(ok, `${what}: got [${actual.join(', ')}], expected [${expected.join(', ')}] ±${tolerance}`);
}

const reprojector = (options: Partial<ReprojectorOptions>) => createReprojector({ districtBbox: WUZHONG, ...options });

for (const { epsg, points } of gdal.cases) {
  const name = crsCatalog.get(epsg)!.name;
  test(`EPSG:${epsg} ${name}: GDAL's coordinates come back to the lon/lat they were made from`, () => {
    const r = reprojector({ srs: `EPSG:${epsg}` });
    for (const p of points) assertNear(lonLatOf(r.project(point(p.xy))), p.lonLat, 1e-8, `inverse of ${p.xy}`); // ≈ 1 mm
  });
  test(`EPSG:${epsg} ${name}: the catalog's definition projects lon/lat to GDAL's coordinates`, () => {
    const forward = proj4('WGS84', crsCatalog.get(epsg)!.proj4);
    for (const p of points) assertNear(forward.forward(p.lonLat), p.xy, 1e-3, `forward of ${p.lonLat}`);
  });
}

test('EPSG:4490 and EPSG:4326 lon/lat pass through unchanged', () => {
  for (const srs of ['EPSG:4490', 'EPSG:4326']) {
    assert.deepEqual(lonLatOf(reprojector({ srs }).project(point([120.6, 31.3]))), [120.6, 31.3]);
  }
});

test('Beijing 1954 without towgs84: no datum shift, approximate, with a warning for the report', () => {
  const r = reprojector({ prjText: fixture('prj/beijing-1954-3-degree-gk-zone-40.esri.prj'), prjName: '井盖.prj' });
  assert.deepEqual(r.crs, { epsg: 2416, name: 'Beijing 1954 / 3-degree Gauss-Kruger zone 40', source: 'prj' });
  assert.equal(r.approximate, true);
  assert.match(r.warnings.join('\n'), /Beijing 1954 \/ 3-degree Gauss-Kruger zone 40 has no public transformation to WGS 84: .*off by tens of metres.*--towgs84/);
});

test('Beijing 1954 with --towgs84 of EPSG:15919 reproduces GDAL\'s own EPSG pipeline where GDAL applies it', () => {
  // GDAL's pipeline applies EPSG:15919 (Beijing 1954 to WGS 84 (2), Yellow Sea, ±15 m) at 120.6 E, 31.3 N and no
  // shift at all at 120.35 E, 31.05 N, outside that transformation's area: a 70 m jump inside Wuzhong itself
  const towgs84 = '15.53,-113.82,-41.38,0,0,0.814,0';
  for (const epsg of [2437, 2416, 21421, 21461]) {
    const [shifted, ballpark] = gdal.cases.find((c) => c.epsg === epsg)!.points;
    assert.notDeepEqual(shifted!.gdalEpsgPipeline, shifted!.xy);
    assert.deepEqual(ballpark!.gdalEpsgPipeline, ballpark!.xy);
    const r = reprojector({ srs: `EPSG:${epsg}`, towgs84 });
    assert.equal(r.approximate, false);
    // within 1 cm (PROJ's Helmert rotation is exact, proj4js's the small-angle form)
    assertNear(lonLatOf(r.project(point(shifted!.gdalEpsgPipeline))), shifted!.lonLat, 1e-7, `EPSG:${epsg}`);
    const plain = lonLatOf(reprojector({ srs: `EPSG:${epsg}` }).project(point(shifted!.gdalEpsgPipeline)));
    assert.ok(Math.abs(plain[0]! - shifted!.lonLat[0]) > 5e-4, 'without the shift the points are ~70 m apart');
  }
});

test('Xian 1980 is approximate too; CGCS2000, WGS 84 and UTM are not', () => {
  assert.equal(reprojector({ srs: 'EPSG:2385' }).approximate, true);
  for (const srs of ['EPSG:4549', 'EPSG:4326', 'EPSG:32651', 'EPSG:3857']) {
    const r = reprojector({ srs });
    assert.deepEqual([r.approximate, r.warnings], [false, []], srs);
  }
});

test('--datum gcj02 and bd09 undo the offsets: a round trip within 1e-6 degrees (0.1 m)', () => {
  const wgs84: Position = [120.6, 31.3];
  for (const [datum, crs] of [['gcj02', gcoord.GCJ02], ['bd09', gcoord.BD09]] as const) {
    const offset = gcoord.transform(wgs84 as [number, number], gcoord.WGS84, crs);
    assert.ok(Math.abs(offset[0] - wgs84[0]!) > 1e-3, `${datum} moves the point by hundreds of metres`);
    const r = reprojector({ srs: 'EPSG:4326', datum });
    assertNear(lonLatOf(r.project(point(offset))), wgs84, 1e-6, datum);
    assert.match(r.warnings.join(), new RegExp(`--datum ${datum}`));
  }
});

test('project() keeps Z, leaves its input untouched and handles every geometry type', () => {
  const r = reprojector({ srs: 'EPSG:4549' });
  const [x, y] = gdal.cases[0]!.points[0]!.xy;
  const input = point([x, y, 4.5]);
  const projected = lonLatOf(r.project(input));
  assert.equal(projected[2], 4.5);
  assert.deepEqual(input.coordinates, [x, y, 4.5]);
  const ring = [[x, y], [x + 100, y], [x + 100, y + 100], [x, y]];
  const collection: Geometry = {
    type: 'GeometryCollection',
    geometries: [
      { type: 'MultiPoint', coordinates: [[x, y]] },
      { type: 'LineString', coordinates: ring },
      { type: 'MultiLineString', coordinates: [ring] },
      { type: 'Polygon', coordinates: [ring] },
      { type: 'MultiPolygon', coordinates: [[ring], [ring]] },
    ],
  };
  const positions = JSON.stringify(r.project(collection)).match(/\[[-\d.e]+,[-\d.e]+\]/g)!.map((p) => JSON.parse(p) as Position);
  assert.equal(positions.length, 1 + 4 + 4 + 4 + 8);
  for (const p of positions) assertNear(p, [120.6005, 31.3005], 0.0006, 'a vertex of the 100 m square');
});

test('NaN, infinite or unprojectable coordinates throw geometry.not_finite', () => {
  const r = reprojector({ srs: 'EPSG:4549' });
  for (const coordinates of [[NaN, 3_464_391], [557_122, Infinity]]) {
    assert.throws(() => r.project(point(coordinates)), (e: unknown) => e instanceof NonFiniteGeometryError && e.rule === 'geometry.not_finite' && /is not a finite number/.test(e.message));
  }
  const towgs84 = reprojector({ srs: 'EPSG:2437', towgs84: '15.8,-154.4,-82.3' });
  assert.throws(() => towgs84.project({ type: 'LineString', coordinates: [[557_122, 3_464_391], [NaN, 0]] }), NonFiniteGeometryError);
  // a Gauss-Kruger easting a million kilometres off has no longitude
  assert.throws(() => r.project(point([1e12, 3_000_000])), /coordinate \(1000000000000, 3000000\) has no position in WGS 84/);
});

test('--srs overrides the .prj, with a warning when they differ', () => {
  const r = reprojector({ srs: 'EPSG:4549', prjText: fixture('prj/cgcs2000-3-degree-gk-zone-40.esri.prj'), prjName: '井盖.prj' });
  assert.deepEqual(r.crs, { epsg: 4549, name: 'CGCS2000 / 3-degree Gauss-Kruger CM 120E', source: 'override' });
  assert.deepEqual(r.warnings, ['--srs EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E overrides 井盖.prj (EPSG:4528 CGCS2000 / 3-degree Gauss-Kruger zone 40)']);
  assert.deepEqual(reprojector({ srs: '4549', prjText: fixture('prj/cgcs2000-3-degree-gk-cm-120e.esri.prj') }).warnings, []);
  assert.match(reprojector({ srs: 'EPSG:4549', prjText: '<html>' }).warnings[0]!, /overrides \.prj \(an unrecognised coordinate system\)/);
});

test('a .prj that contradicts the data: a warning naming the CRSs that fit', () => {
  // CM-style eastings, but a zone-40 .prj: the data land 40 million metres east — nowhere
  const sampleBbox = { west: 533_409, south: 3_436_570, east: 557_123, north: 3_464_392 };
  const r = reprojector({ prjText: fixture('prj/cgcs2000-3-degree-gk-zone-40.esri.prj'), prjName: '井盖.prj', sampleBbox });
  assert.equal(r.crs.epsg, 4528);
  assert.match(r.warnings[0]!, /with EPSG:4528 .* falls outside the district; the coordinates fit EPSG:4549 .*, EPSG:2385 .*, EPSG:2437 .* give --srs EPSG:n if the \.prj is wrong/);
  assert.deepEqual(reprojector({ prjText: fixture('prj/cgcs2000-3-degree-gk-cm-120e.esri.prj'), sampleBbox }).warnings, []);
});

test('no .prj: exactly one candidate is accepted, as inferred', () => {
  const r = reprojector({ sampleBbox: { west: 120.35, south: 31.05, east: 120.6, north: 31.3 } });
  assert.deepEqual(r.crs, { epsg: 4326, name: 'WGS 84', source: 'inferred' });
  assert.match(r.warnings[0]!, /no \.prj: coordinate system inferred from the coordinates as EPSG:4326 WGS 84/);
});

function assertCrsError(run: () => unknown, rule: string, message: RegExp): CrsError {
  let caught: CrsError | undefined;
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof CrsError, String(e));
    assert.equal(e.rule, rule);
    assert.match(e.message, message);
    caught = e;
    return true;
  });
  return caught!;
}

test('no .prj and CM-style coordinates: crs.ambiguous, listing the candidates and --srs', () => {
  const sampleBbox = { west: 533_409, south: 3_436_570, east: 557_123, north: 3_464_392 };
  const error = assertCrsError(() => reprojector({ sampleBbox, prjName: '井盖.prj' }), 'crs.ambiguous', /^no 井盖\.prj, and 3 coordinate systems put the data inside the district: EPSG:4549 CGCS2000 \/ 3-degree Gauss-Kruger CM 120E, EPSG:2385 Xian 1980 \/ 3-degree Gauss-Kruger CM 120E, EPSG:2437 Beijing 1954 \/ 3-degree Gauss-Kruger CM 120E — give --srs EPSG:n$/);
  assert.deepEqual(error.candidates, [4549, 2385, 2437]);
});

test('no .prj and nothing fits, or nothing to look at: crs.unknown / crs.missing', () => {
  assertCrsError(() => reprojector({ sampleBbox: { west: 116.3, south: 39.8, east: 116.5, north: 40 } }), 'crs.unknown', /no known coordinate system puts the coordinates \(116\.3, 39\.8\) – \(116\.5, 40\) inside the district; give --srs EPSG:n/);
  assertCrsError(() => reprojector({}), 'crs.missing', /no \.prj and no coordinates/);
});

test('an unknown --srs or a malformed --towgs84 is rejected', () => {
  assertCrsError(() => reprojector({ srs: 'EPSG:27700' }), 'crs.unknown', /--srs EPSG:27700 is not a coordinate system civicgrid knows/);
  assertCrsError(() => reprojector({ srs: 'CGCS2000' }), 'crs.unknown', /--srs CGCS2000/);
  for (const bad of ['1,2', '1,2,x', '1,,3', '1,2,3,4,5,6']) assertCrsError(() => parseTowgs84(bad), 'crs.towgs84', /3 or 7 numbers/);
  assert.equal(parseTowgs84(' 15.8, -154.4, -82.3 '), '15.8,-154.4,-82.3');
  const lambert = 'PROJCS["Lambert",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",0.0],' +
    'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Standard_Parallel_1",25.0],' +
    'PARAMETER["Standard_Parallel_2",47.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
  assert.equal(reprojector({ prjText: lambert }).approximate, true);
  assertCrsError(() => reprojector({ prjText: lambert, towgs84: '15.8,-154.4,-82.3' }), 'crs.towgs84', /cannot be applied to "Lambert"/);
  assert.equal(parseTowgs84('24,-123,-94,0.02,-0.25,-0.13,1.1'), '24,-123,-94,0.02,-0.25,-0.13,1.1');
});

test('a garbage .prj is crs.unreadable, naming the file', () => {
  assertCrsError(() => reprojector({ prjText: '<!DOCTYPE html><html><body>Not Found</body></html>', prjName: 'survey/路灯.prj' }), 'crs.unreadable', /^survey\/路灯\.prj is not a coordinate system/);
});
