/**
 * OGC API – Features end to end, by the requirement classes of Part 1 claimed: core
 * (/req/core/…), GeoJSON (/req/geojson/…) and OpenAPI 3.0 (/req/oas30/…); error answers, the
 * single-page app fallback and freshness after writes. Filters and Part 2 (CRS) are in
 * ogc-filters-crs.test.ts. Expected counts come from SQL over the same seeded database.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../../api/app.ts';
import {
  ogcCollectionSchema,
  ogcCollectionsSchema,
  ogcComponentCollectionSchema,
  ogcComponentFeatureSchema,
  ogcConformanceSchema,
  ogcLandingPageSchema,
} from '../../api/ogc/ogc-schemas.ts';
import { BatchProgressHub } from '../../api/survey-batches/batch-progress.ts';
import { assertOgcError, CRS84, gridItems, items, link, OgcFixture } from './ogc-client.ts';

let fx: OgcFixture;
before(async () => {
  fx = await OgcFixture.open();
});
after(async () => {
  await fx?.close();
});

describe('/req/core: landing page, conformance, collections', () => {
  test('/req/core/root-success: the landing page links to itself, the API definition, conformance and data', async () => {
    for (const p of ['/ogc', '/ogc/', '/ogc?f=json']) {
      const { status, headers, body } = await fx.get(p);
      assert.equal(status, 200, p);
      assert.match(headers.get('content-type')!, /^application\/json/);
      ogcLandingPageSchema.parse(body);
      assert.equal(link(body, 'self')?.href, `${fx.app.url}/ogc`);
      assert.equal(link(body, 'service-desc', 'application/vnd.oai.openapi+json;version=3.0')?.href, `${fx.app.url}/ogc/api`);
      assert.equal(link(body, 'service-desc', 'application/vnd.oai.openapi+json;version=3.1')?.href, `${fx.app.url}/api/openapi.json`);
      assert.equal(link(body, 'conformance')?.href, `${fx.app.url}/ogc/conformance`);
      assert.equal(link(body, 'data', 'application/json')?.href, `${fx.app.url}/ogc/collections`);
    }
  });

  test('/req/core/conformance-success: core, geojson, oas30 and Part 2 crs — not html', async () => {
    const { status, body } = await fx.get(fx.pathOf(link((await fx.get('/ogc')).body, 'conformance')!.href));
    assert.equal(status, 200);
    ogcConformanceSchema.parse(body);
    assert.deepEqual([...body.conformsTo].sort(), [
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
      'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
    ]);
  });

  test('/req/core/fc-md-success: components and grids with items links, extent, itemType and CRSs', async () => {
    const { status, body } = await fx.get('/ogc/collections');
    assert.equal(status, 200);
    ogcCollectionsSchema.parse(body);
    assert.equal(link(body, 'self')?.href, `${fx.app.url}/ogc/collections`);
    assert.deepEqual(body.collections.map((c: { id: string }) => c.id), ['components', 'grids']);
    for (const collection of body.collections) {
      assert.equal(collection.itemType, 'feature');
      assert.equal(link(collection, 'items', 'application/geo+json')?.href, `${fx.app.url}/ogc/collections/${collection.id}/items`);
      assert.equal(collection.extent.spatial.crs, CRS84);
      const [[minLon, minLat, maxLon, maxLat]] = collection.extent.spatial.bbox;
      // Wuzhong lies about 120.3–120.9 E, 30.9–31.4 N
      assert.ok(minLon > 119.5 && maxLon < 121.5 && minLat > 30.5 && maxLat < 31.8 && minLon < maxLon && minLat < maxLat, JSON.stringify(collection.extent));
    }
  });

  test('/req/core/sfc-md-success: a collection alone is the same document as its entry in the list; unknown ones are 404', async () => {
    const list = (await fx.get('/ogc/collections')).body.collections;
    for (const id of ['components', 'grids']) {
      const { status, body } = await fx.get(`/ogc/collections/${id}`);
      assert.equal(status, 200);
      ogcCollectionSchema.parse(body);
      assert.deepEqual(body, list.find((c: { id: string }) => c.id === id));
    }
    assertOgcError(await fx.get('/ogc/collections/lamps'), 404, /no collection lamps/);
    assertOgcError(await fx.get('/ogc/collections/lamps/items'), 404);
    assertOgcError(await fx.get('/ogc/nothing-here'), 404);
  });

  test('the components extent bounds every component, and the grids extent is the district', async () => {
    const extent = (await fx.get('/ogc/collections/components')).body.extent;
    const pages = await fx.walk(`${items}?limit=10000`);
    const coords = pages.flatMap((p) => p.body.features.map((f: { geometry: { coordinates: number[] } }) => f.geometry.coordinates));
    const lons = coords.map((c) => c[0]!);
    const lats = coords.map((c) => c[1]!);
    const near = (a: number, b: number) => Math.abs(a - b) < 1e-6;
    const [minLon, minLat, maxLon, maxLat] = extent.spatial.bbox[0];
    assert.ok(near(minLon, Math.min(...lons)) && near(minLat, Math.min(...lats)) && near(maxLon, Math.max(...lons)) && near(maxLat, Math.max(...lats)));
    assert.equal(extent.temporal.interval.length, 1);

    const district = (await fx.get(`${gridItems}?level=1`)).body.features[0];
    const ring = district.geometry.coordinates.flat(2) as number[][];
    const [gMinLon, gMinLat, gMaxLon, gMaxLat] = (await fx.get('/ogc/collections/grids')).body.extent.spatial.bbox[0];
    assert.ok(near(gMinLon, Math.min(...ring.map((c) => c[0]!))) && near(gMaxLat, Math.max(...ring.map((c) => c[1]!))) && gMinLat < gMaxLat && gMinLon < gMaxLon);
  });
});

describe('/req/core: items', () => {
  test('/req/core/fc-response: a FeatureCollection with links, numberMatched, numberReturned and timeStamp', async () => {
    const before = Date.now();
    const { status, body } = await fx.get(items);
    assert.equal(status, 200);
    ogcComponentCollectionSchema.parse(body);
    assert.equal(body.numberMatched, fx.total);
    assert.equal(body.numberReturned, 100, 'default limit');
    assert.equal(body.features.length, 100);
    assert.ok(Date.parse(body.timeStamp) >= before - 1000);
    assert.equal(link(body, 'self')?.href, `${fx.app.url}${items}`);
    assert.equal(link(body, 'collection')?.href, `${fx.app.url}/ogc/collections/components`);
    assert.ok(link(body, 'next', 'application/geo+json'));
  });

  test('/req/core/fc-limit-response: limit caps the page; out of range or malformed limits are 400', async () => {
    const { body } = await fx.get(`${items}?limit=7`);
    assert.equal(body.numberReturned, 7);
    assert.equal(body.features.length, 7);
    assert.equal(body.numberMatched, fx.total);
    for (const bad of ['0', '10001', '-1', 'abc', '1.5']) assertOgcError(await fx.get(`${items}?limit=${bad}`), 400, /limit/);
  });

  test('/req/core/fc-links: walking next links returns every component exactly once', async () => {
    const pages = await fx.walk(`${items}?limit=250`);
    assert.equal(pages.length, Math.ceil(fx.total / 250));
    const ids = pages.flatMap((p) => p.body.features.map((f: { id: string }) => f.id));
    assert.equal(ids.length, fx.total);
    assert.equal(new Set(ids).size, fx.total);
    for (const page of pages) {
      assert.equal(page.body.numberMatched, fx.total);
      assert.equal(page.body.numberReturned, page.body.features.length);
    }
    assert.equal(link(pages.at(-1)!.body, 'next'), undefined, 'the last page has no next link');
    // the limit and every other parameter carry over to the next page
    assert.match(link(pages[0]!.body, 'next')!.href, /[?&]limit=250(&|$)/);
  });

  test('/req/core/fc-bbox-response: only components inside the box, all of them, with filters combined across pages', async () => {
    const ext = (await fx.get('/ogc/collections/components')).body.extent.spatial.bbox[0];
    const w = ext[2] - ext[0];
    const h = ext[3] - ext[1];
    const box = [ext[0] + w / 4, ext[1] + h / 4, ext[0] + (3 * w) / 4, ext[1] + (3 * h) / 4];
    const expected = await fx.countWhere((q) => q.whereRaw('ST_X(point) between ? and ? and ST_Y(point) between ? and ?', [box[0], box[2], box[1], box[3]]));
    assert.ok(expected > 20 && expected < fx.total, `a box holding some but not all (${expected})`);

    const pages = await fx.walk(`${items}?bbox=${box.join(',')}&limit=40`);
    const features = pages.flatMap((p) => p.body.features);
    assert.equal(pages[0]!.body.numberMatched, expected);
    assert.equal(features.length, expected);
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(lon >= box[0]! && lon <= box[2]! && lat >= box[1]! && lat <= box[3]!, `${f.id} at ${lon},${lat} is inside`);
    }
    // six numbers: heights ignored
    const six = await fx.get(`${items}?bbox=${box[0]},${box[1]},-100,${box[2]},${box[3]},100&limit=1`);
    assert.equal(six.body.numberMatched, expected);
    // a box off the district
    const empty = await fx.get(`${items}?bbox=10,10,11,11`);
    assert.equal(empty.status, 200);
    assert.deepEqual([empty.body.numberMatched, empty.body.numberReturned, empty.body.features], [0, 0, []]);
    assert.equal(link(empty.body, 'next'), undefined);
  });

  test('/req/core/f-success: one component by its code with its properties; unknown codes are 404', async () => {
    const row = await fx.db.knex('components as c').join('component_classes as k', 'k.code', 'c.class_code').leftJoin('departments as d', 'd.id', 'c.department_id').first('c.code', 'c.class_code', 'k.name_zh', 'k.major_code', 'd.code as department_code', 'c.ownership_status', 'c.version');
    const { status, headers, body } = await fx.get(`${items}/${row.code}`);
    assert.equal(status, 200);
    assert.match(headers.get('content-type')!, /^application\/geo\+json/);
    ogcComponentFeatureSchema.parse(body);
    assert.equal(body.id, row.code);
    assert.equal(body.properties.code, row.code);
    assert.equal(body.properties.class_code, row.class_code);
    assert.equal(body.properties.class_name_zh, row.name_zh);
    assert.equal(body.properties.major_code, row.major_code);
    assert.equal(body.properties.department_code, row.department_code);
    assert.equal(body.properties.ownership_status, row.ownership_status);
    assert.equal(body.properties.version, row.version);
    assert.match(body.properties.grid_code, /^\d{14}$/, 'located in a base grid');
    assert.equal(link(body, 'self')?.href, `${fx.app.url}${items}/${row.code}`);
    assert.equal(link(body, 'collection')?.href, `${fx.app.url}/ogc/collections/components`);

    assertOgcError(await fx.get(`${items}/3205069999999999`), 404, /no feature 3205069999999999 in components/);
    assertOgcError(await fx.get(`${items}/not-a-code`), 404);
    assertOgcError(await fx.get(`${items}/${row.code}?limit=5`), 400, /unknown query parameter limit/);
  });

  test('/req/core/fc-time-response: datetime filters components by updated_at', async () => {
    const ext = (await fx.get('/ogc/collections/components')).body.extent.temporal.interval[0];
    assert.equal((await fx.get(`${items}?datetime=../2000-01-01T00:00:00Z`)).body.numberMatched, 0);
    assert.equal((await fx.get(`${items}?datetime=${ext[0]}/..`)).body.numberMatched, fx.total);
    assert.equal((await fx.get(`${items}?datetime=${ext[0]}/${ext[1]}`)).body.numberMatched, fx.total);
    assertOgcError(await fx.get(`${items}?datetime=yesterday`), 400, /datetime/);
    // grids carry no time: every grid matches
    assert.equal((await fx.get(`${gridItems}?datetime=2000-01-01&limit=1`)).body.numberMatched, 1162);
  });
});

describe('/req/geojson: media types', () => {
  test('items and features are application/geo+json unless plain JSON is asked for', async () => {
    assert.match((await fx.get(`${items}?limit=1`)).headers.get('content-type')!, /^application\/geo\+json/);
    assert.match((await fx.get(`${items}?limit=1`, { accept: 'application/geo+json, application/json' })).headers.get('content-type')!, /^application\/geo\+json/);
    const json = await fx.get(`${items}?limit=1&f=json`);
    assert.match(json.headers.get('content-type')!, /^application\/json/);
    assert.equal(link(json.body, 'self')?.type, 'application/json');
    assert.match((await fx.get(`${items}?limit=1`, { accept: 'application/json' })).headers.get('content-type')!, /^application\/json/);
    assert.match((await fx.get(`${gridItems}?limit=1&f=geojson`)).headers.get('content-type')!, /^application\/geo\+json/);
    assertOgcError(await fx.get(`${items}?f=html`), 400, /no HTML/);
  });
});

describe('/req/oas30: the API definition', () => {
  test('the service-desc is OpenAPI 3.0 describing /ogc, with the limit QGIS reads', async () => {
    const landing = (await fx.get('/ogc')).body;
    const { status, headers, body } = await fx.get(fx.pathOf(link(landing, 'service-desc', 'application/vnd.oai.openapi+json;version=3.0')!.href));
    assert.equal(status, 200);
    assert.match(headers.get('content-type')!, /^application\/vnd\.oai\.openapi\+json/);
    assert.match(body.openapi, /^3\.0\.\d$/);
    assert.deepEqual(body.servers, [{ url: '/ogc' }]);
    for (const p of ['/', '/conformance', '/collections', '/collections/components/items', '/collections/components/items/{featureId}', '/collections/grids/items']) {
      assert.ok(body.paths[p]?.get, `documents ${p}`);
    }
    assert.deepEqual(body.components.parameters.limit.schema, { type: 'integer', minimum: 1, maximum: 10000, default: 100 });
    const names = body.paths['/collections/components/items'].get.parameters.map((p: { name?: string; $ref?: string }) => p.name ?? p.$ref);
    for (const n of ['#/components/parameters/limit', 'bbox', 'bbox-crs', 'crs', 'datetime', 'class', 'department', 'ownership']) assert.ok(names.includes(n), n);
  });

  test('/api/openapi.json describes the /ogc paths too', async () => {
    const { body } = await fx.get('/api/openapi.json');
    assert.ok(body.paths['/ogc']?.get);
    assert.ok(body.paths['/ogc/collections/components/items']?.get);
    assert.ok(body.paths['/ogc/collections/grids/items/{featureId}']?.get);
  });
});

describe('errors', () => {
  test('unknown and malformed parameters are 400 in OGC form, never 500', async () => {
    const cases: [string, RegExp][] = [
      [`${items}?sortby=code`, /unknown query parameter sortby/],
      [`${items}?level=2`, /unknown query parameter level/],
      [`${gridItems}?ownership=pending`, /unknown query parameter ownership/],
      ['/ogc/collections?limit=1', /unknown query parameter limit/],
      ['/ogc/conformance?x=1', /unknown query parameter x/],
      [`${items}?bbox=1,2,3`, /bbox/],
      [`${items}?bbox=120.7,31.1,120.5,31.3`, /antimeridian/],
      [`${items}?class=1`, /class/],
      [`${items}?ownership=lost`, /ownership/],
      [`${items}?cursor=bogus`, /cursor/],
      [`${items}?limit=5&limit=6`, /limit/],
      [`${gridItems}?level=7`, /level/],
      [`${gridItems}?zoom=99`, /zoom/],
    ];
    for (const [p, message] of cases) assertOgcError(await fx.get(p), 400, message);
  });

  test('a cursor from another query still pages forward safely', async () => {
    const first = await fx.get(`${items}?limit=5`);
    const cursor = new URL(link(first.body, 'next')!.href).searchParams.get('cursor')!;
    const next = await fx.get(`${items}?limit=5&cursor=${cursor}&ownership=pending`);
    assert.equal(next.status, 200);
    assert.ok(next.body.features.every((f: { properties: { ownership_status: string } }) => f.properties.ownership_status === 'pending'));
  });
});

describe('access', () => {
  test('the landing page and conformance are open; collections and features need a signed-in map user', async () => {
    for (const open of ['/ogc', '/ogc/conformance', '/ogc/api']) assert.equal((await fx.app.request('GET', open)).status, 200, open);
    for (const closed of ['/ogc/collections', '/ogc/collections/components', items, gridItems]) {
      const anonymous = await fx.app.request('GET', closed);
      assert.equal(anonymous.status, 401, closed);
      assert.match(anonymous.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
    const contractor = await fx.app.signIn('ogc-contractor', 'contractor');
    assert.equal((await fx.app.request('GET', items, { token: contractor })).status, 403);
    const owner = await fx.app.signIn('ogc-owner', 'owner', 'water-supply');
    assert.equal((await fx.app.request('GET', items, { token: owner })).status, 200);
  });
});

describe('single-page app fallback', () => {
  test('/ogc, with or without a slash, is never answered by the web bundle', async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-ogc-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>civicgrid</title>');
    const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-ogc-uploads-'));
    const server = createApp({
      knex: fx.db.knex,
      backend: fx.db.backend,
      logger: pino({ level: 'silent' }),
      webDir,
      surveys: { uploadsDir, uploadLimitBytes: 1024, hub: new BatchProgressHub() },
    }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const p of ['/ogc', '/ogc/', '/ogc/conformance']) {
        const response = await fetch(base + p);
        assert.equal(response.status, 200, p);
        assert.match(response.headers.get('content-type')!, /^application\/json/, p);
      }
      const missing = await fetch(`${base}/ogc/no-such-thing`);
      assert.equal(missing.status, 404);
      assert.equal((await missing.json()).code, 'NotFound');
      const spa = await fetch(`${base}/map/somewhere`);
      assert.match(await spa.text(), /<title>civicgrid<\/title>/, 'other paths still get the app');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(webDir, { recursive: true, force: true });
      fs.rmSync(uploadsDir, { recursive: true, force: true });
    }
  });
});

describe('freshness', () => {
  test('the components extent follows writes (cached per data version)', async () => {
    const before = (await fx.get('/ogc/collections/components')).body.extent.spatial.bbox[0];
    const moved = await fx.db.knex('components').first('code');
    const east = before[2] + 0.05;
    await fx.db.knex('components').where('code', moved.code).update({ point: fx.db.knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [east, before[1] + 0.01]) });
    const after = (await fx.get('/ogc/collections/components')).body.extent.spatial.bbox[0];
    assert.ok(Math.abs(after[2] - east) < 1e-6, `extent grew east to ${east}: ${after[2]}`);
    const feature = await fx.get(`${items}/${moved.code}`);
    assert.ok(Math.abs(feature.body.geometry.coordinates[0] - east) < 1e-6);
  });

  test('numberMatched follows writes (counts are cached per data version)', async () => {
    const confirmed = `${items}?ownership=confirmed&limit=1`;
    const before = (await fx.get(confirmed)).body.numberMatched;
    assert.equal((await fx.get(confirmed)).body.numberMatched, before, 'the same answer twice');
    const pending = await fx.db.knex('components').where('ownership_status', 'pending').first('id');
    await fx.db.knex('components').where('id', pending.id).update({ ownership_status: 'confirmed' });
    assert.equal((await fx.get(confirmed)).body.numberMatched, before + 1);
  });
});
