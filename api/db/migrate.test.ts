/**
 * Database test (PGlite, or PostgreSQL with DATABASE_URL): the migrations go up, down and up
 * again, and the constraints of the domain model hold.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { migrationStatus, prepareDatabase, rollbackAll } from './migrate.ts';
import { migrationSource } from './migrations/index.ts';

const tables = ['meta', 'departments', 'component_classes', 'event_classes', 'grids', 'responsibility_rules', 'users', 'sessions', 'audit_log', 'survey_batches', 'survey_rejects', 'component_serials', 'components', 'cases', 'case_events', 'survey_staged', 'data_version', 'ownership_disputes', 'problem_types', 'case_number_days', 'open311_clients'];

async function existingTables(db: TestDatabase): Promise<string[]> {
  const rows = await db.knex('information_schema.tables').where({ table_schema: 'public' }).pluck('table_name');
  return rows.filter((name: string) => tables.includes(name)).sort();
}

describe('migrations', () => {
  let db: TestDatabase;
  before(async () => {
    db = await openTestDatabase({ prepared: false });
  });
  after(() => db.close());

  test('up creates every table of the domain model, down removes them, up again restores them', async () => {
    assert.deepEqual(await existingTables(db), []);
    const first = await prepareDatabase(db.knex);
    const all = await migrationSource.getMigrations([]);
    assert.deepEqual(first.migrations, all);
    assert.deepEqual(all.slice(0, 6), ['001-reference', '002-users', '003-components', '004-cases', '005-survey-staging', '006-data-version'], 'in order');
    assert.deepEqual([...all].sort(), all, 'named in the order they run');
    assert.equal(first.seeded, true);
    assert.deepEqual(await existingTables(db), [...tables].sort());

    const again = await prepareDatabase(db.knex);
    assert.deepEqual(again, { migrations: [], seeded: false }, 'a second run changes nothing');

    await rollbackAll(db.knex);
    assert.deepEqual(await existingTables(db), []);
    assert.deepEqual((await migrationStatus(db.knex)).applied, []);

    await prepareDatabase(db.knex);
    assert.deepEqual(await existingTables(db), [...tables].sort());
    assert.deepEqual((await migrationStatus(db.knex)).pending, []);
  });

  test('spatial columns have GiST indexes', async () => {
    const rows = await db.knex.raw(`select indexname from pg_indexes where schemaname = 'public' and indexdef ilike '%using gist%' order by 1`);
    assert.deepEqual(
      rows.rows.map((r: { indexname: string }) => r.indexname),
      ['cases_location_gist', 'components_geom_gist', 'components_point_gist', 'grids_geom_gist'],
    );
  });
});

describe('constraints', () => {
  let db: TestDatabase;
  before(async () => {
    db = await openTestDatabase();
  });
  after(() => db.close());

  const component = (code: string, classCode = '0101') => ({
    code,
    class_code: classCode,
    geom: db.knex.raw(`ST_SetSRID(ST_MakePoint(120.6, 31.2), 4326)`),
    point: db.knex.raw(`ST_SetSRID(ST_MakePoint(120.6, 31.2), 4326)`),
  });

  test('a component code is 16 digits whose class part matches the class', async () => {
    await db.knex('components').insert(component('3205060101000001'));
    await assert.rejects(db.knex('components').insert(component('320506010100001')), /components_code_check/, '15 digits');
    await assert.rejects(db.knex('components').insert(component('32050601010000A1')), /components_code_check/, 'a letter');
    await assert.rejects(db.knex('components').insert(component('3205060102000001', '0101')), /components_code_check/, 'class mismatch');
    await assert.rejects(db.knex('components').insert(component('3205060101000001')), /components_code_key|unique/, 'duplicate');
    await assert.rejects(db.knex('components').insert(component('3205069999000001', '9999')), /foreign key/, 'unknown class');
  });

  test('states, roles and ownership statuses are closed lists', async () => {
    await assert.rejects(db.knex('components').insert({ ...component('3205060101000002'), ownership_status: 'maybe' }), /components_ownership_status_check/);
    await assert.rejects(db.knex('users').insert({ username: 'x1', password_hash: 'h', role: 'mayor' }), /users_role_check/);
    await assert.rejects(db.knex('users').insert({ username: 'x2', password_hash: 'h', role: 'owner' }), /users_owner_department_check/);
    await assert.rejects(db.knex('survey_batches').insert({ checksum: 'c', state: 'half-done' }), /survey_batches_state_check/);
  });

  test('a grid of level 1 has no parent and every other level has one', async () => {
    const square = db.knex.raw(`ST_Multi(ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 1,0 0))', 4326))`);
    await assert.rejects(db.knex('grids').insert({ code: '999', level: 2, name_zh: '孤', name_en: 'orphan', geom: square }), /grids_parent_check/);
    await assert.rejects(db.knex('grids').insert({ code: '998', level: 5, parent_id: 1, name_zh: '五', name_en: 'five', geom: square }), /grids_level_check/);
  });

  test('case events are append-only', async () => {
    const [c] = await db.knex('cases').insert({ number: 'T1', source: 'inspector', event_class_code: '0101', location: db.knex.raw(`ST_SetSRID(ST_MakePoint(120.6, 31.2), 4326)`), case_class: 'B' }).returning('id');
    const [e] = await db.knex('case_events').insert({ case_id: c.id, action: 'report', to_state: 'reported' }).returning('id');
    await assert.rejects(db.knex('case_events').where({ id: e.id }).update({ note: 'rewritten' }), /append-only/);
    await assert.rejects(db.knex('case_events').where({ id: e.id }).delete(), /append-only/);
    await assert.rejects(db.knex('cases').insert({ number: 'T2', source: 'inspector', location: db.knex.raw(`ST_SetSRID(ST_MakePoint(120.6, 31.2), 4326)`), case_class: 'B' }), /cases_subject_check/);
  });
});
