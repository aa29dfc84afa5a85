/**
 * HTTP: the Open311 GeoReport v2 facade. An admin registers a client (its key shown once); the
 * services are the catalogue's problem types; a citizen's request (form-encoded or JSON) becomes
 * a case through the same service as every report; it is read back open, walked through the loop,
 * and read back closed. Errors are the spec's [{code, description}].
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { CaseClient } from './case-client.ts';

let db: TestDatabase;
let app: TestApp;
let cases: CaseClient;
let admin: string;
let inspector: string;
let dispatcher: string;
let apiKey: string;

before(async () => {
  db = await openTestDatabase();
  await seedComponents(db.knex, 500);
  app = await startTestApp(db);
  cases = new CaseClient(app, db);
  admin = await app.signIn('admin1', 'admin');
  inspector = await app.signIn('insp1', 'inspector', 'command-centre');
  dispatcher = await app.signIn('disp1', 'dispatcher', 'command-centre');
});
after(async () => {
  await app?.close();
  await db?.close();
});

/** A form-encoded POST, as GeoReport v2 clients send it. */
function postForm(path: string, fields: Record<string, string | number>): Promise<TestResponse> {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
  return app.request('POST', path, { rawBody: body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

function assertGeoReportError(response: TestResponse, status: number, pattern?: RegExp): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.ok(Array.isArray(response.body), `an array: ${JSON.stringify(response.body)}`);
  assert.equal(response.body.length, 1);
  assert.equal(response.body[0].code, status);
  assert.equal(typeof response.body[0].description, 'string');
  if (pattern) assert.match(response.body[0].description, pattern);
}

describe('clients and their keys', () => {
  test('an admin registers a client and sees its key once; others may not; names are unique', async () => {
    const created = await app.request('POST', '/api/open311-clients', { token: admin, body: { name: '寒山闻钟 citizen app' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.api_key, /^o311_[\w-]{32}$/);
    apiKey = created.body.api_key;
    const listed = await app.request('GET', '/api/open311-clients', { token: admin });
    assert.deepEqual(listed.body.map((c: any) => c.name), ['寒山闻钟 citizen app']);
    assert.ok(!('api_key' in listed.body[0]) && !('api_key_hash' in listed.body[0]));
    const stored = await db.knex('open311_clients').first('api_key_hash');
    assert.notEqual(stored.api_key_hash, apiKey, 'only a hash is kept');
    assert.equal((await app.request('POST', '/api/open311-clients', { token: admin, body: { name: '寒山闻钟 citizen app' } })).status, 409);
    assert.equal((await app.request('POST', '/api/open311-clients', { token: dispatcher, body: { name: 'other' } })).status, 403);
    assert.equal(await db.knex('audit_log').where({ entity: 'open311_client', action: 'create' }).count('* as n').first().then((r: any) => Number(r.n)), 1);
  });
});

describe('services.json', () => {
  test('every problem type is a service, with the fields of the spec', async () => {
    const response = await app.request('GET', '/open311/v2/services.json');
    assert.equal(response.status, 200);
    const count = await db.knex('problem_types').count('* as n').first();
    assert.equal(response.body.length, Number(count!.n));
    const lampOut = response.body.find((s: any) => s.service_code === '0118-01');
    const garbage = response.body.find((s: any) => s.service_code === 'E0102');
    for (const service of [lampOut, garbage]) {
      assert.ok(service);
      assert.deepEqual(Object.keys(service).sort(), ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type']);
      assert.equal(service.metadata, false);
      assert.equal(service.type, 'realtime');
    }
    assert.equal(garbage.service_name, (await db.knex('problem_types').where({ code: 'E0102' }).first()).name_zh);
  });
});

describe('a citizen request, round trip', () => {
  test('form-encoded POST → a citizen case → read back open → through the loop → read back closed', async () => {
    const place = await cases.pointInBaseGrid(12);
    const posted = await postForm('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 'E0102',
      lat: place.lat,
      long: place.lon,
      description: '路边有暴露垃圾 garbage by the road',
      email: 'citizen@example.cn',
      address_string: '东吴北路 Dongwu North Road',
    });
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    assert.equal(posted.body.length, 1);
    const id = posted.body[0].service_request_id;
    assert.match(id, /^320506-\d{8}-\d{4}$/);

    // the case as the centre sees it: a citizen's report through the same service
    const row = await db.knex('cases').where({ number: id }).first();
    assert.equal(row.source, 'citizen');
    assert.equal(row.reporter_id, null);
    assert.equal(row.event_class_code, '0102');
    const opened = (await cases.get(inspector, row.id)).body;
    assert.equal(opened.grid.code, place.gridCode);
    const report = opened.events[0];
    assert.deepEqual([report.action, report.role, report.user_id], ['report', 'citizen', null]);
    assert.deepEqual(report.details, { problem_type: 'E0102', case_class: opened.case_class, open311_client: '寒山闻钟 citizen app', email: 'citizen@example.cn', address: '东吴北路 Dongwu North Road' });
    const audit = await db.knex('audit_log').where({ entity: 'case', entity_id: String(row.id) }).first();
    assert.deepEqual([audit.username, audit.role, audit.user_id], ['open311:寒山闻钟 citizen app', 'citizen', null]);

    const one = await app.request('GET', `/open311/v2/requests/${id}.json`);
    assert.equal(one.status, 200);
    assert.equal(one.body.length, 1);
    const open = one.body[0];
    assert.equal(open.service_request_id, id);
    assert.equal(open.status, 'open');
    assert.equal(open.service_code, 'E0102');
    assert.equal(open.description, '路边有暴露垃圾 garbage by the road');
    assert.ok(Math.abs(open.lat - place.lat) < 1e-9 && Math.abs(open.long - place.lon) < 1e-9);
    assert.equal(new Date(open.requested_datetime).toISOString(), new Date(row.created_at).toISOString());
    assert.equal(open.agency_responsible, null, 'not dispatched yet');

    const owner = await app.signIn('sanitation-owner', 'owner', 'sanitation');
    await cases.must(inspector, row.id, 'verify');
    await cases.must(inspector, row.id, 'file');
    const dispatched = await cases.must(dispatcher, row.id, 'dispatch', { department: 'sanitation' });
    await cases.must(owner, row.id, 'dispose', { note: '已清运 cleared' });
    await cases.must(inspector, row.id, 'close');

    const closed = (await app.request('GET', `/open311/v2/requests/${id}.json`)).body[0];
    assert.equal(closed.status, 'closed');
    assert.equal(closed.status_notes, 'evaluated');
    assert.equal(closed.agency_responsible, dispatched.department.name_zh);
    assert.equal(closed.expected_datetime, dispatched.deadlines.dispose);
    assert.ok(new Date(closed.updated_datetime) > new Date(closed.requested_datetime));

    const listed = await app.request('GET', `/open311/v2/requests.json?status=closed&service_code=E0102`);
    assert.ok(listed.body.some((r: any) => r.service_request_id === id));
    assert.ok(listed.body.every((r: any) => r.status === 'closed' && r.service_code === 'E0102'));
    const openOnes = await app.request('GET', `/open311/v2/requests.json?status=open`);
    assert.ok(!openOnes.body.some((r: any) => r.service_request_id === id));
    const byId = await app.request('GET', `/open311/v2/requests.json?service_request_id=${id}`);
    assert.deepEqual(byId.body.map((r: any) => r.service_request_id), [id]);
    const future = await app.request('GET', `/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z`);
    assert.deepEqual(future.body, []);
  });

  test("a JSON POST of a component's problem near a component reports on it; a second one joins the case", async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const body = { api_key: apiKey, service_code: '0118-01', lat: lamp.lat, long: lamp.lon + 5 / 95_000, description: '路灯不亮' };
    const first = await app.request('POST', '/open311/v2/requests.json', { body });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const row = await db.knex('cases').where({ number: first.body[0].service_request_id }).first();
    assert.equal(row.component_id, lamp.id);
    assert.equal(first.body[0].service_notice, null);
    const second = await app.request('POST', '/open311/v2/requests.json', { body: { ...body, description: '还是不亮' } });
    assert.equal(second.status, 201);
    assert.equal(second.body[0].service_request_id, first.body[0].service_request_id);
    assert.match(second.body[0].service_notice, /joined/);
  });
});

describe('errors as the spec has them', () => {
  test('missing or wrong key, unknown service, outside the district, no coordinates, malformed body, unknown request', async () => {
    const place = await cases.pointInBaseGrid(20);
    const base = { api_key: apiKey, service_code: 'E0102', lat: place.lat, long: place.lon };
    assertGeoReportError(await postForm('/open311/v2/requests.json', { ...base, api_key: '' }), 400, /api_key/);
    assertGeoReportError(await postForm('/open311/v2/requests.json', { ...base, api_key: 'o311_not-a-real-key' }), 401);
    assertGeoReportError(await postForm('/open311/v2/requests.json', { ...base, service_code: 'E9999' }), 400);
    assertGeoReportError(await postForm('/open311/v2/requests.json', { ...base, service_code: 'nonsense' }), 400, /service_code/);
    assertGeoReportError(await postForm('/open311/v2/requests.json', { ...base, lat: 31.2, long: 121.9 }), 400, /outside the district/);
    assertGeoReportError(await postForm('/open311/v2/requests.json', { api_key: apiKey, service_code: 'E0102', address_string: '东吴北路' }), 400, /geocode/);
    assertGeoReportError(await postForm('/open311/v2/requests.json', { ...base, lat: 'north' }), 400);
    assertGeoReportError(await app.request('POST', '/open311/v2/requests.json', { rawBody: '{"api_key": ' }), 400);
    assertGeoReportError(await app.request('GET', '/open311/v2/requests/320506-20000101-0001.json'), 404);
    assertGeoReportError(await app.request('GET', '/open311/v2/requests.json?status=pending'), 400);
    assertGeoReportError(await app.request('GET', '/open311/v2/services.xml'), 404);

    await db.knex('open311_clients').update({ active: false });
    assertGeoReportError(await postForm('/open311/v2/requests.json', base), 401, /api_key/);
    await db.knex('open311_clients').update({ active: true });
    assert.equal(await db.knex('cases').where({ source: 'citizen' }).whereRaw('ST_X(location) > 121').count('* as n').first().then((r: any) => Number(r.n)), 0);
  });
});
