/**
 * HTTP end to end: the nearby pick-list, streamed exports (GeoJSON and CSV) and the component card
 * (grid path, history, open cases). Paging and filters are in components-api.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { iterateComponentRows } from '../../api/components/component.repository.ts';
import type { TestApp } from '../support/test-app.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { codesOf, openComponentFixture, type ComponentFixture } from './component-client.ts';

let fixture: ComponentFixture;
let db: TestDatabase;
let app: TestApp;
let dispatcher: string;
let inspector: string;
let owner: string;
let total: number;
let everything: Map<string, any>;
let sqlCodes: ComponentFixture['sqlCodes'];

before(async () => {
  fixture = await openComponentFixture(2000);
  ({ db, app, dispatcher, inspector, owner, total, everything, sqlCodes } = fixture);
});
after(async () => {
  await fixture?.close();
});

describe('nearby', () => {
  /** Haversine distance in metres: an independent check of the spheroid distances PostGIS gives. */
  function metres([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
    const rad = Math.PI / 180;
    const a = Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 + Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lon2! - lon1!) * rad) / 2) ** 2;
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
  }

  test('candidates within the radius, nearest first, with distance_m; nothing within the radius left out', async () => {
    const all = [...everything.values()];
    // the component with the most neighbours within 500 m
    const centre = all
      .map((f) => ({ f, n: all.filter((g) => metres(f.geometry.coordinates, g.geometry.coordinates) < 500).length }))
      .sort((a, b) => b.n - a.n)[0]!.f;
    const [lon, lat] = centre.geometry.coordinates;
    const response = await app.request('GET', `/api/components/nearby?lon=${lon}&lat=${lat}&radius=500&limit=100`, { token: owner });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const features = response.body.features;
    assert.ok(features.length >= 3, `found ${features.length}`);
    assert.equal(features[0].id, centre.id, 'the clicked component comes first');
    assert.ok(features[0].properties.distance_m < 0.1);
    const distances = features.map((f: any) => f.properties.distance_m);
    assert.deepEqual(distances, [...distances].sort((a, b) => a - b));
    for (const f of features) {
      assert.ok(f.properties.distance_m <= 500);
      const approx = metres([lon, lat], f.geometry.coordinates);
      assert.ok(Math.abs(approx - f.properties.distance_m) <= 0.01 * approx + 0.05, `${f.properties.distance_m} vs ${approx}`);
    }
    const expected = all.filter((g) => metres([lon, lat], g.geometry.coordinates) < 495).map((g) => g.id);
    for (const code of expected) assert.ok(features.some((f: any) => f.id === code), `${code} is within the radius`);
  });

  test('the default radius is 20 m and limit caps the list', async () => {
    const centre = [...everything.values()][10];
    const [lon, lat] = centre.geometry.coordinates;
    const near = await app.request('GET', `/api/components/nearby?lon=${lon}&lat=${lat}`, { token: inspector });
    assert.equal(near.status, 200);
    assert.ok(near.body.features.every((f: any) => f.properties.distance_m <= 20));
    assert.ok(near.body.features.some((f: any) => f.id === centre.id));
    const one = await app.request('GET', `/api/components/nearby?lon=${lon}&lat=${lat}&radius=500&limit=1`, { token: inspector });
    assert.deepEqual(one.body.features.map((f: any) => f.id), [centre.id]);
  });

  test('radius over 500, a missing or out-of-range coordinate are 400s; far from anything is empty', async () => {
    for (const query of ['lon=120.6&lat=31.2&radius=501', 'lon=120.6', 'lon=190&lat=31', 'lon=120.6&lat=31.2&radius=0']) {
      assert.equal((await app.request('GET', `/api/components/nearby?${query}`, { token: dispatcher })).status, 400, query);
    }
    const sea = await app.request('GET', '/api/components/nearby?lon=0&lat=0&radius=500', { token: dispatcher });
    assert.deepEqual(sea.body.features, []);
  });
});

describe('export', () => {
  async function fetchRaw(path: string, token = dispatcher) {
    const response = await fetch(app.url + path, { headers: { authorization: `Bearer ${token}` } });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  test('CSV: UTF-8 with BOM, lon/lat columns, Chinese intact, one row per filtered component', async () => {
    const { response, bytes } = await fetchRaw('/api/components/export?format=csv&class=01&ownership=pending');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="?components-\d{8}\.csv"?$/);
    assert.equal(response.headers.get('content-length'), null, 'streamed, not buffered');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const records: Record<string, string>[] = parseCsv(bytes.subarray(3).toString('utf8'), { columns: true });
    const expected = await sqlCodes(`where cc.major_code = '01' and c.ownership_status = 'pending'`);
    assert.equal(records.length, expected.length);
    assert.deepEqual(records.map((r) => r.code).sort(), expected);
    const sample = records[0]!;
    const feature = everything.get(sample.code!);
    assert.deepEqual([Number(sample.lon), Number(sample.lat)], feature.geometry.coordinates);
    assert.equal(sample.class_name_zh, feature.properties.class_name_zh);
    assert.match(sample.class_name_zh!, /[\u4e00-\u9fff]/);
    assert.equal(typeof JSON.parse(sample.attributes!), 'object');
  });

  test('GeoJSON: a FeatureCollection of every component, attributes included', async () => {
    const { response, bytes } = await fetchRaw('/api/components/export');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/geo\+json/);
    assert.match(response.headers.get('content-disposition') ?? '', /components-\d{8}\.geojson/);
    const collection = JSON.parse(bytes.toString('utf8'));
    assert.equal(collection.type, 'FeatureCollection');
    assert.equal(collection.features.length, total);
    assert.deepEqual(codesOf(collection.features), [...everything.keys()].sort());
    const f = collection.features[0];
    assert.deepEqual({ ...f.properties, attributes: undefined }, { ...everything.get(f.id).properties, attributes: undefined });
    assert.equal(typeof f.properties.attributes, 'object');
  });

  test('an empty result is a valid empty document', async () => {
    const { bytes } = await fetchRaw('/api/components/export?format=geojson&bbox=0,0,1,1');
    assert.deepEqual(JSON.parse(bytes.toString('utf8')).features, []);
    const csv = await fetchRaw('/api/components/export?format=csv&bbox=0,0,1,1');
    assert.equal(parseCsv(csv.bytes.subarray(3).toString('utf8'), { columns: true }).length, 0);
  });

  test('the rows come from the database in keyset batches, each component once', async () => {
    const batches: number[] = [];
    const codes = new Set<string>();
    for await (const rows of iterateComponentRows(db.knex, {}, { batchSize: 300 })) {
      batches.push(rows.length);
      for (const row of rows) codes.add(row.code);
    }
    assert.equal(batches.length, Math.ceil(total / 300));
    assert.ok(batches.slice(0, -1).every((n) => n === 300));
    assert.equal(codes.size, total);
  });

  test('a bad filter or format is a 400 before anything streams', async () => {
    for (const query of ['format=xlsx', 'bbox=1,2,3', 'department=moon-base']) {
      const response = await app.request('GET', `/api/components/export?${query}`, { token: dispatcher });
      assert.equal(response.status, 400, query);
      assert.equal(typeof response.body.error.message, 'string');
    }
  });
});

describe('the component card', () => {
  let code: string;
  let componentId: number;

  before(async () => {
    const row = await db.knex('components').where('ownership_status', 'pending').whereIn('department_id', db.knex('departments').select('id').where('code', 'water-affairs')).orderBy('id').first('id', 'code', 'point', 'grid_id');
    code = row.code;
    componentId = row.id;
    // one open and one closed case on it; only the open one belongs on the card
    for (const [serial, state] of [[1, 'dispatched'], [2, 'closed']] as const) {
      await db.knex('cases').insert({
        number: `320506-20250301-000${serial}`,
        source: 'inspector',
        component_id: componentId,
        location: db.knex.raw('?::geometry', [row.point]),
        grid_id: row.grid_id,
        case_class: 'A',
        state,
      });
    }
  });

  test('class, owner, grid path town › community › base grid, attributes, survey batch, open cases', async () => {
    const response = await app.request('GET', `/api/components/${code}`, { token: inspector });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const card = response.body;
    const expected = await db.knex('components as c').join('component_classes as cc', 'cc.code', 'c.class_code').join('survey_batches as b', 'b.id', 'c.survey_batch_id').where('c.code', code).first('c.*', 'cc.name_zh', 'cc.name_en', 'b.name as batch_name');
    assert.equal(card.code, code);
    assert.deepEqual([card.class.code, card.class.name_zh, card.class.name_en], [expected.class_code, expected.name_zh, expected.name_en]);
    assert.equal(card.department.code, 'water-affairs');
    assert.match(card.department.name_zh, /水务局/);
    assert.equal(card.ownership_status, 'pending');
    assert.deepEqual(card.attributes, expected.attributes);
    assert.deepEqual(card.survey_batch.id, expected.survey_batch_id);
    assert.equal(card.survey_batch.name, expected.batch_name);
    assert.ok(!Number.isNaN(Date.parse(card.survey_batch.committed_at)));
    assert.equal(card.version, expected.version);

    assert.deepEqual(card.grid_path.map((g: any) => g.level), [2, 3, 4]);
    const base = await db.knex('grids').where({ id: expected.grid_id }).first();
    const community = await db.knex('grids').where({ id: base.parent_id }).first();
    const town = await db.knex('grids').where({ id: community.parent_id }).first();
    assert.deepEqual(card.grid_path.map((g: any) => g.code), [town.code, community.code, base.code]);
    assert.deepEqual(card.grid_path.map((g: any) => g.name_zh), [town.name_zh, community.name_zh, base.name_zh]);

    assert.deepEqual(card.open_cases.map((c: any) => [c.number, c.state]), [['320506-20250301-0001', 'dispatched']]);
    assert.deepEqual(card.geometry, everything.get(code).geometry);
    assert.deepEqual(card.point, everything.get(code).geometry.coordinates);
    assert.equal(card.open_dispute, null);
  });

  test('history lists the audit entries about the component, newest first', async () => {
    const confirm = await app.request('POST', '/api/ownership', { token: owner, body: { action: 'confirm', components: [{ code, version: 1 }] } });
    assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
    const card = (await app.request('GET', `/api/components/${code}`, { token: dispatcher })).body;
    assert.equal(card.ownership_status, 'confirmed');
    assert.equal(card.version, 2);
    assert.equal(card.history[0].action, 'ownership_confirm');
    assert.equal(card.history[0].username, 'owner-water');
    assert.deepEqual(card.history[0].details.to, { ownership_status: 'confirmed', department: 'water-affairs' });
    const audit = await db.knex('audit_log').where({ entity: 'component', entity_id: code }).orderBy('id', 'desc').pluck('id');
    assert.deepEqual(card.history.map((h: any) => h.id), audit);
  });

  test('an unknown code is a 404; a code that is not 16 digits a 400', async () => {
    assert.equal((await app.request('GET', '/api/components/3205069999999999', { token: dispatcher })).status, 404);
    for (const bad of ['123', '32050601010000011', '320506010100000x']) {
      const response = await app.request('GET', `/api/components/${bad}`, { token: dispatcher });
      assert.equal(response.status, 400, bad);
      assert.match(response.body.error.message, /16 digits/);
    }
  });
});
