/**
 * HTTP end to end: the rows a survey batch rejects — by rule, with row number, raw attributes and
 * geometry — served as JSON, CSV and GeoJSON, filtered by rule, to the contractor and a dispatcher.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { cgcs2000GkCm120e } from '../../etl/demo/cgcs2000-gk-cm120e.ts';
import { buildZip } from '../../etl/source/fixtures/zip-builder.ts';
import { filesOf, SurveyBatchClient, surveyLayer, surveyUploadLimitBytes, writeDemoSurveyUpload } from '../support/survey-batch-client.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let app: TestApp;
let client: SurveyBatchClient;
let work: string;
let contractor: string;
let dispatcher: string;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-batch-rejects-'));
  let surveyZip: Buffer;
  [db, { zip: surveyZip }] = await Promise.all([openTestDatabase(), writeDemoSurveyUpload(work)]);
  app = await startTestApp(db, { uploadLimitBytes: surveyUploadLimitBytes });
  contractor = await app.signIn('survey-co', 'contractor');
  dispatcher = await app.signIn('dispatcher1', 'dispatcher', 'command-centre');
  client = new SurveyBatchClient(app, db, { contractor }, work);
  // rejects are validated against an inventory that already holds the demo survey
  await client.uploadAndCommit([{ name: '吴中区部件普查.zip', data: surveyZip }]);
});
after(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

// ── rejects ──────────────────────────────────────────────────────────────────────────────────

describe('rejected rows', () => {
  let batchId: number;
  const outside = cgcs2000GkCm120e.forward([119.3, 32.4]) as [number, number];

  before(async () => {
    const [a, b, c, d] = client.demoPoints(4).map(([x, y]) => [x + 3.5, y - 2.25] as [number, number]);
    const dir = path.join(work, 'with-rejects');
    await client.writeSurvey(dir, [
      { type: '路灯', at: a! },
      { type: '飞碟降落点', at: b! }, // row 2: no such class
      { type: '消防栓', at: c! },
      { type: '路灯', at: outside }, // row 4: north of the Yangtze
      { type: '路灯', at: a! }, // row 5: the same lamp as row 1
      { type: '垃圾桶', at: d! },
    ]);
    // zipped the way Windows' "Send to → Compressed folder" does: GBK names, no UTF-8 flag
    const zip = buildZip(filesOf(dir).map((f) => ({ name: iconv.encode(`含错误/${f.name}`, 'gbk'), data: f.data })));
    const batch = await client.uploadAndSettle([{ name: 'rejects.zip', data: zip }], { name: '含错误的调查' });
    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.equal(batch.name, '含错误的调查');
    assert.equal(batch.report.layers[0].path, `含错误/${surveyLayer}.shp`, 'GBK entry names decoded');
    assert.equal(batch.report.counts.read, 6);
    assert.equal(batch.report.counts.accepted, 3);
    assert.equal(batch.report.counts.rejected, 3);
    assert.deepEqual(batch.report.rejectsByRule, { 'batch.duplicate': 1, 'class.unknown': 1, 'geometry.outside_district': 1 });
    batchId = batch.id;
  });

  const rejects = (query = '') => app.request('GET', `/api/survey-batches/${batchId}/rejects${query}`, { token: contractor });

  test('JSON (the default): each reject with its row number, rule, message, raw attributes and geometry', async () => {
    const { status, headers, body } = await rejects();
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(
      body.map((r: { row: number; rule: string }) => [r.row, r.rule]),
      [[2, 'class.unknown'], [4, 'geometry.outside_district'], [5, 'batch.duplicate']],
    );
    const [unknown, far, duplicate] = body;
    assert.equal(unknown.layer, surveyLayer);
    assert.match(unknown.message, /飞碟降落点/);
    assert.equal(unknown.attributes['类型'], '飞碟降落点', 'raw attributes decoded from GBK');
    assert.equal(unknown.geometry.type, 'Point');
    assert.match(far.message, /outside/);
    assert.ok(far.geometry.coordinates[1] > 32.3, 'the geometry is kept, in WGS84');
    assert.match(duplicate.message, /row 1|duplicate/i);
    assert.deepEqual((await rejects('?format=json')).body, body);
  });

  test('&rule= filters to one rule; an unknown format is a 400', async () => {
    const { body } = await rejects('?format=json&rule=class.unknown');
    assert.deepEqual(body.map((r: { row: number }) => r.row), [2]);
    assert.deepEqual((await rejects('?rule=no.such.rule')).body, []);
    const bad = await rejects('?format=xlsx');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /format/);
  });

  test('CSV: UTF-8 with a BOM and a header, one line per reject, as an attachment', async () => {
    const response = await fetch(`${app.url}/api/survey-batches/${batchId}/rejects?format=csv`, { headers: { authorization: `Bearer ${contractor}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    assert.match(response.headers.get('content-disposition') ?? '', new RegExp(`^attachment; filename="?survey-batch-${batchId}-rejects\\.csv"?$`));
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'BOM, so Excel reads it as UTF-8');
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\n');
    assert.equal(lines[0], 'layer,row,source_id,rule,message,attributes,geometry');
    assert.equal(lines.length, 4);
    assert.match(lines[1]!, new RegExp(`^${surveyLayer},2,,class\\.unknown,`));
    assert.match(lines[1]!, /飞碟降落点/);
    const filtered = await fetch(`${app.url}/api/survey-batches/${batchId}/rejects?format=csv&rule=geometry.outside_district`, { headers: { authorization: `Bearer ${contractor}` } });
    const filteredLines = (await filtered.text()).trimEnd().split('\n');
    assert.equal(filteredLines.length, 2);
    assert.match(filteredLines[1]!, /,4,,geometry\.outside_district,/);
  });

  test('GeoJSON: a FeatureCollection whose features carry the reject as properties', async () => {
    const { status, headers, body } = await rejects('?format=geojson');
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /application\/geo\+json/);
    assert.equal(body.type, 'FeatureCollection');
    assert.equal(body.features.length, 3);
    for (const feature of body.features) {
      assert.equal(feature.type, 'Feature');
      assert.equal(feature.geometry.type, 'Point');
      assert.equal(feature.properties.geometry, undefined);
      assert.ok(feature.properties.rule && feature.properties.message && feature.properties.row);
    }
    const only = await rejects('?format=geojson&rule=batch.duplicate');
    assert.deepEqual(only.body.features.map((f: { properties: { row: number } }) => f.properties.row), [5]);
  });

  test('a dispatcher may read the rejects; discarding the batch keeps the inventory as it was', async () => {
    assert.equal((await app.request('GET', `/api/survey-batches/${batchId}/rejects`, { token: dispatcher })).body.length, 3);
    const before = await client.inventory();
    const discarded = await app.request('POST', `/api/survey-batches/${batchId}/discard`, { token: contractor });
    assert.equal(discarded.body.state, 'discarded');
    assert.equal(await client.countWhere('survey_staged', { batch_id: batchId }), 0);
    assert.deepEqual(await client.inventory(), before);
  });
});
