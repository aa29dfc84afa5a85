import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crsCatalog, findCrsByName, findCrsBySpec, ELLIPSOIDS, specToProj4 } from './crs-catalog.ts';

/** gdalsrsinfo / projinfo output for every catalog code (fixtures/generate-gdal-fixtures.ts). */
const snapshot = readFileSync(new URL('./fixtures/gdal-crs-snapshot.tsv', import.meta.url), 'utf8')
  .trim().split('\n').slice(1)
  .map((line) => {
    const [epsg, name, esriName, proj4] = line.split('\t');
    return { epsg: Number(epsg), name: name!, esriName: esriName!, proj4: proj4! };
  });

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

test('holds every code of the ranges survey contractors use, and nothing else', () => {
  const expected = [
    4490, 4214, 4610, 4326,
    ...range(4491, 4554), // CGCS2000 6-degree zone/CM, 3-degree zone/CM
    ...range(2401, 2442), ...range(21413, 21423), ...range(21453, 21463), // Beijing 1954
    ...range(2327, 2390), // Xian 1980
    ...range(32643, 32654), 3857, 3395,
  ];
  assert.deepEqual([...crsCatalog.keys()].sort((a, b) => a - b), expected.sort((a, b) => a - b));
});

test('every code has GDAL\'s name, ESRI name and PROJ string', () => {
  assert.equal(snapshot.length, crsCatalog.size);
  for (const gdal of snapshot) {
    const entry = crsCatalog.get(gdal.epsg);
    assert.ok(entry, `EPSG:${gdal.epsg} missing`);
    assert.equal(entry.name, gdal.name, `name of EPSG:${gdal.epsg}`);
    assert.equal(entry.esriName, gdal.esriName, `ESRI name of EPSG:${gdal.epsg}`);
    assert.equal(entry.proj4, gdal.proj4, `proj4 of EPSG:${gdal.epsg}`);
  }
});

test('4549 is CGCS2000 3-degree CM 120E with false easting 500 000; 4527 is zone 39 with 39 500 000', () => {
  const cm120 = crsCatalog.get(4549)!;
  assert.equal(cm120.name, 'CGCS2000 / 3-degree Gauss-Kruger CM 120E');
  assert.deepEqual([cm120.spec.lon0, cm120.spec.x0], [120, 500_000]);
  const zone39 = crsCatalog.get(4527)!;
  assert.equal(zone39.name, 'CGCS2000 / 3-degree Gauss-Kruger zone 39');
  assert.deepEqual([zone39.spec.lon0, zone39.spec.x0], [117, 39_500_000]);
  // 120E is the central meridian of 3-degree zone 40
  assert.equal(crsCatalog.get(4528)!.name, 'CGCS2000 / 3-degree Gauss-Kruger zone 40');
  assert.equal(crsCatalog.get(4528)!.spec.lon0, 120);
});

test('Beijing 1954 and Xian 1980 are approximate (no public datum shift); CGCS2000 and WGS 84 are not', () => {
  for (const entry of crsCatalog.values()) {
    assert.equal(entry.approximate, entry.datum === 'Beijing 1954' || entry.datum === 'Xian 1980', `EPSG:${entry.epsg}`);
  }
});

test('finds a CRS by EPSG or ESRI name, whatever the punctuation', () => {
  assert.equal(findCrsByName('CGCS2000_3_Degree_GK_CM_120E')?.epsg, 4549);
  assert.equal(findCrsByName('CGCS2000 / 3-degree Gauss-Kruger CM 120E')?.epsg, 4549);
  assert.equal(findCrsByName('Beijing_1954_3_Degree_GK_Zone_40')?.epsg, 2416);
  assert.equal(findCrsByName('Beijing_1954_Gauss_Kruger_CM_123E')?.epsg, 21461);
  assert.equal(findCrsByName('Xian_1980_3_Degree_GK_CM_120E')?.epsg, 2385);
  assert.equal(findCrsByName('GCS_WGS_1984')?.epsg, 4326);
  assert.equal(findCrsByName('WGS_1984_UTM_Zone_50N')?.epsg, 32650);
  assert.equal(findCrsByName('WGS_1984_Web_Mercator_Auxiliary_Sphere')?.epsg, 3857);
  assert.equal(findCrsByName('WGS_84_World_Mercator')?.epsg, 3395);
  assert.equal(findCrsByName('Lambert_Conformal_Conic_China'), undefined);
});

test('finds a CRS by its parameters, and builds proj4 for parameters no code has', () => {
  const spec = { method: 'tmerc' as const, ellipsoid: ELLIPSOIDS.IAU76, lon0: 120, lat0: 0, k0: 1, x0: 40_500_000, y0: 0 };
  assert.equal(findCrsBySpec(spec)?.epsg, 2364);
  assert.equal(findCrsBySpec({ ...spec, ellipsoid: ELLIPSOIDS.WGS84, k0: 0.9996, lon0: 123, x0: 500_000 })?.epsg, 32651);
  assert.equal(findCrsBySpec({ ...spec, lon0: 120.5 }), undefined);
  assert.equal(
    specToProj4({ ...spec, lon0: 120.5, x0: 500_000, ellipsoid: { a: 6378137, rf: 298.25 } }),
    '+proj=tmerc +lat_0=0 +lon_0=120.5 +k=1 +x_0=500000 +y_0=0 +a=6378137 +rf=298.25 +units=m +no_defs',
  );
});
