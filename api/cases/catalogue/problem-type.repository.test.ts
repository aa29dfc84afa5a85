/**
 * Database and HTTP test (PGlite, or PostgreSQL with DATABASE_URL): the catalogue seed, the
 * repository and GET /api/problem-types.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { seedCaseCatalogue } from '../../db/seeds/case-catalogue.seed.ts';
import { readProblemTypeCatalogue } from './problem-type-catalogue.ts';
import { findProblemType, listProblemTypes } from './problem-type.repository.ts';

const catalogue = readProblemTypeCatalogue();
let db: TestDatabase;
let app: TestApp;
before(async () => {
  db = await openTestDatabase();
  app = await startTestApp(db);
});
after(async () => {
  await app?.close();
  await db?.close();
});

describe('the seeded catalogue', () => {
  test('holds every entry of data/cases/problem-types.json', async () => {
    const all = await listProblemTypes(db.knex);
    assert.equal(all.length, catalogue.problemTypes.length);
    assert.deepEqual(all.find((p) => p.code === '0118-02'), { code: '0118-02', class_code: '0118', event_class_code: null, name_zh: '昼亮', name_en: 'Lit in daytime', case_class: 'C' });
    assert.ok(all.findIndex((p) => p.event_class_code !== null) > all.findLastIndex((p) => p.class_code !== null), 'component problems come first');
  });

  test('findProblemType answers only for the class the problem belongs to', async () => {
    assert.equal((await findProblemType(db.knex, '0101', '0101-02'))?.name_zh, '缺失');
    assert.equal(await findProblemType(db.knex, '0102', '0101-02'), undefined);
    assert.equal((await findProblemType(db.knex, '0401', 'E0401'))?.case_class, 'A');
    assert.equal(await findProblemType(db.knex, '0101', 'E0401'), undefined);
    assert.equal(await findProblemType(db.knex, '0101', '0101-99'), undefined);
  });

  test('listProblemTypes narrows to a component class or an event class', async () => {
    assert.deepEqual((await listProblemTypes(db.knex, { classCode: '0210' })).map((p) => p.name_zh), ['不亮', '故障', '灯杆倾斜', '损坏', '遮挡']);
    assert.deepEqual((await listProblemTypes(db.knex, { eventClassCode: '0505' })).map((p) => p.code), ['E0505']);
  });

  test('a row cannot name both a component class and an event class', async () => {
    await assert.rejects(
      db.knex('problem_types').insert({ code: 'X', class_code: '0101', event_class_code: '0101', name_zh: 'x', name_en: 'x', case_class: 'B' }),
      /problem_types_subject_check/,
    );
  });
});

describe('re-seeding', () => {
  test('is skipped while the file is unchanged', async () => {
    assert.equal(await seedCaseCatalogue(db.knex), false);
  });

  test('a changed catalogue updates rows, adds new ones and drops retired codes, once', async () => {
    const changed = {
      hash: `${catalogue.hash}-changed`,
      problemTypes: [
        ...catalogue.problemTypes.filter((p) => p.code !== '0118-06').map((p) => (p.code === '0118-01' ? { ...p, name_en: 'Dark', case_class: 'A' as const } : p)),
        { code: '0118-99', class_code: '0118', event_class_code: null, name_zh: '被撞', name_en: 'Hit by a vehicle', case_class: 'A' as const },
      ],
    };
    assert.equal(await seedCaseCatalogue(db.knex, changed), true);
    assert.equal(await seedCaseCatalogue(db.knex, changed), false);
    const lamps = await listProblemTypes(db.knex, { classCode: '0118' });
    assert.equal(lamps.find((p) => p.code === '0118-01')?.name_en, 'Dark');
    assert.equal(lamps.find((p) => p.code === '0118-01')?.case_class, 'A');
    assert.ok(lamps.some((p) => p.code === '0118-99'));
    assert.ok(!lamps.some((p) => p.code === '0118-06'));
    // back to the file
    assert.equal(await seedCaseCatalogue(db.knex), true);
    assert.equal((await listProblemTypes(db.knex)).length, catalogue.problemTypes.length);
  });
});

describe('GET /api/problem-types', () => {
  test('needs a signed-in user of any role', async () => {
    assert.equal((await app.request('GET', '/api/problem-types')).status, 401);
    const token = await app.signIn('catalogue-contractor', 'contractor');
    const { status, body } = await app.request('GET', '/api/problem-types', { token });
    assert.equal(status, 200);
    assert.equal(body.length, catalogue.problemTypes.length);
  });

  test('?class= and ?event_class= narrow the list; both at once is a 400', async () => {
    const token = await app.signIn('catalogue-inspector', 'inspector');
    const covers = await app.request('GET', '/api/problem-types?class=0101', { token });
    assert.deepEqual(covers.body.map((p: { name_zh: string }) => p.name_zh), ['破损', '缺失', '移位', '异响', '沉降凸起', '标识不清']);
    const event = await app.request('GET', '/api/problem-types?event_class=0401', { token });
    assert.deepEqual(event.body, [{ code: 'E0401', class_code: null, event_class_code: '0401', name_zh: '路面塌陷', name_en: 'Road surface collapse', case_class: 'A' }]);
    const both = await app.request('GET', '/api/problem-types?class=0101&event_class=0401', { token });
    assert.equal(both.status, 400);
    assert.match(both.body.error.message, /not both/);
    assert.equal((await app.request('GET', '/api/problem-types?class=lamp', { token })).status, 400);
  });

  test('is in the OpenAPI document', async () => {
    const { body } = await app.request('GET', '/api/openapi.json');
    assert.ok(body.paths['/api/problem-types']?.get);
    assert.ok(body.components.schemas.ProblemType);
  });
});
