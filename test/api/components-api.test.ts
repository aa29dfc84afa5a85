/**
 * HTTP end to end: component queries — cursor paging, every filter alone and combined, and who may
 * read. Expected answers are computed independently: from SQL written here, or from the full
 * unfiltered listing in plain JavaScript. The nearby pick-list, exports and the component card are
 * in components-nearby-export.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { codesOf, openComponentFixture, type ComponentFixture } from './component-client.ts';

let fixture: ComponentFixture;
let db: TestDatabase;
let app: TestApp;
let dispatcher: string;
let inspector: string;
let owner: string;
let admin: string;
let contractor: string;
let total: number;
let everything: Map<string, any>;
let listAll: ComponentFixture['listAll'];
let sqlCodes: ComponentFixture['sqlCodes'];

before(async () => {
  fixture = await openComponentFixture(2000);
  ({ db, app, dispatcher, inspector, owner, admin, contractor, total, everything, listAll, sqlCodes } = fixture);
});
after(async () => {
  await fixture?.close();
});

describe('paging', () => {
  test('walking every page (150 a page) gives every component exactly once, in id order', async () => {
    const features = await listAll('', 150);
    assert.equal(features.length, total);
    assert.equal(new Set(features.map((f) => f.id)).size, total);
    assert.deepEqual(codesOf(features), await sqlCodes(''));
    const inIdOrder: string[] = await db.knex('components').orderBy('id').pluck('code');
    assert.deepEqual(features.map((f) => f.id), inIdOrder, 'keyset order is id order');
  });

  test('the default page is 100, with a next cursor; the last page has next null', async () => {
    const first = await app.request('GET', '/api/components', { token: dispatcher });
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /application\/geo\+json/);
    assert.equal(first.body.type, 'FeatureCollection');
    assert.equal(first.body.features.length, 100);
    assert.equal(first.body.returned, 100);
    assert.equal(typeof first.body.next, 'string');
    assert.doesNotMatch(first.body.next, /^\d+$/, 'the cursor is opaque');

    assert.equal(total % 1000, 0, 'the seed fills whole pages of 1000');
    let cursor = '';
    for (let page = 1; page <= total / 1000; page++) {
      const response = await app.request('GET', `/api/components?limit=1000${cursor}`, { token: dispatcher });
      assert.equal(response.body.features.length, 1000);
      if (page < total / 1000) cursor = `&cursor=${response.body.next}`;
      else assert.equal(response.body.next, null, 'a full last page still ends the walk: no empty page to fetch');
    }
  });

  test('features carry the documented properties; id is the code', () => {
    const feature = everything.values().next().value;
    assert.equal(feature.type, 'Feature');
    assert.equal(feature.id, feature.properties.code);
    assert.match(feature.id, /^3205060\d{9}$/);
    assert.equal(feature.geometry.type, 'Point');
    for (const key of ['class_code', 'class_name_zh', 'class_name_en', 'major_code', 'department_code', 'department_name_zh', 'department_name_en', 'ownership_status', 'grid_code', 'version']) {
      assert.ok(key in feature.properties, key);
    }
    assert.equal(feature.properties.major_code, feature.properties.class_code.slice(0, 2));
  });

  test('limit above 1000 or below 1 and foreign cursors are 400s', async () => {
    for (const query of ['limit=1001', 'limit=0', 'limit=ten', 'cursor=NDI', 'cursor=not%20a%20cursor']) {
      const response = await app.request('GET', `/api/components?${query}`, { token: dispatcher });
      assert.equal(response.status, 400, query);
    }
  });
});

describe('filters', () => {
  test('class: a sub-class, a major class, and a comma list of both', async () => {
    assert.deepEqual(codesOf(await listAll('class=0101')), await sqlCodes(`where c.class_code = '0101'`));
    const major = await listAll('class=04');
    assert.ok(major.length > 0);
    assert.deepEqual(codesOf(major), await sqlCodes(`where cc.major_code = '04'`));
    assert.deepEqual(codesOf(await listAll('class=0101,04')), await sqlCodes(`where c.class_code = '0101' or cc.major_code = '04'`));
  });

  test('department, ownership, and each of their comma lists', async () => {
    const dept = `where c.department_id in (select id from departments where code = any(?))`;
    assert.deepEqual(codesOf(await listAll('department=water-affairs')), await sqlCodes(dept, [['water-affairs']]));
    assert.deepEqual(codesOf(await listAll('department=police,gas')), await sqlCodes(dept, [['police', 'gas']]));
    for (const status of ['pending', 'confirmed', 'disputed']) {
      const features = await listAll(`ownership=${status}`);
      assert.ok(features.length > 0, status);
      assert.ok(features.every((f) => f.properties.ownership_status === status));
      assert.deepEqual(codesOf(features), await sqlCodes(`where c.ownership_status = ?`, [status]));
    }
    assert.equal((await listAll('ownership=confirmed,disputed')).length, (await listAll('ownership=confirmed')).length + (await listAll('ownership=disputed')).length);
  });

  test('grid at district, town, community and base-grid level includes every base grid below', async () => {
    const busiest: { base: string; community: string; town: string } = (
      await db.knex.raw(`select b.code as base, m.code as community, t.code as town
        from components c join grids b on b.id = c.grid_id join grids m on m.id = b.parent_id join grids t on t.id = m.parent_id
        group by b.code, m.code, t.code order by count(*) desc limit 1`)
    ).rows[0];
    const underTown = await sqlCodes(`join grids b on b.id = c.grid_id join grids m on m.id = b.parent_id join grids t on t.id = m.parent_id where t.code = ?`, [busiest.town]);
    const underCommunity = await sqlCodes(`join grids b on b.id = c.grid_id join grids m on m.id = b.parent_id where m.code = ?`, [busiest.community]);
    const inBase = await sqlCodes(`join grids b on b.id = c.grid_id where b.code = ?`, [busiest.base]);
    assert.ok(underTown.length > underCommunity.length && underCommunity.length >= inBase.length && inBase.length > 0);
    assert.deepEqual(codesOf(await listAll(`grid=${busiest.town}`)), underTown);
    assert.deepEqual(codesOf(await listAll(`grid=${busiest.community}`)), underCommunity);
    const base = await listAll(`grid=${busiest.base}`);
    assert.deepEqual(codesOf(base), inBase);
    assert.ok(base.every((f) => f.properties.grid_code === busiest.base));
    assert.equal((await listAll('grid=320506')).length, total, 'the district holds everything');
  });

  test('q: a code prefix, or part of a class name in Chinese or English (any case)', async () => {
    assert.deepEqual(codesOf(await listAll('q=3205060101')), await sqlCodes(`where c.code like '3205060101%'`));
    assert.deepEqual(codesOf(await listAll('q=32050601010000')), await sqlCodes(`where c.code like '32050601010000%'`));
    const first = [...everything.keys()][0]!;
    assert.deepEqual(codesOf(await listAll(`q=${first}`)), [first]);
    assert.deepEqual(await listAll('q=32050601010000011'), [], 'longer than a code matches nothing');

    const covers = await listAll(`q=${encodeURIComponent('井盖')}`);
    assert.ok(covers.length > 0);
    assert.deepEqual(codesOf(covers), await sqlCodes(`where cc.name_zh like '%井盖%' or cc.major_name_zh like '%井盖%'`));
    assert.deepEqual(codesOf(await listAll('q=MANHOLE')), await sqlCodes(`where cc.name_en ilike '%manhole%' or cc.major_name_en ilike '%manhole%'`));
    assert.deepEqual(await listAll('q=%25'), [], 'a % is a character, not a wildcard');
  });

  test('bbox selects the points inside the box (edges included)', async () => {
    const points = [...everything.values()].map((f) => f.geometry.coordinates as [number, number]);
    const lons = points.map((p) => p[0]).sort((a, b) => a - b);
    const lats = points.map((p) => p[1]).sort((a, b) => a - b);
    const box = [lons[Math.floor(lons.length * 0.25)]!, lats[Math.floor(lats.length * 0.25)]!, lons[Math.floor(lons.length * 0.75)]!, lats[Math.floor(lats.length * 0.75)]!];
    const inside = [...everything.values()].filter(({ geometry: { coordinates: [x, y] } }) => x >= box[0]! && x <= box[2]! && y >= box[1]! && y <= box[3]!);
    assert.ok(inside.length > 50 && inside.length < total / 2);
    assert.deepEqual(codesOf(await listAll(`bbox=${box.join(',')}`)), codesOf(inside));
  });

  test('filters combine with AND', async () => {
    const box = [120.3, 31.0, 120.8, 31.35];
    const expected = [...everything.values()].filter(
      (f) =>
        f.properties.major_code === '01' &&
        f.properties.department_code === 'water-affairs' &&
        f.properties.ownership_status === 'pending' &&
        f.geometry.coordinates[0] >= box[0]! &&
        f.geometry.coordinates[0] <= box[2]! &&
        f.geometry.coordinates[1] >= box[1]! &&
        f.geometry.coordinates[1] <= box[3]!,
    );
    assert.ok(expected.length > 0);
    const got = await listAll(`class=01&department=water-affairs&ownership=pending&bbox=${box.join(',')}`, 7);
    assert.deepEqual(codesOf(got), codesOf(expected));
  });

  test('open_case=true keeps the components with an unfinished repair case; a finished one does not count', async () => {
    const [open, finished] = (await db.knex('components').select('id', 'code', 'grid_id', db.knex.raw('ST_X(point) as lon, ST_Y(point) as lat')).orderBy('id').limit(2)) as {
      id: number;
      code: string;
      grid_id: number;
      lon: number;
      lat: number;
    }[];
    const caseOn = (component: typeof open, number: string, state: string) => ({
      number,
      source: 'dispatcher',
      component_id: component!.id,
      location: db.knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [component!.lon, component!.lat]),
      grid_id: component!.grid_id,
      case_class: 'B',
      state,
    });
    const ids = await db.knex('cases').insert([caseOn(open, '320506-20261128-8001', 'dispatched'), caseOn(finished, '320506-20261128-8002', 'closed')], ['id']);
    try {
      assert.deepEqual(codesOf(await listAll('open_case=true')), [open!.code]);
      assert.equal((await listAll('open_case=false')).length, total, 'false filters nothing');
      assert.deepEqual(codesOf(await listAll(`open_case=true&class=${open!.code.slice(6, 10)}`)), [open!.code], 'combines with the others');
      const bad = await app.request('GET', '/api/components?open_case=maybe', { token: dispatcher });
      assert.equal(bad.status, 400);
      assert.match(bad.body.error.message, /open_case/);
    } finally {
      await db.knex('cases').whereIn('id', ids.map((row: { id: number }) => row.id)).delete();
    }
  });

  test('a malformed bbox is a 400 that says what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['120,31,121', /four numbers/],
      ['121,31,120,32', /minLon is greater/],
      ['120,32,121,31', /minLat is greater/],
      ['120,31,200,32', /longitudes/],
      ['120,31,121,91', /latitudes/],
      ['east,south,west,north', /four numbers/],
    ];
    for (const [bbox, message] of cases) {
      const response = await app.request('GET', `/api/components?bbox=${bbox}`, { token: dispatcher });
      assert.equal(response.status, 400, bbox);
      assert.equal(response.body.error.code, 'validation_failed');
      assert.match(response.body.error.message, /bbox/);
      assert.match(response.body.error.message, message, bbox);
    }
  });

  test('unknown departments and grids are 400s, malformed class codes too', async () => {
    const unknownDepartment = await app.request('GET', '/api/components?department=water-affairs,moon-base', { token: dispatcher });
    assert.equal(unknownDepartment.status, 400);
    assert.match(unknownDepartment.body.error.message, /moon-base/);
    assert.equal((await app.request('GET', '/api/components?grid=32050699999999', { token: dispatcher })).status, 400);
    assert.equal((await app.request('GET', '/api/components?grid=12', { token: dispatcher })).status, 400);
    assert.equal((await app.request('GET', '/api/components?class=1', { token: dispatcher })).status, 400);
    assert.equal((await app.request('GET', '/api/components?ownership=lost', { token: dispatcher })).status, 400);
  });
});

describe('who may read', () => {
  const paths = () => [
    '/api/components',
    `/api/components/${[...everything.keys()][0]}`,
    '/api/components/nearby?lon=120.6&lat=31.2',
    '/api/components/export?format=csv&class=0101',
  ];

  test('signed out: 401', async () => {
    for (const path of paths()) assert.equal((await app.request('GET', path)).status, 401, path);
  });

  test('a contractor: 403 naming the roles that may', async () => {
    for (const path of paths()) {
      const response = await app.request('GET', path, { token: contractor });
      assert.equal(response.status, 403, path);
      assert.match(response.body.error.message, /admin, dispatcher, inspector, owner/);
    }
  });

  test('admin, dispatcher, inspector and owner (of any department) may', async () => {
    for (const token of [admin, dispatcher, inspector, owner]) {
      for (const path of paths()) assert.equal((await app.request('GET', path, { token })).status, 200, path);
    }
    const police = await app.request('GET', '/api/components?department=police', { token: owner });
    assert.ok(police.body.features.length > 0, 'an owner sees other departments on the map');
  });

  test('the OpenAPI document has the routes and states the read rule', async () => {
    const { body } = await app.request('GET', '/api/openapi.json');
    for (const path of ['/api/components', '/api/components/{code}', '/api/components/nearby', '/api/components/export']) assert.ok(body.paths[path]?.get, path);
    assert.match(body.paths['/api/components'].get.responses['200'].description, /owners see every department.*contractors get 403/);
  });
});
