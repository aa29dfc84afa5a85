/**
 * HTTP end to end: a contractor's survey upload (zip or loose files) → validation with progress
 * events → preview, rejects, commit or discard; who may see and decide; and bad input that fails
 * its batch (or is refused) while the inventory stays exactly as it was.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { CGCS2000_GK_CM_120E_ESRI_WKT, cgcs2000GkCm120e } from '../../etl/demo/cgcs2000-gk-cm120e.ts';
import { writeDemoSurvey } from '../../etl/demo/demo-survey.ts';
import type { DbfValue } from '../../etl/demo/dbf-writer.ts';
import { PointShapefileWriter } from '../../etl/demo/shapefile-writer.ts';
import { DEMO_SURVEY_FIELDS } from '../../etl/demo/survey-row-generator.ts';
import { buildZip } from '../../etl/source/fixtures/zip-builder.ts';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { zipFolder } from '../support/survey-zip.ts';

const uploadLimitBytes = 2 * 1024 * 1024;
const layer = '部件调查';

let db: TestDatabase;
let app: TestApp;
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
  surveyDir = path.join(work, 'survey');
  [db] = await Promise.all([openTestDatabase(), writeDemoSurvey({ count: 300, outDir: surveyDir, seed: 5 })]);
  surveyZip = await zipFolder(surveyDir, '吴中区部件普查');
  app = await startTestApp(db, { uploadLimitBytes });
  contractor = await app.signIn('survey-co', 'contractor');
  otherContractor = await app.signIn('rival-survey-co', 'contractor');
  dispatcher = await app.signIn('dispatcher1', 'dispatcher', 'command-centre');
  owner = await app.signIn('owner-water', 'owner', 'water-supply');
});
after(async () => {
  await app?.close();
  await db?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

// ── helpers ──────────────────────────────────────────────────────────────────────────────────

interface UploadFile {
  name: string;
  data: Buffer;
}

interface Progress {
  batchId: number;
  phase: string;
  rowsDone: number;
  rowsTotal: number;
  message?: string;
}

const terminalPhases = new Set(['done', 'failed', 'committed']);

function form(files: readonly UploadFile[], fields: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const file of files) body.append('files', new Blob([new Uint8Array(file.data)]), file.name);
  return body;
}

function filesOf(dir: string): UploadFile[] {
  return fs.readdirSync(dir).sort().map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) }));
}

function upload(files: readonly UploadFile[], token = contractor, fields: Record<string, string> = {}): Promise<TestResponse> {
  return app.request('POST', '/api/survey-batches', { form: form(files, fields), token });
}

/** Polls the batch until validation has finished (any state but uploaded). */
async function settled(id: number, token = contractor): Promise<any> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { status, body } = await app.request('GET', `/api/survey-batches/${id}`, { token });
    assert.equal(status, 200, JSON.stringify(body));
    if (body.state !== 'uploaded') return body;
    assert.ok(Date.now() < deadline, `batch ${id} still uploaded after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Uploads and waits for the outcome of validation. */
async function uploadAndSettle(files: readonly UploadFile[], fields: Record<string, string> = {}): Promise<any> {
  const response = await upload(files, contractor, fields);
  assert.equal(response.status, 202, JSON.stringify(response.body));
  return settled(response.body.id);
}

/**
 * Follows /events to the end of the stream: the server-sent events' `data:` lines parsed as
 * JSON. The server is expected to close the stream after the terminal event.
 */
async function followEvents(id: number, token = contractor): Promise<Progress[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30_000);
  try {
    const response = await fetch(`${app.url}/api/survey-batches/${id}/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const events: Progress[] = [];
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
        if (data.length > 0) events.push(JSON.parse(data.join('\n')) as Progress);
      }
    }
    return events;
  } finally {
    clearTimeout(timer);
  }
}

/** The number of components and a digest of every one of them (code, class, geometry, attributes, grid, owner, version). */
async function inventory(): Promise<{ count: number; digest: string }> {
  const { rows } = await db.knex.raw(`
    select count(*)::int as count,
           coalesce(md5(string_agg(
             concat_ws('|', code, class_code, ST_AsText(geom), attributes::text, grid_id, department_id, ownership_status, survey_batch_id, version),
             ',' order by code)), '') as digest
    from components`);
  return rows[0];
}

const countWhere = async (table: string, where: Record<string, unknown>) => Number((await db.knex(table).where(where).count({ n: '*' }))[0]!.n);

/** Points (GK CM120E metres) of the demo survey's first rows: positions inside the district. */
function demoPoints(count: number): [number, number][] {
  const shp = fs.readFileSync(path.join(surveyDir, `${layer}.shp`));
  // point records: 8-byte header + type (4) + x (8) + y (8), after the 100-byte file header
  return Array.from({ length: count }, (_, i) => [shp.readDoubleLE(100 + i * 28 + 12), shp.readDoubleLE(100 + i * 28 + 20)]);
}

/** A small GBK CGCS2000 survey with the given rows (类型 and position; other columns filled in). */
async function writeSurvey(dir: string, rows: { type: string; at: [number, number] }[]): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const writer = await PointShapefileWriter.create(path.join(dir, layer), {
    fields: DEMO_SURVEY_FIELDS,
    prj: CGCS2000_GK_CM_120E_ESRI_WKT,
    encoding: 'gbk',
    languageDriver: 0x4d,
    updated: new Date(2024, 3, 1),
  });
  for (const [i, row] of rows.entries()) {
    const values: DbfValue[] = ['', row.type, `测试${row.type}${i + 1}`, '完好', '', '', '20240310', '', ''];
    writer.add(row.at[0], row.at[1], values);
  }
  await writer.close();
}

// ── the happy path ───────────────────────────────────────────────────────────────────────────

describe('upload → validate → preview → commit', () => {
  let batchId: number;
  let accepted: number;

  test('a contractor uploads a zip: 202 with the batch; events run to done; the batch validates with its report', async () => {
    const before = await inventory();
    const response = await upload([{ name: '吴中区部件普查.zip', data: surveyZip }]);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    assert.equal(response.headers.get('location'), `/api/survey-batches/${response.body.id}`);
    assert.equal(response.body.state, 'uploaded');
    assert.equal(response.body.name, '吴中区部件普查.zip');
    assert.deepEqual(response.body.files, [{ name: '吴中区部件普查.zip', bytes: surveyZip.length }]);
    assert.match(response.body.checksum, /^[0-9a-f]{64}$/);
    batchId = response.body.id;

    const [events, batch] = await Promise.all([followEvents(batchId), settled(batchId)]);
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
    assert.equal(layers[0].name, layer);
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

    assert.deepEqual(await inventory(), before, 'validation alone changes no component');
    assert.equal(await countWhere('survey_staged', { batch_id: batchId }), accepted);
  });

  test('the same survey as loose .shp .shx .dbf .prj files validates the same; discarding it drops its staged rows', async () => {
    const files = filesOf(surveyDir);
    assert.deepEqual(files.map((f) => path.extname(f.name)).sort(), ['.dbf', '.prj', '.shp', '.shx']);
    const batch = await uploadAndSettle(files);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.deepEqual(batch.files.map((f: { name: string }) => f.name), files.map((f) => f.name));
    assert.equal(batch.name, `${layer}.dbf`, 'named after its first file when the form gives no name');
    assert.equal(batch.encoding, 'gbk');
    assert.equal(batch.crs, 'EPSG:4549');
    assert.equal(batch.report.counts.read, 300);
    assert.equal(batch.report.counts.accepted, accepted);
    assert.ok(await countWhere('survey_staged', { batch_id: batch.id }) > 0);

    const before = await inventory();
    const discarded = await app.request('POST', `/api/survey-batches/${batch.id}/discard`, { token: contractor });
    assert.equal(discarded.status, 200, JSON.stringify(discarded.body));
    assert.equal(discarded.body.state, 'discarded');
    assert.equal(await countWhere('survey_staged', { batch_id: batch.id }), 0);
    assert.equal(await countWhere('audit_log', { entity: 'survey_batch', entity_id: String(batch.id), action: 'discard' }), 1);
    assert.deepEqual(await inventory(), before);
    const again = await app.request('POST', `/api/survey-batches/${batch.id}/commit`, { token: contractor });
    assert.equal(again.status, 409, 'a discarded batch cannot be committed');
    assert.match(again.body.error.message, /discarded/);
  });

  test('another contractor: 404 for the batch, its events and rejects, and cannot commit or discard it; its list omits it', async () => {
    for (const [method, suffix] of [['GET', ''], ['GET', '/events'], ['GET', '/rejects'], ['POST', '/commit'], ['POST', '/discard']] as const) {
      const response = await app.request(method, `/api/survey-batches/${batchId}${suffix}`, { token: otherContractor });
      assert.equal(response.status, 404, `${method} ${suffix}: ${JSON.stringify(response.body)}`);
    }
    const list = await app.request('GET', '/api/survey-batches', { token: otherContractor });
    assert.equal(list.status, 200);
    assert.ok(!list.body.some((b: { id: number }) => b.id === batchId));
    const own = await app.request('GET', '/api/survey-batches', { token: contractor });
    assert.ok(own.body.some((b: { id: number }) => b.id === batchId));
    assert.equal((await settled(batchId)).state, 'validated', 'still there, untouched');
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
    assert.equal((await upload([{ name: 'x.zip', data: surveyZip }], dispatcher)).status, 403);

    assert.equal((await app.request('GET', '/api/survey-batches', { token: owner })).status, 403);
    assert.equal((await app.request('GET', `/api/survey-batches/${batchId}`, { token: owner })).status, 403);

    assert.equal((await app.request('GET', '/api/survey-batches')).status, 401);
    assert.equal((await app.request('GET', `/api/survey-batches/${batchId}`)).status, 401);
    assert.equal((await app.request('POST', `/api/survey-batches/${batchId}/commit`)).status, 401);
    assert.equal((await app.request('POST', '/api/survey-batches', { form: form([{ name: 'x.zip', data: surveyZip }]) })).status, 401);
    assert.equal((await settled(batchId)).state, 'validated');
  });

  test('commit: 200, committed; components with 16-digit 320506 codes; an audit entry; again → 409; discard → 409', async () => {
    const response = await app.request('POST', `/api/survey-batches/${batchId}/commit`, { token: contractor });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.state, 'committed');
    assert.ok(response.body.committed_at);
    assert.equal(response.body.counts.new, accepted);

    const components = await db.knex('components').where({ survey_batch_id: batchId }).select('code', 'class_code', 'grid_id', 'department_id', 'ownership_status');
    assert.equal(components.length, accepted);
    assert.equal((await inventory()).count, accepted);
    for (const c of components) {
      assert.match(c.code, /^320506\d{10}$/);
      assert.equal(c.code.slice(6, 10), c.class_code);
      assert.ok(c.grid_id, `${c.code} has a grid`);
      assert.ok(c.department_id, `${c.code} has an owner`);
      assert.equal(c.ownership_status, 'pending');
    }
    assert.equal(new Set(components.map((c) => c.code)).size, components.length, 'codes are unique');
    assert.equal(await countWhere('survey_staged', { batch_id: batchId }), 0, 'staging is emptied');

    const audit = await db.knex('audit_log').where({ entity: 'survey_batch', entity_id: String(batchId), action: 'commit' });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].username, 'survey-co');
    assert.equal(audit[0].role, 'contractor');
    assert.equal(audit[0].details.created, accepted);
    assert.ok(audit[0].request_id);

    const before = await inventory();
    const again = await app.request('POST', `/api/survey-batches/${batchId}/commit`, { token: contractor });
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /committed/);
    assert.equal(again.body.error.details.state, 'committed');
    const discard = await app.request('POST', `/api/survey-batches/${batchId}/discard`, { token: contractor });
    assert.equal(discard.status, 409);
    assert.match(discard.body.error.message, /committed/);
    assert.deepEqual(await inventory(), before);

    const events = await followEvents(batchId);
    assert.equal(events.length, 1, 'a finished batch answers with one event and closes');
    assert.ok(terminalPhases.has(events[0]!.phase));
  });

  test('the same zip again: validated with every row unchanged and a warning naming the earlier batch; committing it changes nothing', async () => {
    const before = await inventory();
    const codes = (await db.knex('components').orderBy('code').pluck('code')) as string[];
    const batch = await uploadAndSettle([{ name: '吴中区部件普查.zip', data: surveyZip }]);
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
    assert.deepEqual(await inventory(), before);
    assert.deepEqual(await db.knex('components').orderBy('code').pluck('code'), codes);
  });
});

// ── rejects ──────────────────────────────────────────────────────────────────────────────────

describe('rejected rows', () => {
  let batchId: number;
  const outside = cgcs2000GkCm120e.forward([119.3, 32.4]) as [number, number];

  before(async () => {
    const [a, b, c, d] = demoPoints(4).map(([x, y]) => [x + 3.5, y - 2.25] as [number, number]);
    const dir = path.join(work, 'with-rejects');
    await writeSurvey(dir, [
      { type: '路灯', at: a! },
      { type: '飞碟降落点', at: b! }, // row 2: no such class
      { type: '消防栓', at: c! },
      { type: '路灯', at: outside }, // row 4: north of the Yangtze
      { type: '路灯', at: a! }, // row 5: the same lamp as row 1
      { type: '垃圾桶', at: d! },
    ]);
    // zipped the way Windows' "Send to → Compressed folder" does: GBK names, no UTF-8 flag
    const zip = buildZip(filesOf(dir).map((f) => ({ name: iconv.encode(`含错误/${f.name}`, 'gbk'), data: f.data })));
    const batch = await uploadAndSettle([{ name: 'rejects.zip', data: zip }], { name: '含错误的调查' });
    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.equal(batch.name, '含错误的调查');
    assert.equal(batch.report.layers[0].path, `含错误/${layer}.shp`, 'GBK entry names decoded');
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
    assert.equal(unknown.layer, layer);
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
    assert.match(lines[1]!, new RegExp(`^${layer},2,,class\\.unknown,`));
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
    const before = await inventory();
    const discarded = await app.request('POST', `/api/survey-batches/${batchId}/discard`, { token: contractor });
    assert.equal(discarded.body.state, 'discarded');
    assert.equal(await countWhere('survey_staged', { batch_id: batchId }), 0);
    assert.deepEqual(await inventory(), before);
  });
});

// ── bad input ────────────────────────────────────────────────────────────────────────────────

describe('bad input leaves the inventory exactly as it was', () => {
  let baseline: { count: number; digest: string };
  const shp = () => fs.readFileSync(path.join(surveyDir, `${layer}.shp`));
  const sidecars = () => filesOf(surveyDir).filter((f) => !f.name.endsWith('.shp'));

  before(async () => {
    baseline = await inventory();
    assert.ok(baseline.count > 0, 'the inventory holds the committed survey');
  });
  after(async () => {
    assert.deepEqual(await inventory(), baseline);
  });

  /** Uploads, and expects the batch to fail with a reason matching every pattern and nothing staged. */
  async function expectFailed(files: UploadFile[], ...reason: RegExp[]): Promise<any> {
    const batch = await uploadAndSettle(files);
    assert.equal(batch.state, 'failed', JSON.stringify(batch.report?.counts ?? batch));
    for (const pattern of reason) assert.match(batch.error ?? '', pattern);
    assert.equal(await countWhere('survey_staged', { batch_id: batch.id }), 0);
    const events = await followEvents(batch.id);
    assert.equal(events.at(-1)!.phase, 'failed');
    assert.deepEqual(await inventory(), baseline);
    return batch;
  }

  test('a zip with a ../ path: failed, naming the zip and the entry', async () => {
    const zip = buildZip([
      { name: `${layer}.shx`, data: fs.readFileSync(path.join(surveyDir, `${layer}.shx`)) },
      { name: `../../${layer}.shp`, data: shp() },
    ]);
    await expectFailed([{ name: '越界.zip', data: zip }], /越界\.zip/, /\.\.\/\.\.\/部件调查\.shp/, /climbs out|outside/);
  });

  test('a zip bomb: failed, naming the entry and the ratio', async () => {
    const zip = buildZip([{ name: `${layer}.dbf`, data: Buffer.alloc(24 * 1024 * 1024) }, { name: `${layer}.shp`, data: shp() }]);
    assert.ok(zip.length < 100_000);
    await expectFailed([{ name: 'bomb.zip', data: zip }], /bomb\.zip/, /部件调查\.dbf/, /zip bomb/);
  });

  test('a truncated .shp: failed, naming the file', async () => {
    const bytes = shp();
    await expectFailed([...sidecars(), { name: `${layer}.shp`, data: bytes.subarray(0, bytes.length - 30) }], /部件调查\.shp/, /cut off|truncated|ended/);
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
    const batch = await uploadAndSettle(files);
    assert.equal(batch.state, 'validated', batch.error ?? '');
    assert.deepEqual(batch.files.map((f: { name: string }) => f.name), filesOf(surveyDir).map((f) => f.name));
    assert.equal((await app.request('POST', `/api/survey-batches/${batch.id}/discard`, { token: contractor })).body.state, 'discarded');
  });

  test('refused uploads: over the size limit → 413, no file → 400, a bad form field → 400; no batch is created', async () => {
    const batches = await countWhere('survey_batches', {});
    const tooLarge = await upload([{ name: 'huge.zip', data: Buffer.alloc(uploadLimitBytes + 1024, 1) }]);
    assert.equal(tooLarge.status, 413, JSON.stringify(tooLarge.body));
    assert.match(tooLarge.body.error.message, /limit/);
    const empty = await app.request('POST', '/api/survey-batches', { form: form([], { name: 'nothing' }), token: contractor });
    assert.equal(empty.status, 400);
    assert.match(empty.body.error.message, /no file/);
    const badSrs = await upload([{ name: 'a.zip', data: surveyZip }], contractor, { srs: '4549' });
    assert.equal(badSrs.status, 400);
    assert.match(badSrs.body.error.message, /srs/);
    const twice = await upload([{ name: 'a.shp', data: shp() }, { name: 'a.shp', data: shp() }]);
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /two files named a\.shp/);
    assert.equal(await countWhere('survey_batches', {}), batches);
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
      const response = await upload([{ name: '吴中区部件普查.zip', data: surveyZip }]);
      assert.equal(response.status, 202);
      const discarded = await app.request('POST', `/api/survey-batches/${response.body.id}/discard`, { token: contractor });
      assert.equal(discarded.status, 200, JSON.stringify(discarded.body));
      assert.equal(discarded.body.state, 'discarded');
      await validationFinished(response.body.id);
      const batch = (await app.request('GET', `/api/survey-batches/${response.body.id}`, { token: contractor })).body;
      try {
        assert.equal(batch.state, 'discarded', 'the discard must win over the validation that was running');
        assert.equal(await countWhere('survey_staged', { batch_id: batch.id }), 0);
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
      const first = await uploadAndSettle([{ name: 'twice.zip', data: zip }]);
      const second = await uploadAndSettle([{ name: 'twice.zip', data: zip }]);
      assert.equal(first.state, 'validated', first.error ?? '');
      assert.equal(second.state, 'validated', second.error ?? '');
      const before = await inventory();
      assert.equal((await app.request('POST', `/api/survey-batches/${first.id}/commit`, { token: contractor })).status, 200);
      const afterFirst = await inventory();
      assert.equal(afterFirst.count, before.count + first.report.counts.accepted);
      const again = await app.request('POST', `/api/survey-batches/${second.id}/commit`, { token: contractor });
      // either refused as stale (409) or applied as unchanged: never the same components twice
      assert.ok(again.status === 409 || again.status === 200, JSON.stringify(again.body));
      assert.equal((await inventory()).count, afterFirst.count, 'no duplicate components');
    },
  );

  test(
    'the upload limit caps the whole upload, not each file',
    async () => {
      const batches = await countWhere('survey_batches', {});
      const part = Buffer.alloc(Math.ceil(uploadLimitBytes * 0.6), 7);
      const response = await upload([{ name: 'big.shp', data: part }, { name: 'big.dbf', data: part }]);
      if (response.status === 202) await settled(response.body.id);
      assert.equal(response.status, 413, `${uploadLimitBytes * 1.2} bytes in all were accepted`);
      assert.equal(await countWhere('survey_batches', {}), batches);
    },
  );

  test(
    'a failed loose-file upload names the upload, not the server’s upload folder',
    async () => {
      const batch = await uploadAndSettle([{ name: 'notes.txt', data: Buffer.from('现场记录') }]);
      assert.equal(batch.state, 'failed');
      assert.doesNotMatch(batch.error ?? '', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, batch.error ?? '');
    },
  );
});
