/**
 * HTTP end to end: bad input — hostile zips, broken shapefiles, refused uploads — fails its batch
 * (or is refused) with a reason naming the file, while the inventory stays exactly as it was;
 * and regressions, each pinning a bug found while the API was written.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeDemoSurvey } from '../../etl/demo/demo-survey.ts';
import { buildZip } from '../../etl/source/fixtures/zip-builder.ts';
import {
  filesOf,
  SurveyBatchClient,
  surveyLayer,
  surveyUploadLimitBytes,
  terminalPhases,
  uploadForm,
  writeDemoSurveyUpload,
  type UploadFile,
} from '../support/survey-batch-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { zipFolder } from '../support/survey-zip.ts';

let db: TestDatabase;
let app: TestApp;
let client: SurveyBatchClient;
let work: string;
let contractor: string;
/** The 300-row demo survey: its folder and the zip a contractor would send. */
let surveyDir: string;
let surveyZip: Buffer;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-batch-bad-input-'));
  [db, { dir: surveyDir, zip: surveyZip }] = await Promise.all([openTestDatabase(), writeDemoSurveyUpload(work)]);
  app = await startTestApp(db, { uploadLimitBytes: surveyUploadLimitBytes });
  contractor = await app.signIn('survey-co', 'contractor');
  client = new SurveyBatchClient(app, db, { contractor }, work);
  // bad input must leave a non-empty inventory untouched: commit the demo survey first
  await client.uploadAndCommit([{ name: '吴中区部件普查.zip', data: surveyZip }]);
});
after(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

// ── bad input ────────────────────────────────────────────────────────────────────────────────

describe('bad input leaves the inventory exactly as it was', () => {
  let baseline: { count: number; digest: string };
  const shp = () => fs.readFileSync(path.join(surveyDir, `${surveyLayer}.shp`));
  const sidecars = () => filesOf(surveyDir).filter((f) => !f.name.endsWith('.shp'));

  before(async () => {
    baseline = await client.inventory();
    assert.ok(baseline.count > 0, 'the inventory holds the committed survey');
  });
  after(async () => {
    assert.deepEqual(await client.inventory(), baseline);
  });

  /** Uploads, and expects the batch to fail with a reason matching every pattern and nothing staged. */
  async function expectFailed(files: UploadFile[], ...reason: RegExp[]): Promise<any> {
    const batch = await client.uploadAndSettle(files);
    assert.equal(batch.state, 'failed', JSON.stringify(batch.report?.counts ?? batch));
    for (const pattern of reason) assert.match(batch.error ?? '', pattern);
    assert.equal(await client.countWhere('survey_staged', { batch_id: batch.id }), 0);
    const events = await client.followEvents(batch.id);
    assert.equal(events.at(-1)!.phase, 'failed');
    assert.deepEqual(await client.inventory(), baseline);
    return batch;
  }

  test('a zip with a ../ path: failed, naming the zip and the entry', async () => {
    const zip = buildZip([
      { name: `${surveyLayer}.shx`, data: fs.readFileSync(path.join(surveyDir, `${surveyLayer}.shx`)) },
      { name: `../../${surveyLayer}.shp`, data: shp() },
    ]);
    await expectFailed([{ name: '越界.zip', data: zip }], /越界\.zip/, /\.\.\/\.\.\/部件调查\.shp/, /climbs out|outside/);
  });

  test('a zip bomb: failed, naming the entry and the ratio', async () => {
    const zip = buildZip([{ name: `${surveyLayer}.dbf`, data: Buffer.alloc(24 * 1024 * 1024) }, { name: `${surveyLayer}.shp`, data: shp() }]);
    assert.ok(zip.length < 100_000);
    await expectFailed([{ name: 'bomb.zip', data: zip }], /bomb\.zip/, /部件调查\.dbf/, /zip bomb/);
  });

  test('a truncated .shp: failed, naming the file', async () => {
    const bytes = shp();
    await expectFailed([...sidecars(), { name: `${surveyLayer}.shp`, data: bytes.subarray(0, bytes.length - 30) }], /部件调查\.shp/, /cut off|truncated|ended/);
  });

  test('an HTML page saved as the .prj: failed, naming the .prj', async () => {
    const html = Buffer.from('<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n');
    const files = filesOf(surveyDir).map((f) => (f.name.endsWith('.prj') ? { ...f, data: html } : f));
    await expectFailed(files, /部件调查\.prj/, /not a coordinate system|coordinate/);
  });

  test('garbage named .zip, and a file that is no shapefile: failed with the reason', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251));
    await expectFailed([{ name: 'survey.zip', data: garbage }], /survey\.zip/, /not a readable zip/);
    await expectFailed([{ name: 'notes.txt', data: Buffer.from('现场记录') }], /no shapefile/, /notes\.txt/);
  });

  test('file names with a path in the multipart header are cut to their base names', async () => {
    const files = filesOf(surveyDir).map((f) => ({ ...f, name: `../../${f.name}` }));
    const batch = await client.uploadAndSettle(files);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.deepEqual(batch.files.map((f: { name: string }) => f.name), filesOf(surveyDir).map((f) => f.name));
    assert.equal((await app.request('POST', `/api/survey-batches/${batch.id}/discard`, { token: contractor })).body.state, 'discarded');
  });

  test('refused uploads: over the size limit → 413, no file → 400, a bad form field → 400; no batch is created', async () => {
    const batches = await client.countWhere('survey_batches', {});
    const tooLarge = await client.upload([{ name: 'huge.zip', data: Buffer.alloc(surveyUploadLimitBytes + 1024, 1) }]);
    assert.equal(tooLarge.status, 413, JSON.stringify(tooLarge.body));
    assert.match(tooLarge.body.error.message, /limit/);
    const empty = await app.request('POST', '/api/survey-batches', { form: uploadForm([], { name: 'nothing' }), token: contractor });
    assert.equal(empty.status, 400);
    assert.match(empty.body.error.message, /no file/);
    const badSrs = await client.upload([{ name: 'a.zip', data: surveyZip }], contractor, { srs: '4549' });
    assert.equal(badSrs.status, 400);
    assert.match(badSrs.body.error.message, /srs/);
    const twice = await client.upload([{ name: 'a.shp', data: shp() }, { name: 'a.shp', data: shp() }]);
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /two files named a\.shp/);
    assert.equal(await client.countWhere('survey_batches', {}), batches);
  });
});

// ── regressions: each pins a bug found while the API was written ─────

describe('regressions', () => {
  /** Waits until the batch's validation has published its last event (done or failed). */
  async function validationFinished(id: number): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { body } = await app.request('GET', `/api/survey-batches/${id}`, { token: contractor });
      if (body.progress && terminalPhases.has(body.progress.phase)) return;
      assert.ok(Date.now() < deadline, `batch ${id}: validation still running after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test(
    'a batch discarded while it validates stays discarded, with nothing staged',
    async () => {
      const response = await client.upload([{ name: '吴中区部件普查.zip', data: surveyZip }]);
      assert.equal(response.status, 202);
      const discarded = await app.request('POST', `/api/survey-batches/${response.body.id}/discard`, { token: contractor });
      assert.equal(discarded.status, 200, JSON.stringify(discarded.body));
      assert.equal(discarded.body.state, 'discarded');
      await validationFinished(response.body.id);
      const batch = (await app.request('GET', `/api/survey-batches/${response.body.id}`, { token: contractor })).body;
      try {
        assert.equal(batch.state, 'discarded', 'the discard must win over the validation that was running');
        assert.equal(await client.countWhere('survey_staged', { batch_id: batch.id }), 0);
      } finally {
        // leave no committable batch behind for the tests that follow
        if (batch.state === 'validated') await app.request('POST', `/api/survey-batches/${batch.id}/discard`, { token: contractor });
      }
    },
  );

  test(
    'the same survey validated twice and committed twice adds its components once',
    async () => {
      const dir = path.join(work, 'twice');
      await writeDemoSurvey({ count: 40, outDir: dir, seed: 99 });
      const zip = await zipFolder(dir);
      const first = await client.uploadAndSettle([{ name: 'twice.zip', data: zip }]);
      const second = await client.uploadAndSettle([{ name: 'twice.zip', data: zip }]);
      assert.equal(first.state, 'validated', first.error ?? '');
      assert.equal(second.state, 'validated', second.error ?? '');
      const before = await client.inventory();
      assert.equal((await app.request('POST', `/api/survey-batches/${first.id}/commit`, { token: contractor })).status, 200);
      const afterFirst = await client.inventory();
      assert.equal(afterFirst.count, before.count + first.report.counts.accepted);
      const again = await app.request('POST', `/api/survey-batches/${second.id}/commit`, { token: contractor });
      // either refused as stale (409) or applied as unchanged: never the same components twice
      assert.ok(again.status === 409 || again.status === 200, JSON.stringify(again.body));
      assert.equal((await client.inventory()).count, afterFirst.count, 'no duplicate components');
    },
  );

  test(
    'the upload limit caps the whole upload, not each file',
    async () => {
      const batches = await client.countWhere('survey_batches', {});
      const part = Buffer.alloc(Math.ceil(surveyUploadLimitBytes * 0.6), 7);
      const response = await client.upload([{ name: 'big.shp', data: part }, { name: 'big.dbf', data: part }]);
      if (response.status === 202) await client.settled(response.body.id);
      assert.equal(response.status, 413, `${surveyUploadLimitBytes * 1.2} bytes in all were accepted`);
      assert.equal(await client.countWhere('survey_batches', {}), batches);
    },
  );

  test(
    'a failed loose-file upload names the upload, not the server’s upload folder',
    async () => {
      const batch = await client.uploadAndSettle([{ name: 'notes.txt', data: Buffer.from('现场记录') }]);
      assert.equal(batch.state, 'failed');
      assert.doesNotMatch(batch.error ?? '', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, batch.error ?? '');
    },
  );
});
