/** HTTP end to end: health, grids, departments, classes, OpenAPI, and clear errors for bad requests. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { seedComponents } from '../support/component-seed.ts';

let db: TestDatabase;
let app: TestApp;
before(async () => {
  db = await openTestDatabase();
  app = await startTestApp(db);
});
after(async () => {
  await app.close();
  await db.close();
});

test('GET /api/health names the backend, the version and the counts', async () => {
  const { status, body, headers } = await app.request('GET', '/api/health');
  assert.equal(status, 200);
  assert.equal(body.status, 'ok');
  assert.equal(body.backend, db.backend);
  assert.match(body.version, /^\d+\.\d+\.\d+/);
  assert.match(body.postgis, /^3\./);
  assert.deepEqual(body.counts.grids, { 1: 1, 2: 14, 3: 205, 4: 942 });
  assert.equal(body.counts.component_classes, 85);
  assert.equal(body.counts.event_classes, 54);
  assert.ok(body.counts.departments >= 15);
  assert.match(headers.get('x-request-id') ?? '', /^[\w-]{8,}$/);
  assert.equal(headers.get('x-powered-by'), null);
  assert.match(headers.get('content-security-policy') ?? '', /default-src 'self'/);
});

test('GET /api/health counts the components written since the last call (the counts are kept per data version)', async () => {
  const before = (await app.request('GET', '/api/health')).body.counts.components as number;
  assert.equal((await app.request('GET', '/api/health')).body.counts.components, before);
  await seedComponents(db.knex, 3);
  assert.equal((await app.request('GET', '/api/health')).body.counts.components, before + 3);
});

describe('GET /api/grids', () => {
  test('?level=2 gives the 14 towns and streets as GeoJSON', async () => {
    const { status, body, headers } = await app.request('GET', '/api/grids?level=2');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /application\/geo\+json/);
    assert.equal(body.type, 'FeatureCollection');
    assert.equal(body.features.length, 14);
    for (const feature of body.features) {
      assert.equal(feature.properties.level, 2);
      assert.equal(feature.properties.parent_code, '320506');
      assert.match(feature.properties.name_zh, /(镇|街道)$/);
      assert.equal(feature.geometry.type, 'MultiPolygon');
    }
  });

  test('?parent= gives the children of one grid; /api/grids/:code one grid', async () => {
    const town = (await app.request('GET', '/api/grids?level=2')).body.features[0].properties;
    const children = await app.request('GET', `/api/grids?parent=${town.code}`);
    assert.ok(children.body.features.length > 0);
    assert.ok(children.body.features.every((f: any) => f.properties.parent_code === town.code && f.properties.level === 3));
    const one = await app.request('GET', `/api/grids/${town.code}`);
    assert.equal(one.body.properties.name_zh, town.name_zh);
    assert.equal((await app.request('GET', '/api/grids/32050699')).status, 404);
  });

  test('/api/grids/outside is the world but the district, which the map shades', async () => {
    const { status, body, headers } = await app.request('GET', '/api/grids/outside');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /application\/geo\+json/);
    assert.equal(body.features.length, 1);
    const outside = body.features[0];
    assert.equal(outside.geometry.type, 'MultiPolygon');
    const inside = await db.knex.raw(
      `select ST_X(p) as lon, ST_Y(p) as lat from (select ST_PointOnSurface(geom) as p from grids where level = 2) towns`,
    );
    for (const town of inside.rows as { lon: number; lat: number }[]) {
      assert.equal(booleanPointInPolygon([town.lon, town.lat], outside), false, `a town's point ${town.lon},${town.lat} is not outside`);
    }
    assert.equal(booleanPointInPolygon([116.4, 39.9], outside), true, 'Beijing is');
    assert.equal(booleanPointInPolygon([-70, -40], outside), true, 'so is the far side of the world');
  });

  test('a bad level is a 400 naming the field', async () => {
    const { status, body } = await app.request('GET', '/api/grids?level=7');
    assert.equal(status, 400);
    assert.equal(body.error.code, 'validation_failed');
    assert.match(body.error.message, /level/);
    assert.equal(body.error.details[0].in, 'query');
  });
});

test('GET /api/basemaps offers the online basemaps, and the Content-Security-Policy lets the page fetch their tiles and nothing else', async () => {
  const { status, body, headers } = await app.request('GET', '/api/basemaps');
  assert.equal(status, 200);
  assert.deepEqual(body.basemaps.map((b: { id: string; datum: string }) => `${b.id}:${b.datum}`), ['osm:wgs84', 'autonavi:gcj02']);
  const policy = Object.fromEntries((headers.get('content-security-policy') ?? '').split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  for (const directive of ['connect-src', 'img-src']) {
    assert.ok(policy[directive].includes('https://tile.openstreetmap.org') && policy[directive].includes('https://webrd01.is.autonavi.com'), `${directive}: ${policy[directive]}`);
  }
  assert.deepEqual(policy['script-src'], ["'self'"], 'scripts only from the page itself');
});

test('GET /api/departments lists departments with zh and en names', async () => {
  const { status, body } = await app.request('GET', '/api/departments');
  assert.equal(status, 200);
  const codes = body.map((d: any) => d.code);
  for (const code of ['command-centre', 'water-supply', 'street-lighting']) assert.ok(codes.includes(code), code);
  assert.ok(body.every((d: any) => d.name_zh && d.name_en && ['centre', 'government', 'enterprise'].includes(d.kind)));
});

describe('GET /api/classes', () => {
  test('?kind=component: 85 classes, each with a default owner and case class', async () => {
    const { body } = await app.request('GET', '/api/classes?kind=component');
    assert.equal(body.length, 85);
    const lamp = body.find((c: any) => c.code === '0118');
    assert.equal(lamp.name_zh, '路灯');
    assert.equal(lamp.kind, 'component');
    assert.equal(lamp.default_department, 'street-lighting');
    assert.ok(body.every((c: any) => c.default_department && ['A', 'B', 'C'].includes(c.default_case_class)));
  });

  test('?kind=event: 54 event classes; no kind: both', async () => {
    assert.equal((await app.request('GET', '/api/classes?kind=event')).body.length, 54);
    assert.equal((await app.request('GET', '/api/classes')).body.length, 85 + 54);
    assert.equal((await app.request('GET', '/api/classes?kind=vehicle')).status, 400);
  });
});

test('GET /api/openapi.json documents every route with its schemas', async () => {
  const { status, body } = await app.request('GET', '/api/openapi.json');
  assert.equal(status, 200);
  assert.equal(body.openapi, '3.1.0');
  for (const path of ['/api/health', '/api/grids', '/api/grids/{code}', '/api/departments', '/api/classes', '/api/auth/login', '/api/users']) {
    assert.ok(body.paths[path], `${path} is documented`);
  }
  assert.ok(body.components.schemas.GridCollection);
  assert.deepEqual(body.paths['/api/users'].post.security, [{ bearer: [] }]);
  const levelParam = body.paths['/api/grids'].get.parameters.find((p: any) => p.name === 'level');
  assert.equal(levelParam.in, 'query');
});

describe('bad requests get clear JSON errors', () => {
  test('unknown API route: 404 JSON', async () => {
    const { status, body } = await app.request('GET', '/api/nothing-here');
    assert.equal(status, 404);
    assert.equal(body.error.code, 'not_found');
    assert.match(body.error.message, /GET \/api\/nothing-here/);
    assert.ok(body.error.request_id);
  });

  test('malformed JSON: 400 malformed_json', async () => {
    const { status, body } = await app.request('POST', '/api/auth/login', { rawBody: '{"username": "admin",' });
    assert.equal(status, 400);
    assert.equal(body.error.code, 'malformed_json');
  });

  test('oversized body: 413', async () => {
    const { status, body } = await app.request('POST', '/api/auth/login', { rawBody: JSON.stringify({ username: 'x'.repeat(2_000_000), password: 'y' }) });
    assert.equal(status, 413);
    assert.equal(body.error.code, 'payload_too_large');
  });

  test('a request id given by the client is echoed, a hostile one replaced', async () => {
    const given = await app.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-123' } });
    assert.equal(given.headers.get('x-request-id'), 'trace-123');
    const hostile = await app.request('GET', '/api/health', { headers: { 'x-request-id': 'a b<script>' } });
    assert.notEqual(hostile.headers.get('x-request-id'), 'a b<script>');
  });
});
