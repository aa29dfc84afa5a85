/**
 * HTTP races: two transitions on one case at once (one wins, the other gets 409), reports racing
 * on one component (one case, the rest join it), and case numbers under concurrent reports
 * (unique, consecutive). On PGlite requests queue on its one connection; on PostgreSQL they
 * truly overlap.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedComponents } from '../support/component-seed.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { CaseClient } from './case-client.ts';

let db: TestDatabase;
let app: TestApp;
let cases: CaseClient;
let inspector: string;
let inspector2: string;
let dispatcher: string;
let owner: string;

before(async () => {
  db = await openTestDatabase();
  await seedComponents(db.knex, 500);
  app = await startTestApp(db);
  cases = new CaseClient(app, db);
  inspector = await app.signIn('insp1', 'inspector', 'command-centre');
  inspector2 = await app.signIn('insp2', 'inspector', 'command-centre');
  dispatcher = await app.signIn('disp1', 'dispatcher', 'command-centre');
  owner = await app.signIn('lamp-owner', 'owner', 'street-lighting');
});
after(async () => {
  await app?.close();
  await db?.close();
});

const transition = (token: string, id: number, body: Record<string, unknown>) => app.request('POST', `/api/cases/${id}/transitions`, { token, body });

describe('two transitions on one case at the same time', () => {
  test('the same action twice at the same version: one 200, one 409; one event, one version step', async () => {
    for (let round = 0; round < 5; round++) {
      const opened = await cases.caseIn('reported', { inspector, dispatcher, owner }, { classCode: '0118', department: 'street-lighting' });
      const responses = await Promise.all([
        transition(inspector, opened.id, { action: 'verify', version: opened.version }),
        transition(inspector2, opened.id, { action: 'verify', version: opened.version }),
      ]);
      const statuses = responses.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409], JSON.stringify(responses.map((r) => r.body)));
      const loser = responses.find((r) => r.status === 409)!;
      assert.equal(loser.body.error.code, 'version_conflict');
      const events = await db.knex('case_events').where({ case_id: opened.id, action: 'verify' }).count('* as n').first();
      assert.equal(Number(events!.n), 1);
      assert.deepEqual(await db.knex('cases').where({ id: opened.id }).first('state', 'version'), { state: 'verified', version: opened.version + 1 });
    }
  });

  test('different actions at once (close against return): exactly one happens', async () => {
    const disposed = await cases.caseIn('disposed', { inspector, dispatcher, owner }, { classCode: '0118', department: 'street-lighting' });
    const responses = await Promise.all([
      transition(inspector, disposed.id, { action: 'close', version: disposed.version }),
      transition(inspector2, disposed.id, { action: 'return', version: disposed.version, note: 'still broken' }),
    ]);
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 409]);
    const winner = responses.find((r) => r.status === 200)!.body;
    const after = await db.knex('case_events').where({ case_id: disposed.id }).orderBy('id').pluck('action');
    assert.deepEqual(after.slice(-(winner.state === 'evaluated' ? 2 : 1)), winner.state === 'evaluated' ? ['close', 'evaluate'] : ['return']);
    assert.equal(after.filter((a: string) => a === 'close' || a === 'return').length, 1);
  });
});

describe('reports racing', () => {
  test('five reports on one component at once: one case opened (201), four join it (200)', async () => {
    const lamp = await cases.component({ classCode: '0118' });
    const tokens = [inspector, inspector2, dispatcher, inspector, dispatcher];
    const responses = await Promise.all(tokens.map((token, i) => cases.report(token, { component_code: lamp.code, problem_type: '0118-01', note: `report ${i}` })));
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 200, 200, 200, 201], JSON.stringify(responses.map((r) => r.body)));
    assert.equal(new Set(responses.map((r) => r.body.id)).size, 1);
    assert.equal(responses.filter((r) => r.body.joined).length, 4);
    const caseIds = await db.knex('cases').where({ component_id: lamp.id }).pluck('id');
    assert.equal(caseIds.length, 1);
    const actions = await db.knex('case_events').where({ case_id: caseIds[0] }).orderBy('id').pluck('action');
    assert.deepEqual(actions, ['report', 'join', 'join', 'join', 'join']);
  });

  test('twenty reports at once get twenty distinct, consecutive case numbers of the day', async () => {
    const place = await cases.pointInBaseGrid(100);
    const before = await db.knex('cases').max('id as id').first();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => cases.report(i % 2 ? inspector : inspector2, { problem_type: 'E0102', lon: place.lon, lat: place.lat + (i * 200) / 111_320 })),
    );
    assert.ok(responses.every((r) => r.status === 201), JSON.stringify(responses.find((r) => r.status !== 201)?.body));
    const numbers = responses.map((r) => r.body.number as string);
    assert.equal(new Set(numbers).size, 20);
    const prefix = numbers[0]!.slice(0, 16);
    assert.ok(numbers.every((n) => n.startsWith(prefix)));
    const serials = numbers.map((n) => Number(n.slice(16))).sort((a, b) => a - b);
    const earlier = await db.knex('cases').where('id', '<=', before?.id ?? 0).where('number', 'like', `${prefix}%`).count('* as n').first();
    assert.deepEqual(serials, Array.from({ length: 20 }, (_, i) => Number(earlier!.n) + i + 1));
  });
});
