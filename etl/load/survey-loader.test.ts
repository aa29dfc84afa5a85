/**
 * Database test (PGlite, or PostgreSQL with DATABASE_URL): staged rows read back exactly as they
 * were handed over, whichever way they travel (COPY for points on a server, the JSON statement
 * otherwise) — text with backslashes, tabs and line breaks included.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { stageRows, type StagedRow } from './survey-loader.ts';

let db: TestDatabase;
let batchId: number;
before(async () => {
  db = await openTestDatabase();
  [{ id: batchId }] = await db.knex('survey_batches').insert({ checksum: 'staging-test' }).returning('id');
});
after(() => db.close());

const awkward = 'C:\\照片\\井盖 1.jpg\tsecond column\nnext line\r\n"quoted" \\N';

const rows: StagedRow[] = [
  {
    layer: '井盖\t2024\\新',
    row: 1,
    classCode: '0101',
    sourceCode: '3205060101000001',
    geometry: { type: 'Point', coordinates: [120.61234567890123, 31.251] },
    point: [120.61234567890123, 31.251],
    attributes: { name: awkward, extra: { 备注: 'a\\b', empty: null, n: 1.5 } },
    gridId: null,
    departmentId: null,
    photo: null,
  },
  {
    layer: 'plain',
    row: 2,
    classCode: '0118',
    sourceCode: null,
    // a Z ordinate is not staged: geom and point are the row's 2D point
    geometry: { type: 'Point', coordinates: [120.5, 31.2, 7] },
    point: [120.5, 31.2],
    attributes: {},
    gridId: null,
    departmentId: null,
  },
  {
    layer: 'lines',
    row: 3,
    classCode: '0201',
    sourceCode: null,
    geometry: { type: 'LineString', coordinates: [[120.5, 31.2], [120.501, 31.2005]] },
    point: [120.5005, 31.20025],
    attributes: { note: awkward },
    gridId: null,
    departmentId: null,
    photo: 'f'.repeat(64),
  },
];

test('staged rows keep their text, numbers and geometry exactly', async () => {
  await stageRows(db.knex, batchId, rows);
  const staged = (
    await db.knex.raw(
      `select layer, row_number, class_code, source_code, attributes, grid_id, department_id, photo,
              ST_AsText(geom) as geom, ST_OrderingEquals(geom, point) as geom_is_point, ST_X(point) as x, ST_Y(point) as y, ST_SRID(geom) as geom_srid, ST_SRID(point) as point_srid
       from survey_staged where batch_id = ? order by row_number`,
      [batchId],
    )
  ).rows;
  assert.deepEqual(
    staged.map((s: Record<string, unknown>) => [s.layer, s.row_number, s.class_code, s.source_code, s.attributes, s.photo, s.geom_srid, s.point_srid, s.x, s.y]),
    rows.map((r) => [r.layer, r.row, r.classCode, r.sourceCode, r.attributes, r.photo ?? null, 4326, 4326, r.point[0], r.point[1]]),
  );
  assert.deepEqual(
    staged.map((s: { geom_is_point: boolean }) => s.geom_is_point),
    [true, true, false],
  );
  assert.equal(staged[2].geom, 'LINESTRING(120.5 31.2,120.501 31.2005)');
});

test("inside a caller's transaction the rows are staged in it, and go when it rolls back", async () => {
  const before = await db.knex('survey_staged').where({ batch_id: batchId }).count({ n: '*' });
  await assert.rejects(
    db.knex.transaction(async (trx) => {
      await stageRows(trx, batchId, rows);
      const inside = await trx('survey_staged').where({ batch_id: batchId }).count({ n: '*' });
      assert.equal(Number(inside[0]!.n), Number(before[0]!.n) + rows.length);
      throw new Error('roll back');
    }),
    /roll back/,
  );
  assert.deepEqual(await db.knex('survey_staged').where({ batch_id: batchId }).count({ n: '*' }), before);
});
