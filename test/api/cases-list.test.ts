/**
 * HTTP: the case list — filters by state, department, grid (and the grids under it), bbox and
 * overdue; cursor paging; who may read it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { CaseClient, type SeededComponent } from './case-client.ts';

let db: TestDatabase;
let app: TestApp;
let cases: CaseClient;
let inspector: string;
let dispatcher: string;
let admin: string;

before(async () => {
  db = await openTestDatabase();
  await seedComponents(db.knex, 500);
  app = await startTestApp(db);
  cases = new CaseClient(app, db);
  inspector = await app.signIn('insp1', 'inspector', 'command-centre');
  dispatcher = await app.signIn('disp1', 'dispatcher', 'command-centre');
  admin = await app.signIn('admin1', 'admin');
});
after(async () => {
  await app?.close();
  await db?.close();
});

describe('the case list', () => {
  test('filters by state, department, grid (and the grids under it), bbox and overdue; pages with a cursor', async () => {
    const lamps: SeededComponent[] = [];
    for (let i = 0; i < 3; i++) lamps.push(await cases.component({ classCode: '0118' }));
    const opened = [];
    for (const lamp of lamps) opened.push(await cases.open(inspector, { component_code: lamp.code, problem_type: '0118-01' }));
    await cases.must(inspector, opened[0].id, 'verify');

    const list = async (query: string, token = dispatcher) => {
      const response = await app.request('GET', `/api/cases?${query}`, { token });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    };
    const ids = (page: any) => page.items.map((c: any) => c.id);

    const verified = await list('state=verified&limit=500');
    assert.ok(ids(verified).includes(opened[0].id));
    assert.ok(verified.items.every((c: any) => c.state === 'verified'));
    const both = await list('state=reported,verified&department=street-lighting&limit=500');
    for (const c of opened) assert.ok(ids(both).includes(c.id));
    assert.ok(both.items.every((c: any) => c.department?.code === 'street-lighting'));

    // a town's code finds the cases of its base grids
    const town = await db.knex.raw(`select t.code from grids b join grids c on c.id = b.parent_id join grids t on t.id = c.parent_id where b.id = ?`, [lamps[1]!.grid_id]);
    const inTown = await list(`grid=${town.rows[0].code}&limit=500`);
    assert.ok(ids(inTown).includes(opened[1].id));
    const expectedInTown = await db.knex.raw(
      `select count(*)::int as n from cases c join grids b on b.id = c.grid_id join grids m on m.id = b.parent_id join grids t on t.id = m.parent_id where t.code = ?`,
      [town.rows[0].code],
    );
    assert.equal(inTown.items.length, expectedInTown.rows[0].n);

    const d = 0.0005;
    const around = await list(`bbox=${lamps[2]!.lon - d},${lamps[2]!.lat - d},${lamps[2]!.lon + d},${lamps[2]!.lat + d}`);
    assert.ok(ids(around).includes(opened[2].id));
    assert.ok(around.items.every((c: any) => Math.abs(c.lon - lamps[2]!.lon) <= d && Math.abs(c.lat - lamps[2]!.lat) <= d), 'only cases inside the box');
    const inBox = await db.knex('cases').whereRaw('location && ST_MakeEnvelope(?, ?, ?, ?, 4326)', [lamps[2]!.lon - d, lamps[2]!.lat - d, lamps[2]!.lon + d, lamps[2]!.lat + d]).count('* as n').first();
    assert.equal(around.items.length, Number(inBox!.n));

    assert.ok(!ids(await list('overdue=true&limit=500')).includes(opened[1].id));
    await db.knex('cases').where({ id: opened[1].id }).update({ due_at: new Date(Date.now() - 60_000) });
    const overdue = await list('overdue=true&limit=500');
    assert.ok(ids(overdue).includes(opened[1].id));
    assert.ok(overdue.items.every((c: any) => c.overdue === true));
    assert.ok(!ids(await list('overdue=false&limit=500')).includes(opened[1].id));

    // paging: newest first, no case twice, every case once
    for (let i = 0; i < 8; i++) {
      const place = await cases.pointInBaseGrid(200 + i * 20);
      await cases.open(inspector, { problem_type: 'E0102', lon: place.lon, lat: place.lat });
    }
    const all = await list('limit=500');
    assert.ok(all.items.length >= 11, 'several pages of four');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await list(`limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 4);
      seen.push(...ids(page));
      cursor = page.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, ids(all));
    assert.deepEqual(seen, [...seen].sort((a, b) => b - a));

    for (const query of ['state=open', 'bbox=1,2,3', 'overdue=yes', 'department=nobody', 'grid=999', 'limit=0']) {
      const response = await app.request('GET', `/api/cases?${query}`, { token: dispatcher });
      assert.equal(response.status, 400, query);
    }
  });

  test('admins read cases; contractors and anonymous callers do not; the OpenAPI document lists the routes', async () => {
    assert.equal((await app.request('GET', '/api/cases', { token: admin })).status, 200);
    const contractor = await app.signIn('survey-co', 'contractor');
    assert.equal((await app.request('GET', '/api/cases', { token: contractor })).status, 403);
    assert.equal((await app.request('GET', '/api/cases')).status, 401);
    const openapi = (await app.request('GET', '/api/openapi.json')).body;
    for (const path of ['/api/cases', '/api/cases/{id}', '/api/cases/{id}/transitions']) assert.ok(openapi.paths[path], path);
  });
});
