/**
 * HTTP end to end: a contractor's survey upload (zip or loose files) → validation with progress
 * events → preview, commit or discard; who may see and decide; and the OpenAPI document.
 * Rejected rows are in survey-batch-rejects.test.ts; bad input and regressions in
 * survey-batch-bad-input.test.ts.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  filesOf,
  SurveyBatchClient,
  surveyLayer,
  surveyUploadLimitBytes,
  terminalPhases,
  uploadForm,
  writeDemoSurveyUpload,
} from '../support/survey-batch-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let app: TestApp;
let client: SurveyBatchClient;
let work: string;
let contractor: string;
let otherContractor: string;
let dispatcher: string;
let owner: string;
/** The 300-row demo survey: its folder and the zip a contractor would send. */
let surveyDir: string;
let surveyZip: Buffer;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-batches-api-'));
  [db, { dir: surveyDir, zip: surveyZip }] = await Promise.all([openTestDatabase(), writeDemoSurveyUpload(work)]);
  app = await startTestApp(db, { uploadLimitBytes: surveyUploadLimitBytes });
  contractor = await app.signIn('survey-co', 'contractor');
  otherContractor = await app.signIn('rival-survey-co', 'contractor');
  dispatcher = await app.signIn('dispatcher1', 'dispatcher', 'command-centre');
  owner = await app.signIn('owner-water', 'owner', 'water-supply');
  client = new SurveyBatchClient(app, db, { contractor }, work);
});
after(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

// ── the happy path ───────────────────────────────────────────────────────────────────────────

describe('upload → validate → preview → commit', () => {
  let batchId: number;
  let accepted: number;

  test('a contractor uploads a zip: 202 with the batch; events run to done; the batch validates with its report', async () => {
    const before = await client.inventory();
    const response = await client.upload([{ name: '吴中区部件普查.zip', data: surveyZip }]);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    assert.equal(response.headers.get('location'), `/api/survey-batches/${response.body.id}`);
    assert.equal(response.body.state, 'uploaded');
    assert.equal(response.body.name, '吴中区部件普查.zip');
    assert.deepEqual(response.body.files, [{ name: '吴中区部件普查.zip', bytes: surveyZip.length }]);
    assert.match(response.body.checksum, /^[0-9a-f]{64}$/);
    batchId = response.body.id;

    const [events, batch] = await Promise.all([client.followEvents(batchId), client.settled(batchId)]);
    assert.ok(events.length > 0, 'at least the terminal event');
    assert.equal(events.at(-1)!.phase, 'done', JSON.stringify(events.at(-1)));
    assert.equal(events.at(-1)!.rowsDone, 300);
    assert.ok(events.every((e) => e.batchId === batchId));

    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.equal(batch.encoding, 'gbk');
    assert.equal(batch.crs, 'EPSG:4549');
    const { counts, summary, layers } = batch.report;
    assert.equal(counts.read, 300);
    assert.equal(counts.accepted + counts.rejected, 300);
    assert.ok(counts.accepted >= 290, `accepted ${counts.accepted}`);
    assert.equal(counts.new, counts.accepted, 'nothing in the inventory yet: every accepted row is new');
    assert.deepEqual(batch.counts, counts);
    assert.equal(layers.length, 1);
    assert.equal(layers[0].name, surveyLayer);
    assert.match(layers[0].path, /吴中区部件普查\/部件调查\.shp$/);
    assert.equal(layers[0].encoding.encoding, 'gbk');
    // summary rows by class, town and owner, adding up to the accepted rows
    assert.ok(summary.length > 1);
    for (const row of summary) {
      assert.match(row.class_code, /^\d{4}$/);
      assert.ok(row.class_name_zh && row.town_code && row.town_name_zh && row.department_code, JSON.stringify(row));
      assert.equal(row.action, 'new');
    }
    assert.equal(summary.reduce((n: number, row: { count: number }) => n + row.count, 0), counts.accepted);
    assert.ok(new Set(summary.map((row: { class_code: string }) => row.class_code)).size > 5, 'several classes');
    accepted = counts.accepted;

    assert.deepEqual(await client.inventory(), before, 'validation alone changes no component');
    assert.equal(await client.countWhere('survey_staged', { batch_id: batchId }), accepted);
  });

  test('the same survey as loose .shp .shx .dbf .prj files validates the same; discarding it drops its staged rows', async () => {
    const files = filesOf(surveyDir);
    assert.deepEqual(files.map((f) => path.extname(f.name)).sort(), ['.dbf', '.prj', '.shp', '.shx']);
    const batch = await client.uploadAndSettle(files);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.deepEqual(batch.files.map((f: { name: string }) => f.name), files.map((f) => f.name));
    assert.equal(batch.name, `${surveyLayer}.dbf`, 'named after its first file when the form gives no name');
    assert.equal(batch.encoding, 'gbk');
    assert.equal(batch.crs, 'EPSG:4549');
    assert.equal(batch.report.counts.read, 300);
    assert.equal(batch.report.counts.accepted, accepted);
    assert.ok(await client.countWhere('survey_staged', { batch_id: batch.id }) > 0);

    const before = await client.inventory();
    const discarded = await app.request('POST', `/api/survey-batches/${batch.id}/discard`, { token: contractor });
    assert.equal(discarded.status, 200, JSON.stringify(discarded.body));
    assert.equal(discarded.body.state, 'discarded');
    assert.equal(await client.countWhere('survey_staged', { batch_id: batch.id }), 0);
    assert.equal(await client.countWhere('audit_log', { entity: 'survey_batch', entity_id: String(batch.id), action: 'discard' }), 1);
    assert.deepEqual(await client.inventory(), before);
    const again = await app.request('POST', `/api/survey-batches/${batch.id}/commit`, { token: contractor });
    assert.equal(again.status, 409, 'a discarded batch cannot be committed');
    assert.match(again.body.error.message, /discarded/);
  });

  test('another contractor: 404 for the batch, its events and rejects, and cannot commit or discard it; its list omits it', async () => {
    for (const [method, suffix] of [['GET', ''], ['GET', '/events'], ['GET', '/rejects'], ['GET', '/staged'], ['POST', '/commit'], ['POST', '/discard']] as const) {
      const response = await app.request(method, `/api/survey-batches/${batchId}${suffix}`, { token: otherContractor });
      assert.equal(response.status, 404, `${method} ${suffix}: ${JSON.stringify(response.body)}`);
    }
    const list = await app.request('GET', '/api/survey-batches', { token: otherContractor });
    assert.equal(list.status, 200);
    assert.ok(!list.body.some((b: { id: number }) => b.id === batchId));
    const own = await app.request('GET', '/api/survey-batches', { token: contractor });
    assert.ok(own.body.some((b: { id: number }) => b.id === batchId));
    assert.equal((await client.settled(batchId)).state, 'validated', 'still there, untouched');
  });

  test('a dispatcher reads the batch but may not commit (403); an owner may not list (403); no token: 401', async () => {
    const read = await app.request('GET', `/api/survey-batches/${batchId}`, { token: dispatcher });
    assert.equal(read.status, 200);
    assert.equal(read.body.id, batchId);
    const list = await app.request('GET', '/api/survey-batches', { token: dispatcher });
    assert.ok(list.body.some((b: { id: number }) => b.id === batchId), 'a dispatcher sees every contractor’s batches');
    const commit = await app.request('POST', `/api/survey-batches/${batchId}/commit`, { token: dispatcher });
    assert.equal(commit.status, 403);
    assert.match(commit.body.error.message, /contractor, admin/);
    assert.equal((await client.upload([{ name: 'x.zip', data: surveyZip }], dispatcher)).status, 403);

    assert.equal((await app.request('GET', '/api/survey-batches', { token: owner })).status, 403);
    assert.equal((await app.request('GET', `/api/survey-batches/${batchId}`, { token: owner })).status, 403);

    assert.equal((await app.request('GET', '/api/survey-batches')).status, 401);
    assert.equal((await app.request('GET', `/api/survey-batches/${batchId}`)).status, 401);
    assert.equal((await app.request('POST', `/api/survey-batches/${batchId}/commit`)).status, 401);
    assert.equal((await app.request('POST', '/api/survey-batches', { form: uploadForm([{ name: 'x.zip', data: surveyZip }]) })).status, 401);
    assert.equal((await client.settled(batchId)).state, 'validated');
  });

  test("the preview map's rows: every accepted row at its staged point, an even sample beyond the limit, a box narrows them", async () => {
    const all = await app.request('GET', `/api/survey-batches/${batchId}/staged?limit=5000`, { token: dispatcher });
    assert.equal(all.status, 200, JSON.stringify(all.body));
    assert.equal(all.body.type, 'FeatureCollection');
    assert.equal(all.body.total, accepted);
    assert.equal(all.body.features.length, accepted);
    const staged: { id: string; layer: string; row_number: number; class_code: string; lon: number; lat: number }[] = await db
      .knex('survey_staged')
      .where({ batch_id: batchId })
      .select('id', 'layer', 'row_number', 'class_code', db.knex.raw('ST_X(point) as lon, ST_Y(point) as lat'));
    const byId = new Map(staged.map((row) => [Number(row.id), row]));
    for (const feature of all.body.features) {
      const row = byId.get(feature.id)!;
      assert.deepEqual(feature.properties, { layer: row.layer, row: row.row_number, class_code: row.class_code.trim(), action: 'new' });
      assert.deepEqual(feature.geometry.coordinates, [row.lon, row.lat]);
    }
    const [west, south, east, north] = all.body.extent;
    assert.ok(staged.every((row) => row.lon >= west && row.lon <= east && row.lat >= south && row.lat <= north) && staged.some((row) => row.lon === west));

    const sample = await app.request('GET', `/api/survey-batches/${batchId}/staged?limit=25`, { token: contractor });
    assert.equal(sample.body.total, accepted);
    assert.ok(sample.body.features.length <= 25 && sample.body.features.length >= 15, `${sample.body.features.length} of ${accepted}`);
    const ids = sample.body.features.map((f: { id: number }) => f.id);
    assert.ok(Math.max(...ids) - Math.min(...ids) > accepted / 2, 'spread over the batch, not its first rows');

    const box = [west, south, (west + east) / 2, (south + north) / 2];
    const inBox = staged.filter((row) => row.lon <= box[2]! && row.lat <= box[3]!);
    const boxed = await app.request('GET', `/api/survey-batches/${batchId}/staged?bbox=${box.join(',')}`, { token: contractor });
    assert.equal(boxed.body.total, inBox.length);
    assert.deepEqual(boxed.body.features.map((f: { id: number }) => f.id).sort(), inBox.map((row) => Number(row.id)).sort());
    assert.equal(boxed.body.extent, null);

    const bad = await app.request('GET', `/api/survey-batches/${batchId}/staged?bbox=1,2,3`, { token: contractor });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /bbox is four numbers/);
  });

  test('commit: 200, committed; components with 16-digit 320506 codes; an audit entry; again → 409; discard → 409', async () => {
    const response = await app.request('POST', `/api/survey-batches/${batchId}/commit`, { token: contractor });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.state, 'committed');
    assert.ok(response.body.committed_at);
    assert.equal(response.body.counts.new, accepted);

    const components = await db.knex('components').where({ survey_batch_id: batchId }).select('code', 'class_code', 'grid_id', 'department_id', 'ownership_status');
    assert.equal(components.length, accepted);
    assert.equal((await app.request('GET', `/api/survey-batches/${batchId}/staged`, { token: contractor })).body.total, 0, 'nothing staged once committed');
    assert.equal((await client.inventory()).count, accepted);
    for (const c of components) {
      assert.match(c.code, /^320506\d{10}$/);
      assert.equal(c.code.slice(6, 10), c.class_code);
      assert.ok(c.grid_id, `${c.code} has a grid`);
      assert.ok(c.department_id, `${c.code} has an owner`);
      assert.equal(c.ownership_status, 'pending');
    }
    assert.equal(new Set(components.map((c) => c.code)).size, components.length, 'codes are unique');
    assert.equal(await client.countWhere('survey_staged', { batch_id: batchId }), 0, 'staging is emptied');

    const audit = await db.knex('audit_log').where({ entity: 'survey_batch', entity_id: String(batchId), action: 'commit' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].username, 'survey-co');
    assert.equal(audit[0].role, 'contractor');
    assert.equal(audit[0].details.created, accepted);
    assert.ok(audit[0].request_id);

    const before = await client.inventory();
    const again = await app.request('POST', `/api/survey-batches/${batchId}/commit`, { token: contractor });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /committed/);
    assert.equal(again.body.error.details.state, 'committed');
    const discard = await app.request('POST', `/api/survey-batches/${batchId}/discard`, { token: contractor });
    assert.equal(discard.status, 409);
    assert.match(discard.body.error.message, /committed/);
    assert.deepEqual(await client.inventory(), before);

    const events = await client.followEvents(batchId);
    assert.equal(events.length, 1, 'a finished batch answers with one event and closes');
    assert.ok(terminalPhases.has(events[0]!.phase));
  });

  test('the same zip again: validated with every row unchanged and a warning naming the earlier batch; committing it changes nothing', async () => {
    const before = await client.inventory();
    const codes = (await db.knex('components').orderBy('code').pluck('code')) as string[];
    const batch = await client.uploadAndSettle([{ name: '吴中区部件普查.zip', data: surveyZip }]);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    const { counts, warnings } = batch.report;
    assert.equal(counts.unchanged, counts.accepted);
    assert.equal(counts.accepted, accepted);
    assert.equal(counts.new, 0);
    assert.equal(counts.update, 0);
    assert.ok(
      warnings.some((w: string) => w.includes(`survey batch ${batchId}`)),
      `a warning names batch ${batchId}: ${JSON.stringify(warnings)}`,
    );

    const committed = await app.request('POST', `/api/survey-batches/${batch.id}/commit`, { token: contractor });
    assert.equal(committed.status, 200, JSON.stringify(committed.body));
    assert.equal(committed.body.state, 'committed');
    assert.equal(committed.body.counts.new, 0);
    assert.deepEqual(await client.inventory(), before);
    assert.deepEqual(await db.knex('components').orderBy('code').pluck('code'), codes);
  });
});

// ── the OpenAPI document ─────────────────────────────────────────────────────────────────────

test('the OpenAPI document lists the survey-batch paths, with multipart/form-data for the upload', async () => {
  const { status, body } = await app.request('GET', '/api/openapi.json');
  assert.equal(status, 200);
  const paths = body.paths;
  assert.ok(paths['/api/survey-batches'].post, 'upload');
  assert.ok(paths['/api/survey-batches'].get, 'list');
  assert.ok(paths['/api/survey-batches/{id}'].get);
  assert.ok(paths['/api/survey-batches/{id}/events'].get);
  assert.ok(paths['/api/survey-batches/{id}/rejects'].get);
  assert.ok(paths['/api/survey-batches/{id}/commit'].post);
  assert.ok(paths['/api/survey-batches/{id}/discard'].post);
  const upload = paths['/api/survey-batches'].post;
  assert.ok(upload.requestBody.content['multipart/form-data'], JSON.stringify(upload.requestBody));
  assert.ok(upload.responses['202']);
  assert.ok(paths['/api/survey-batches/{id}/events'].get.responses['200'].content['text/event-stream']);
  const formats = paths['/api/survey-batches/{id}/rejects'].get.parameters.find((p: { name: string }) => p.name === 'format');
  assert.deepEqual(formats.schema.enum, ['json', 'csv', 'geojson']);
});
