/**
 * Database test (PGlite, or PostgreSQL with DATABASE_URL): a survey imported, committed and
 * imported again; updates by position keep codes; concurrent commits never share a code; a
 * broken input fails its batch and leaves the inventory as it was.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { commandLineActor } from '../../api/audit/audit.repository.ts';
import { BatchProgressHub, type BatchProgress } from '../../api/survey-batches/batch-progress.ts';
import { describeInput } from '../../api/survey-batches/input-files.ts';
import { commitBatch, createBatch, validateBatch } from '../../api/survey-batches/survey-batch.service.ts';
import { openTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { commitStaged } from '../load/survey-loader.ts';
import { writeDemoSurvey } from '../demo/demo-survey.ts';
import type { ImportReport } from './import-survey.ts';

let db: TestDatabase;
let work: string;
before(async () => {
  db = await openTestDatabase();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-import-'));
});
after(async () => {
  await db.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function survey(name: string, count: number, seed: number): Promise<string> {
  const dir = path.join(work, name);
  await writeDemoSurvey({ count, outDir: dir, seed });
  return dir;
}

async function importDir(dir: string, events: BatchProgress[] = []) {
  const { checksum, files } = await describeInput(dir);
  const batch = await createBatch(db.knex, { name: path.basename(dir), files, checksum, options: {} }, commandLineActor);
  const hub = new BatchProgressHub();
  hub.subscribe(batch.id, (p) => events.push(p));
  return validateBatch(db.knex, batch.id, dir, hub);
}

const inventory = async () =>
  (await db.knex('components').select('code', 'class_code', 'version', db.knex.raw('ST_AsText(point) as point')).orderBy('code')) as { code: string; class_code: string; version: number; point: string }[];

describe('import → commit → re-import', () => {
  let dir: string;
  let committedCodes: string[];

  test('a survey validates into staging with counts, encoding, CRS and progress events', async () => {
    dir = await survey('first', 300, 11);
    const events: BatchProgress[] = [];
    const batch = await importDir(dir, events);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    const report = batch.report as unknown as ImportReport;
    assert.equal(report.counts.read, 300);
    assert.equal(report.counts.accepted + report.counts.rejected, 300);
    assert.equal(report.counts.new, report.counts.accepted);
    assert.equal(batch.encoding, 'gbk');
    assert.equal(batch.crs, 'EPSG:4549');
    assert.equal(report.layers[0]!.encoding.source, 'ldid');
    assert.ok(report.summary.length > 0 && report.summary.every((s) => s.town_code && s.department_code));
    assert.deepEqual((await inventory()).length, 0, 'validation alone changes no component');
    assert.ok(events.some((e) => e.phase === 'read'));
    assert.equal(events.at(-1)!.phase, 'done');
  });

  test('commit creates the components with 16-digit codes, base grids and pending owners', async () => {
    const [batch] = await db.knex('survey_batches').where({ state: 'validated' }).orderBy('id', 'desc');
    const committed = await commitBatch(db.knex, batch.id, commandLineActor);
    assert.equal(committed.state, 'committed');
    const rows = await db.knex('components as c').join('grids as g', 'g.id', 'c.grid_id').select('c.code', 'c.class_code', 'c.ownership_status', 'c.department_id', 'g.level');
    assert.equal(rows.length, (batch.report as unknown as ImportReport).counts.accepted);
    for (const row of rows) {
      assert.match(row.code, /^320506\d{10}$/);
      assert.equal(row.code.slice(6, 10), row.class_code);
      assert.equal(row.level, 4, 'located in a base grid');
      assert.equal(row.ownership_status, 'pending');
      assert.ok(row.department_id);
    }
    // serials run 1..n per class
    const byClass = new Map<string, number[]>();
    for (const row of rows) byClass.set(row.class_code, [...(byClass.get(row.class_code) ?? []), Number(row.code.slice(10))]);
    for (const [classCode, serials] of byClass) {
      assert.deepEqual(serials.sort((a, b) => a - b), serials.map((_, i) => i + 1), `class ${classCode}`);
    }
    committedCodes = rows.map((r) => r.code).sort();
    const audit = await db.knex('audit_log').where({ entity: 'survey_batch', entity_id: String(batch.id), action: 'commit' });
    assert.equal(audit.length, 1);
  });

  test('the same survey again: every row unchanged, committing it changes nothing', async () => {
    const before = await inventory();
    const batch = await importDir(dir);
    const report = batch.report as unknown as ImportReport;
    assert.equal(report.counts.unchanged, report.counts.accepted);
    assert.equal(report.counts.new, 0);
    assert.ok(report.warnings.some((w) => /same files were committed in survey batch/.test(w)));
    await commitBatch(db.knex, batch.id, commandLineActor);
    assert.deepEqual(await inventory(), before);
    assert.deepEqual(before.map((c) => c.code), committedCodes);
  });

  test('moved by less than the tolerance: an update that keeps its code; moved far: a new component', async () => {
    const moved = path.join(work, 'moved');
    fs.cpSync(dir, moved, { recursive: true });
    const shp = path.join(moved, '部件调查.shp');
    const bytes = fs.readFileSync(shp);
    // Point records: 8-byte header + type (4) + x (8) + y (8), after the 100-byte file header
    const nudge = (row: number, metres: number) => {
      const at = 100 + (row - 1) * 28 + 12;
      bytes.writeDoubleLE(bytes.readDoubleLE(at) + metres, at);
    };
    nudge(1, 0.4);
    nudge(2, 0.4);
    nudge(3, 40);
    fs.writeFileSync(shp, bytes);

    const before = await inventory();
    const batch = await importDir(moved);
    const report = batch.report as unknown as ImportReport;
    assert.equal(report.counts.update, 2, JSON.stringify(report.counts));
    assert.equal(report.counts.new, 1);
    assert.equal(report.counts.unchanged, report.counts.accepted - 3);
    await commitBatch(db.knex, batch.id, commandLineActor);

    const after = await inventory();
    assert.equal(after.length, before.length + 1, 'the far one is new; nothing is deleted');
    const changed = after.filter((c) => c.version === 2);
    assert.equal(changed.length, 2);
    for (const c of changed) assert.ok(before.some((b) => b.code === c.code && b.point !== c.point), `${c.code} kept its code and moved`);
    const audits = await db.knex('audit_log').where({ entity: 'component', action: 'update' });
    assert.equal(audits.length, 2);
    for (const a of audits) assert.ok(a.details.moved_m > 0.3 && a.details.moved_m < 0.5, `moved ${a.details.moved_m} m`);
  });
});

test('two batches committed at once never share a code', async () => {
  const [a, b] = await Promise.all([survey('concurrent-a', 200, 21), survey('concurrent-b', 200, 22)]);
  const batchA = await importDir(a);
  const batchB = await importDir(b);
  const before = (await inventory()).length;
  await Promise.all([commitBatch(db.knex, batchA.id, commandLineActor), commitBatch(db.knex, batchB.id, commandLineActor)]);
  const codes = (await inventory()).map((c) => c.code);
  assert.equal(new Set(codes).size, codes.length, 'codes are unique');
  const added = (batchA.report as unknown as ImportReport).counts.new + (batchB.report as unknown as ImportReport).counts.new;
  assert.equal(codes.length, before + added);
  const serials = await db.knex('component_serials').select('class_code', 'last_serial');
  for (const { class_code, last_serial } of serials) {
    const ofClass = codes.filter((c) => c.slice(6, 10) === class_code).map((c) => Number(c.slice(10)));
    assert.equal(Math.max(...ofClass), last_serial, `class ${class_code}: the last serial is the highest code`);
  }
});

test('a truncated .shp fails its batch with the file and rule, and the inventory is untouched', async () => {
  const dir = await survey('truncated', 100, 31);
  const shp = path.join(dir, '部件调查.shp');
  fs.truncateSync(shp, fs.statSync(shp).size - 30);
  const before = await inventory();
  const batch = await importDir(dir);
  assert.equal(batch.state, 'failed');
  assert.match(batch.error ?? '', /部件调查\.shp/);
  assert.match(batch.error ?? '', /truncated|shorter|ends/i);
  assert.deepEqual(await inventory(), before);
  assert.equal(Number((await db.knex('survey_staged').where({ batch_id: batch.id }).count({ n: '*' }))[0]!.n), 0);
});

test('a bulk commit drops and restores the foreign keys (validated) and indexes of components', async () => {
  const structure = async () => ({
    constraints: (await db.knex.raw(`select conname, pg_get_constraintdef(oid) as def, convalidated from pg_constraint where conrelid = 'components'::regclass order by conname`)).rows,
    indexes: (await db.knex.raw(`select indexname, indexdef from pg_indexes where tablename = 'components' order by indexname`)).rows,
  });
  const before = await structure();
  const count = (await inventory()).length;
  const dir = await survey('bulk', count + 50, 41);
  const batch = await importDir(dir);
  const added = (batch.report as unknown as ImportReport).counts.new;
  assert.ok(added >= count, 'the batch at least doubles the table, so indexes are rebuilt too');
  await db.knex.transaction((trx) => commitStaged(trx, batch.id, commandLineActor, null, { bulkRows: 1 }));
  const after = await structure();
  assert.deepEqual(after, before, 'the same constraints (all validated) and indexes as before');
  assert.ok(after.constraints.every((c: { convalidated: boolean }) => c.convalidated));
  const codes = (await inventory()).map((c) => c.code);
  assert.equal(codes.length, count + added);
  assert.equal(new Set(codes).size, codes.length);
});
