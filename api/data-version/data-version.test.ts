import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { seedComponents } from '../../test/support/component-seed.ts';
import { readDataVersion } from './data-version.repository.ts';

let db: TestDatabase;
before(async () => {
  db = await openTestDatabase();
});
after(() => db?.close());

test('a committed survey, a component update and a rolled-back write each move the version as they should', async () => {
  const start = await readDataVersion(db.knex);
  assert.ok(start >= 1);

  assert.equal(await seedComponents(db.knex, 300), 300);
  const afterImport = await readDataVersion(db.knex);
  assert.ok(afterImport > start, `import: ${start} → ${afterImport}`);

  await db.knex('components').where('id', '<', 0).update({ version: 2 });
  const afterEmptyUpdate = await readDataVersion(db.knex);
  assert.equal(afterEmptyUpdate, afterImport + 1, 'a statement counts even when it touched no row');

  await db.knex.transaction(async (trx) => {
    await trx('components').update({ ownership_status: 'confirmed' }).where('id', '=', trx('components').min('id'));
    await trx.rollback();
  }).catch(() => undefined);
  assert.equal(await readDataVersion(db.knex), afterEmptyUpdate, 'a rolled-back write leaves the version');

  await db.knex.transaction(async (trx) => {
    await trx('components').update({ ownership_status: 'confirmed' }).where('id', '=', trx('components').min('id'));
    // inside the writing transaction the new version is visible; outside it is not yet
    assert.equal(await readDataVersion(trx), afterEmptyUpdate + 1);
  });
  assert.equal(await readDataVersion(db.knex), afterEmptyUpdate + 1);
});
