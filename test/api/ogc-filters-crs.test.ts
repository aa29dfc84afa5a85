/**
 * OGC API – Features: civicgrid's property filters (class, department, ownership; grid level,
 * parent, zoom) and Part 2, CRS by reference (/req/crs/…): EPSG:4490 and EPSG:4326 answer and
 * take boxes latitude first. The core classes are in ogc-api.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ogcGridCollectionSchema, ogcGridFeatureSchema } from '../../api/ogc/ogc-schemas.ts';
import { assertOgcError, CRS84, EPSG4326, EPSG4490, gridItems, items, link, OgcFixture } from './ogc-client.ts';

let fx: OgcFixture;
before(async () => {
  fx = await OgcFixture.open();
});
after(async () => {
  await fx?.close();
});

describe('civicgrid filters', () => {
  test('class: a sub-class code or a major class, counted and paged', async () => {
    const top = (await fx.db.knex('components').select('class_code').count({ n: '*' }).groupBy('class_code').orderBy('n', 'desc').first()) as unknown as { class_code: string; n: string };
    const sub = top.class_code as string;
    const major = sub.slice(0, 2);
    const subPages = await fx.walk(`${items}?class=${sub}&limit=50`);
    const subFeatures = subPages.flatMap((p) => p.body.features);
    assert.equal(subFeatures.length, Number(top.n));
    assert.equal(subPages[0]!.body.numberMatched, Number(top.n));
    assert.ok(subFeatures.every((f) => f.properties.class_code === sub));

    const majorCount = await fx.countWhere((q) => q.whereRaw('left(c.class_code, 2) = ?', [major]));
    const majorPage = await fx.get(`${items}?class=${major}&limit=10000`);
    assert.equal(majorPage.body.numberMatched, majorCount);
    assert.equal(majorPage.body.features.length, majorCount);
    assert.ok(majorCount > Number(top.n) || majorPage.body.features.every((f: { properties: { class_code: string } }) => f.properties.class_code === sub));
    assert.ok(majorPage.body.features.every((f: { properties: { major_code: string } }) => f.properties.major_code === major));
    assert.equal((await fx.get(`${items}?class=9999`)).body.numberMatched, 0);
  });

  test('department and ownership, alone and combined', async () => {
    const top = (await fx.db.knex('components as c').join('departments as d', 'd.id', 'c.department_id').select('d.code', 'd.id').count({ n: '*' }).groupBy('d.code', 'd.id').orderBy('n', 'desc').first()) as unknown as { code: string; id: number; n: string };
    const byDepartment = await fx.get(`${items}?department=${top.code}&limit=10000`);
    assert.equal(byDepartment.body.numberMatched, Number(top.n));
    assert.ok(byDepartment.body.features.every((f: { properties: { department_code: string } }) => f.properties.department_code === top.code));

    for (const status of ['pending', 'confirmed', 'disputed']) {
      const expected = await fx.countWhere((q) => q.where('ownership_status', status));
      assert.ok(expected > 0, status);
      const page = await fx.get(`${items}?ownership=${status}&limit=10000`);
      assert.equal(page.body.numberMatched, expected, status);
      assert.ok(page.body.features.every((f: { properties: { ownership_status: string } }) => f.properties.ownership_status === status));
    }
    const both = await fx.countWhere((q) => q.where({ ownership_status: 'confirmed', department_id: top.id }));
    assert.equal((await fx.get(`${items}?department=${top.code}&ownership=confirmed`)).body.numberMatched, both);
    assert.equal((await fx.get(`${items}?department=no-such-department`)).body.numberMatched, 0);
  });

  test('grids: all 1,162 by paging; level and parent filters; zoom simplifies', async () => {
    const pages = await fx.walk(`${gridItems}?limit=500`);
    const all = pages.flatMap((p) => p.body.features);
    for (const page of pages) ogcGridCollectionSchema.parse(page.body);
    assert.equal(all.length, 1162);
    assert.equal(new Set(all.map((f) => f.id)).size, 1162);
    const byLevel = (level: number) => all.filter((f) => f.properties.level === level).length;
    assert.deepEqual([byLevel(1), byLevel(2), byLevel(3), byLevel(4)], [1, 14, 205, 942]);

    const towns = await fx.get(`${gridItems}?level=2`);
    assert.equal(towns.body.numberMatched, 14);
    const town = towns.body.features[0];
    const children = await fx.get(`${gridItems}?parent=${town.id}`);
    assert.equal(children.body.numberMatched, all.filter((f) => f.properties.parent_code === town.id).length);
    assert.ok(children.body.features.every((f: { properties: { level: number; parent_code: string } }) => f.properties.level === 3 && f.properties.parent_code === town.id));

    const one = await fx.get(`${gridItems}/${town.id}`);
    assert.equal(one.status, 200);
    ogcGridFeatureSchema.parse(one.body);
    assert.deepEqual(one.body.geometry, town.geometry, 'full geometry by default');
    const points = (g: { coordinates: unknown }) => (g.coordinates as number[][][][]).flat(2).length;
    const simplified = await fx.get(`${gridItems}?level=2&zoom=9`);
    const simpleTown = simplified.body.features.find((f: { id: string }) => f.id === town.id);
    assert.equal(simpleTown.geometry.type, 'MultiPolygon');
    assert.ok(points(simpleTown.geometry) < points(town.geometry), `${points(simpleTown.geometry)} < ${points(town.geometry)} vertices`);
    assertOgcError(await fx.get(`${gridItems}/000000`), 404);
  });

  test('a grid bbox returns the grids whose outline meets it', async () => {
    const base = (await fx.get(`${gridItems}?level=4&limit=1`)).body.features[0];
    const [lon, lat] = base.geometry.coordinates[0][0][0];
    const tiny = [lon - 1e-7, lat - 1e-7, lon + 1e-7, lat + 1e-7];
    const { body } = await fx.get(`${gridItems}?bbox=${tiny.join(',')}&level=4`);
    assert.ok(body.features.some((f: { id: string }) => f.id === base.id), 'the grid whose corner it is');
    assert.ok(body.numberMatched <= 4, 'only the grids meeting at that corner');
  });
});

describe('/req/crs: CRS by reference (Part 2)', () => {
  test('/req/crs/crs-storageCrs, fc-md-crs-list: collections list CRS84, EPSG:4490 and EPSG:4326; storage is CRS84', async () => {
    const { body } = await fx.get('/ogc/collections');
    assert.deepEqual(body.crs, [CRS84, EPSG4490, EPSG4326]);
    for (const c of body.collections) {
      assert.deepEqual(c.crs, [CRS84, EPSG4490, EPSG4326]);
      assert.equal(c.storageCrs, CRS84);
    }
  });

  test('/req/crs/fc-crs-valid-value, ogc-crs-header: EPSG:4490 and EPSG:4326 answer latitude first, with Content-Crs', async () => {
    const lonLat = await fx.get(`${items}?limit=20`);
    assert.equal(lonLat.headers.get('content-crs'), `<${CRS84}>`);
    for (const crs of [EPSG4490, EPSG4326]) {
      const latLon = await fx.get(`${items}?limit=20&crs=${encodeURIComponent(crs)}`);
      assert.equal(latLon.status, 200);
      assert.equal(latLon.headers.get('content-crs'), `<${crs}>`);
      assert.deepEqual(latLon.body.features.map((f: { id: string }) => f.id), lonLat.body.features.map((f: { id: string }) => f.id));
      latLon.body.features.forEach((f: { geometry: { coordinates: number[] } }, i: number) => {
        const [x, y] = lonLat.body.features[i].geometry.coordinates;
        assert.deepEqual(f.geometry.coordinates, [y, x]);
        assert.ok(f.geometry.coordinates[0]! < 90, 'latitude first');
      });
      // the next link keeps the CRS
      assert.equal(new URL(link(latLon.body, 'next')!.href).searchParams.get('crs'), crs);
    }
    const code = lonLat.body.features[0].id;
    const one = await fx.get(`${items}/${code}?crs=${encodeURIComponent(EPSG4490)}`);
    assert.equal(one.headers.get('content-crs'), `<${EPSG4490}>`);
    assert.deepEqual(one.body.geometry.coordinates, [...lonLat.body.features[0].geometry.coordinates].reverse());
    assert.equal((await fx.get(`${items}/${code}`)).headers.get('content-crs'), `<${CRS84}>`);

    const grid = await fx.get(`${gridItems}/320506`);
    const gridLatLon = await fx.get(`${gridItems}/320506?crs=${encodeURIComponent(EPSG4490)}`);
    assert.deepEqual(gridLatLon.body.geometry.coordinates[0][0][0], [...grid.body.geometry.coordinates[0][0][0]].reverse());
  });

  test('/req/crs/fc-bbox-crs-valid-value: a latitude-first bbox-crs selects the same components', async () => {
    const ext = (await fx.get('/ogc/collections/components')).body.extent.spatial.bbox[0];
    const [minLon, minLat] = [ext[0] + (ext[2] - ext[0]) / 3, ext[1] + (ext[3] - ext[1]) / 3];
    const [maxLon, maxLat] = [ext[2], ext[3]];
    const inCrs84 = await fx.get(`${items}?bbox=${[minLon, minLat, maxLon, maxLat].join(',')}&limit=10000`);
    for (const crs of [EPSG4490, EPSG4326]) {
      const latFirst = await fx.get(`${items}?bbox=${[minLat, minLon, maxLat, maxLon].join(',')}&bbox-crs=${encodeURIComponent(crs)}&limit=10000`);
      assert.equal(latFirst.status, 200);
      assert.ok(latFirst.body.numberMatched > 0);
      assert.equal(latFirst.body.numberMatched, inCrs84.body.numberMatched);
      assert.deepEqual(latFirst.body.features.map((f: { id: string }) => f.id), inCrs84.body.features.map((f: { id: string }) => f.id));
    }
    // the same numbers read as lat/lon put latitudes past 90: refused, not silently empty
    assertOgcError(await fx.get(`${items}?bbox=${[minLon, minLat, maxLon, maxLat].join(',')}&bbox-crs=${encodeURIComponent(EPSG4490)}`), 400, /latitudes/);
  });

  test('/req/crs/fc-crs-valid-value: other CRSs are 400', async () => {
    assertOgcError(await fx.get(`${items}?crs=${encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/3857')}`), 400, /crs must be one of/);
    assertOgcError(await fx.get(`${items}?bbox=1,2,3,4&bbox-crs=EPSG:4490`), 400, /bbox-crs/);
    assertOgcError(await fx.get(`${items}/3205060101000001?crs=EPSG:4490`), 400, /crs/);
  });
});
